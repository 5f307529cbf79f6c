"""Time planverk as a user runs it: whole processes, several runs, median and peak memory.

    .venv/bin/python bench/run.py                 # every measurement, 5 runs each
    .venv/bin/python bench/run.py --runs 3 --readme   # and write the table into bench/README.md

Measures ``planverk --help``; ``planverk validate`` on the shipped plans and on generated plan
sets of 1,000, 10,000 and 50,000 activities; ``planverk render`` of an aktivitetsplan with 5,000
activities and a handlingsplan with 5,000 rows; ``planverk diff`` of two 10,000-activity years
with 10% changed. Beside each validate it times the floor, loading the same YAML files with
PyYAML's C loader and nothing else (bench/floor.py), and a peer, ``check-jsonschema`` with the
JSON Schemas in schemas/ on the same files. Commands that do not exist yet show "saknas".

Each run is one child process, timed from start to exit; its peak resident memory comes from
``os.wait4`` (the child's own rusage). One untimed warm-up run precedes the timed ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/ is not a package)

BIN = Path(sys.executable).parent
PLANVERK = str(BIN / "planverk")
PYTHON = sys.executable
README = BENCH / "README.md"
START, END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
KINDS = ("projekt", "verksamhetsplan", "aktivitetsplan", "handlingsplan")
_KIND = re.compile(r"^typ:\s*(\S+)", re.MULTILINE)


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def rss_mb(self) -> float:
        return max(self.rss_kb) / 1024


@dataclass
class Row:
    label: str
    data: str
    timing: Timing | None  # None: the command does not exist ("saknas")
    ratio: float | None = None
    target: str = ""
    met: bool | None = None


def run_once(argv: Sequence[str], cwd: Path) -> tuple[float, int, int, str]:
    """(seconds, peak RSS in KB, exit code, stderr) of one child process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return seconds, usage.ru_maxrss, proc.returncode, stderr


def measure(
    argv: Sequence[str], cwd: Path, runs: int, ok: Sequence[int] = (0,), budget: float = 60.0
) -> Timing:
    """Time ``runs`` runs after one warm-up; a slow command stops early once over ``budget``."""
    timing = Timing()
    seconds, rss, code, stderr = run_once(argv, cwd)  # warm-up: .pyc files and page cache
    if code not in ok:
        timing.error = f"exit {code}: {stderr.strip().splitlines()[-1] if stderr.strip() else ''}"
    if seconds > 10:  # too slow for the warm-up to matter: count it
        timing.seconds.append(seconds)
        timing.rss_kb.append(rss)
        timing.exit_codes.append(code)
    spent = seconds
    while len(timing.seconds) < runs and (spent < budget or len(timing.seconds) < 1):
        seconds, rss, code, _ = run_once(argv, cwd)
        timing.seconds.append(seconds)
        timing.rss_kb.append(rss)
        timing.exit_codes.append(code)
        spent += seconds
    return timing


def exists(command: str) -> bool:
    probe = subprocess.run(
        [PLANVERK, command, "--help"], cwd=ROOT, capture_output=True, check=False
    )
    return probe.returncode == 0


def files_by_kind(plan_dir: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(plan_dir.rglob("*.yaml")):
        match = _KIND.search(path.read_text(encoding="utf-8"))
        if match and match.group(1) in KINDS:
            found.setdefault(match.group(1), []).append(str(path))
    return found


def peer(plan_dir: Path, runs: int) -> Timing | None:
    """check-jsonschema, one process per plan kind, the times of one round summed."""
    tool = BIN / "check-jsonschema"
    if not tool.exists():
        return None
    total = Timing()
    for kind, files in files_by_kind(plan_dir).items():
        schema = ROOT / "schemas" / f"{kind}.schema.json"
        t = measure([str(tool), "--schemafile", str(schema), *files], plan_dir.parent, runs)
        if t.error:
            total.error = f"{kind}: {t.error}"
        if not total.seconds:
            total.seconds = [0.0] * len(t.seconds)
            total.rss_kb = [0] * len(t.seconds)
        n = min(len(total.seconds), len(t.seconds))
        total.seconds = [a + b for a, b in zip(total.seconds[:n], t.seconds[:n], strict=True)]
        total.rss_kb = [max(a, b) for a, b in zip(total.rss_kb[:n], t.rss_kb[:n], strict=True)]
    return total


def corpus_size(plan_dir: Path) -> str:
    files = list(plan_dir.rglob("*.yaml"))
    size = sum(p.stat().st_size for p in files)
    return f"{len(files)} filer, {size / 1e6:.1f} MB"


def ensure_corpora(seed: int) -> None:
    for mode, out, n in generate.iter_all(seed):
        if not (out / "plans").is_dir():
            print(generate.generate(mode, out, n, seed), file=sys.stderr)


def ensure_schemas() -> None:
    if not any((ROOT / "schemas").glob("*.schema.json")):
        subprocess.run([PLANVERK, "schema"], cwd=ROOT, check=True, capture_output=True)


def collect(runs: int, only: str | None) -> list[Row]:
    rows: list[Row] = []

    def want(name: str) -> bool:
        return only is None or only in name

    if want("help"):
        t = measure([PLANVERK, "--help"], ROOT, runs)
        rows.append(Row("planverk --help", "–", t, target="< 0,120 s", met=t.median < 0.120))
    data_sets = [("validate shipped", "plans/ (levererade)", ROOT / "plans", 0.250)]
    data_sets += [
        (f"validate {n}", f"{n} aktiviteter", generate.CORPUS / f"scale-{n}" / "plans", None)
        for n in generate.SCALES
    ]
    medians: dict[int, float] = {}
    for name, label, plan_dir, limit in data_sets:
        if not want(name):
            continue
        data = f"{label}: {corpus_size(plan_dir)}"
        cwd = plan_dir.parent
        floor = measure([PYTHON, str(BENCH / "floor.py"), str(plan_dir)], cwd, runs)
        rows.append(Row("golv: PyYAML CSafeLoader", data, floor))
        t = measure([PLANVERK, "validate"], cwd, runs)
        ratio = t.median / floor.median
        row = Row("planverk validate", data, t, ratio)
        n = int(name.split()[-1]) if name.split()[-1].isdigit() else 0
        if n:
            medians[n] = t.median
        if limit is not None:
            row.target, row.met = f"< {limit:.3f} s".replace(".", ","), t.median < limit
        elif n == 10_000:
            row.target = "< 1,5 s och ≤ 2× golvet"
            row.met = t.median < 1.5 and ratio <= 2.0
        elif n == 50_000:
            row.target = "≤ 5,5× tiden för 10 000; < 300 MB"
            linear = 10_000 not in medians or t.median <= 5.5 * medians[10_000]
            row.met = t.rss_mb < 300 and linear
        rows.append(row)
        p = peer(plan_dir, runs)
        p_ratio = p.median / floor.median if p and p.seconds else None
        rows.append(Row("check-jsonschema (per typ, summerat)", data, p, p_ratio))
    render_dir = generate.CORPUS / f"render-{generate.RENDER_ACTIVITIES}"
    out = BENCH / "out"
    out.mkdir(exist_ok=True)
    if want("render"):
        present = exists("render")
        data = f"{generate.RENDER_ACTIVITIES} aktiviteter: {corpus_size(render_dir / 'plans')}"
        for what, extra in (("aktivitetsplan", []), ("handlingsplan", ["--kind", "handlingsplan"])):
            t = (
                measure(
                    [PLANVERK, "render", "2025", *extra, "-o", str(out / f"{what}.docx")],
                    render_dir,
                    runs,
                )
                if present
                else None
            )
            rows.append(
                Row(f"planverk render ({what})", data, t, target="< 3 s", met=t and t.median < 3)
            )
    if want("diff"):
        diff_dir = generate.CORPUS / f"diff-{generate.DIFF_ACTIVITIES}"
        present = exists("diff")
        data = f"2 × {generate.DIFF_ACTIVITIES} aktiviteter, 10 % ändrade"
        argv = [PLANVERK, "diff", "2024", "2025"]
        t = measure(argv, diff_dir, runs, ok=(0, 1)) if present else None
        rows.append(Row("planverk diff 2024 2025", data, t, target="< 1 s", met=t and t.median < 1))
    return rows


def _seconds(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def table(rows: list[Row]) -> str:
    lines = [
        "| mätning | data | median (s) | min–max (s) | körningar | max RSS (MB) | × golvet | mål |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        t = row.timing
        if t is None:
            cells = ["saknas", "", "", "", ""]
        elif not t.seconds:
            cells = [f"fel ({t.error})", "", "", "", ""]
        else:
            cells = [
                _seconds(t.median) + (f" (fel: {t.error})" if t.error else ""),
                f"{_seconds(min(t.seconds))}–{_seconds(max(t.seconds))}",
                str(len(t.seconds)),
                f"{t.rss_mb:.0f}",
                f"{row.ratio:.2f}".replace(".", ",") if row.ratio else "",
            ]
        verdict = "" if row.met is None else (" ✓" if row.met else " ✗")
        lines.append(
            f"| {row.label} | {row.data} | " + " | ".join(cells) + f" | {row.target}{verdict} |"
        )
    by_label = {(r.label, r.data.split(":")[0]): r for r in rows}
    ten = by_label.get(("planverk validate", "10000 aktiviteter"))
    fifty = by_label.get(("planverk validate", "50000 aktiviteter"))
    if ten and fifty and ten.timing and fifty.timing and ten.timing.seconds:
        growth = fifty.timing.median / ten.timing.median
        lines.append(f"\nvalidate 50 000 / 10 000: {growth:.2f}× (mål ≤ 5,5×)".replace(".", ",", 1))
    return "\n".join(lines)


def machine() -> str:
    cpu = "okänd"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{dt.date.today().isoformat()}, {os.cpu_count()} kärnor ({cpu}), "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"planverk {commit}{' med ändringar i src/' if dirty else ''}"
    )


def write_readme(text: str) -> None:
    if not README.is_file():
        return
    content = README.read_text(encoding="utf-8")
    if START not in content or END not in content:
        return
    head, rest = content.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--only", help="only rows whose name contains this (help, validate, …)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    if not Path(PLANVERK).exists():
        print(f"hittar inte {PLANVERK}; kör med .venv/bin/python", file=sys.stderr)
        return 2
    ensure_corpora(args.seed)
    ensure_schemas()
    rows = collect(args.runs, args.only)
    text = f"Mätt {machine()}.\n\n{table(rows)}"
    print(text)
    for row in rows:
        if row.timing and row.timing.error:
            print(f"\n{row.label} ({row.data}): {row.timing.error}", file=sys.stderr)
    if args.readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
