"""Time planverk as a user runs it: whole processes, several runs, median and peak memory.

    .venv/bin/python bench/run.py                  # every measurement, 5 runs each
    .venv/bin/python bench/run.py --runs 3 --readme  # and write the table into bench/README.md
    .venv/bin/python bench/run.py --only validate  # only the rows whose name holds "validate"

Measures ``planverk --help``; ``planverk validate`` on the shipped plans and on generated plan
sets of 1,000, 10,000 and 50,000 activities; ``planverk render`` of an aktivitetsplan with
5,000 activities and of a handlingsplan with 5,000 rows (as .docx, and as slides);
``planverk diff`` of two 10,000-activity years with 10% changed; ``planverk webb`` on 10,000
activities. Beside each validate it times the floor, loading the same YAML files with PyYAML's
C loader and nothing else (bench/floor.py), and a peer, ``check-jsonschema`` with the JSON
Schemas in schemas/ on the same files (one process per plan kind, their times added). A
command that does not exist (yet) shows "saknas".

Each run is one child process, timed from start to exit; its peak resident memory comes from
``os.wait4`` (the child's own rusage), its CPU time likewise. Every command runs once untimed
first (bytecode and page cache), then the commands of one row group take turns, so that a
busy machine slows the floor and planverk alike and the ratio stays fair. Bytecode is cached
(in bench/out/pycache) as after ``pip install``, even when PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import fill  # noqa: E402  (bench/ is not a package)
import generate  # noqa: E402

BIN = Path(sys.executable).parent
PLANVERK = str(BIN / "planverk")
CHECK_JSONSCHEMA = BIN / "check-jsonschema"
PYTHON = sys.executable
OUT = BENCH / "out"
README = BENCH / "README.md"
START, END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"
# The libraries `planverk validate` stands on, imported and nothing else: a reference for
# how fast this machine starts Python programs at the moment.
_STACK = "import typer, typer.main, typer._adapters, pydantic.main, ruamel.yaml.cyaml"
KINDS = ("projekt", "verksamhetsplan", "aktivitetsplan", "handlingsplan")
_KIND = re.compile(r"^typ:\s*(\S+)", re.MULTILINE)


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    return env


@dataclass
class Command:
    """One measured thing: one process, or several run one after the other (times added)."""

    argvs: list[list[str]]
    cwd: Path
    ok: tuple[int, ...] = (0,)
    reset: Callable[[], None] | None = None  # run before each run, untimed
    env: dict[str, str] = field(default_factory=dict)  # set for this command's processes


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
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
    growth: float | None = None  # 50 000 against 10 000 measured in the same turns
    note: str = ""  # a line under the table


def run_once(
    argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, int, int, str]:
    """(wall seconds, CPU seconds, peak RSS in KB, exit code, stderr) of one child process
    (and the processes it waited for, LibreOffice included)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=child_env() | (env or {})
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode, stderr


def run_command(command: Command, timing: Timing, record: bool) -> float:
    total = cpu = 0.0
    rss = 0
    if command.reset is not None:
        command.reset()
    for argv in command.argvs:
        seconds, used, peak, code, stderr = run_once(argv, command.cwd, command.env)
        total, cpu, rss = total + seconds, cpu + used, max(rss, peak)
        if code not in command.ok and not timing.error:
            last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            timing.error = f"slutstatus {code}: {last[:200]}"
    if record:
        timing.seconds.append(total)
        timing.cpu.append(cpu)
        timing.rss_kb.append(rss)
    return total


def measure(commands: Sequence[Command | None], runs: int, budget: float) -> list[Timing | None]:
    """Time the commands in turns: one warm-up each, then up to ``runs`` rounds, fewer once
    the rounds have taken ``budget`` seconds (at least one)."""
    timings: list[Timing | None] = [Timing() if c is not None else None for c in commands]
    pairs = [(c, t) for c, t in zip(commands, timings, strict=True) if c is not None]
    for command, timing in pairs:
        assert timing is not None
        run_command(command, timing, record=False)
    spent = 0.0
    for round_ in range(runs):
        if round_ and spent > budget:
            break
        for command, timing in pairs:
            assert timing is not None
            spent += run_command(command, timing, record=True)
    return timings


def exists(command: str) -> bool:
    probe = subprocess.run(
        [PLANVERK, command, "--help"], cwd=ROOT, capture_output=True, check=False, env=child_env()
    )
    return probe.returncode == 0


def files_by_kind(plan_dir: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(plan_dir.rglob("*.yaml")):
        match = _KIND.search(path.read_text(encoding="utf-8"))
        if match and match.group(1) in KINDS:
            found.setdefault(match.group(1), []).append(str(path))
    return found


def peer(plan_dir: Path) -> Command | None:
    """check-jsonschema, one process per plan kind."""
    if not CHECK_JSONSCHEMA.exists():
        return None
    argvs = [
        [str(CHECK_JSONSCHEMA), "--schemafile", str(ROOT / "schemas" / f"{kind}.schema.json"), *f]
        for kind, f in files_by_kind(plan_dir).items()
    ]
    return Command(argvs, plan_dir.parent)


def number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def corpus_size(plan_dir: Path) -> str:
    files = list(plan_dir.rglob("*.yaml"))
    size = sum(p.stat().st_size for p in files)
    shown = f"{number(size / 1e6, 1)} MB" if size >= 1e6 else f"{size // 1000} kB"
    return f"{len(files)} filer, {shown}"


def ensure_corpora(seed: int) -> None:
    for mode, out, n in generate.iter_all(seed):
        if not (out / "plans").is_dir():
            print(generate.generate(mode, out, n, seed), file=sys.stderr)


def ensure_schemas() -> None:
    if not any((ROOT / "schemas").glob("*.schema.json")):
        subprocess.run([PLANVERK, "schema"], cwd=ROOT, check=True, capture_output=True)


def collect(runs: int, only: str | None, budget: float) -> list[Row]:
    rows: list[Row] = []

    def want(name: str) -> bool:
        return only is None or only in name

    if want("help"):
        reference = Command([[PYTHON, "-c", "import typer"]], ROOT)
        t, ref = measure([Command([[PLANVERK, "--help"]], ROOT), reference], runs, budget)
        assert t is not None
        rows.append(Row("planverk --help", "–", t, target="< 0,120 s", met=t.median < 0.120))
        rows.append(Row("referens: python -c 'import typer'", "–", ref))
    sets = [("validate shipped", "plans/ (levererade)", ROOT / "plans")]
    sets += [
        (f"validate {n}", f"{n:,} aktiviteter".replace(",", " "), generate.CORPUS / f"scale-{n}")
        for n in generate.SCALES
    ]
    for name, label, where in sets:
        if not want(name):
            continue
        plan_dir = where if where.name == "plans" else where / "plans"
        data = f"{label}: {corpus_size(plan_dir)}"
        floor_cmd = Command([[PYTHON, str(BENCH / "floor.py"), str(plan_dir)]], plan_dir.parent)
        validate_cmd = Command([[PLANVERK, "validate"]], plan_dir.parent)
        commands = [floor_cmd, validate_cmd, peer(plan_dir)]
        if name == "validate shipped":  # what the stack costs before planverk does anything
            commands.append(Command([[PYTHON, "-c", _STACK]], plan_dir.parent))
        if name == "validate 50000":  # 10 000 again, in the same minutes, for the growth
            commands.append(Command([[PLANVERK, "validate"]], generate.CORPUS / "scale-10000"))
        floor, mine, other, *again = measure(commands, runs, budget)
        assert floor is not None and mine is not None
        rows.append(Row("golv: PyYAML CSafeLoader", data, floor))
        ratio = mine.median / floor.median
        row = Row("planverk validate", data, mine, ratio)
        if name == "validate shipped":
            row.target, row.met = "< 0,250 s", mine.median < 0.250
        elif name == "validate 10000":
            row.target = "< 1,5 s och ≤ 2× golvet"
            row.met = mine.median < 1.5 and ratio <= 2.0
        elif name == "validate 50000":
            row.target = "≤ 5,5× tiden för 10 000; < 300 MB"
            ten = again[0]
            assert ten is not None
            row.growth = mine.median / ten.median
            row.met = mine.rss_mb < 300 and row.growth <= 5.5
        rows.append(row)
        if name == "validate shipped":
            stack = again[0]
            assert stack is not None
            # Fastest runs: a difference of medians drowns in the machine's drift.
            own = min(mine.seconds) - min(stack.seconds)
            rows.append(
                Row(
                    "referens: import av typer, pydantic, ruamel.yaml",
                    "–",
                    stack,
                    note=f"planverk validate på de levererade planerna utöver importen av "
                    f"stacken (snabbaste körningarna, samma omgångar): {number(own, 3)} s; "
                    f"stacken själv {number(stack.median, 3)} s (median) av målets 0,250 s",
                )
            )
        peer_ratio = other.median / floor.median if other and other.seconds else None
        rows.append(Row("check-jsonschema (en körning per plantyp)", data, other, peer_ratio))
    OUT.mkdir(exist_ok=True)
    render_dir = generate.CORPUS / f"render-{generate.RENDER_ACTIVITIES}"
    if want("render"):
        present = exists("render")
        data = f"{generate.RENDER_ACTIVITIES:,} aktiviteter".replace(",", " ")
        data += f": {corpus_size(render_dir / 'plans')}"
        # The aktivitetsplan's TOC gets its page numbers from LibreOffice's layout of the
        # document (issue 14); the second row is the same render where LibreOffice is not
        # installed (only planverk's own bin folder on PATH): the TOC without numbers, PV407.
        without_office = {"PATH": str(Path(PLANVERK).parent)}
        renders: tuple[tuple[str, list[str], str, dict[str, str]], ...] = (
            ("aktivitetsplan", [], "aktivitetsplan.docx", {}),
            (
                "aktivitetsplan, utan LibreOffice: förteckningen utan sidnummer",
                [],
                "aktivitetsplan-utan.docx",
                without_office,
            ),
            ("handlingsplan", ["--kind", "handlingsplan"], "handlingsplan.docx", {}),
            ("handlingsplan, pptx", ["--kind", "handlingsplan"], "handlingsplan.pptx", {}),
        )
        commands: list[Command | None] = [
            Command(
                [[PLANVERK, "render", "2025", *extra, "-o", str(OUT / name)]], render_dir, env=env
            )
            if present
            else None
            for _kind, extra, name, env in renders
        ]
        for kind, t in zip(
            [kind for kind, *_rest in renders], measure(commands, runs, budget), strict=True
        ):
            rows.append(
                Row(f"planverk render ({kind})", data, t, target="< 3 s", met=t and t.median < 3)
            )
    if want("diff"):
        diff_dir = generate.CORPUS / f"diff-{generate.DIFF_ACTIVITIES}"
        present = exists("diff")
        data = f"2 × {generate.DIFF_ACTIVITIES:,} aktiviteter".replace(",", " ") + ", 10 % ändrade"
        command = Command([[PLANVERK, "diff", "2024", "2025"]], diff_dir, ok=(0, 1))
        (t,) = measure([command if present else None], runs, budget)
        rows.append(Row("planverk diff 2024 2025", data, t, target="< 1 s", met=t and t.median < 1))
    if want("intake") and exists("rapportmall"):
        rows += intake_rows(runs, budget)
    if want("webb"):
        rows.append(_webb(runs, budget))
    return rows


def intake_rows(runs: int, budget: float) -> list[Row]:
    """`rapportmall` and `import` for helår 2025 on the 10 000-activity set: the workbooks
    made, filled in as owners would (untimed), then imported: checked only
    (`--torrkörning`), written into a fresh copy of the plans, and imported again (no-op)."""
    corpus = generate.CORPUS / "scale-10000"
    work = OUT / "intake"
    made, inbox, plans = work / "rapporter", work / "inkommet", work / "plans"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(corpus / "plans", plans)
    make = Command([[PLANVERK, "rapportmall", "2025", "--period", "helår", "-o", str(made)]], work)
    (t_make,) = measure([make], runs, budget)
    filled = fill.fill_folder(made, inbox, dt.datetime(2025, 12, 20))
    books = sorted(str(p) for p in inbox.glob("*.xlsx"))
    size = sum(p.stat().st_size for p in inbox.glob("*.xlsx"))
    data = f"helår 2025 ur 10 000 aktiviteter: {len(books)} arbetsböcker, {filled} rader, "
    data += f"{size // 1000} kB"

    def fresh() -> None:
        shutil.rmtree(plans)
        shutil.copytree(corpus / "plans", plans)

    check = Command([[PLANVERK, "import", "--torrkörning", *books]], work, reset=fresh)
    write = Command([[PLANVERK, "import", *books]], work, reset=fresh)
    t_check, t_write = measure([check, write], runs, budget)
    again = Command([[PLANVERK, "import", *books]], work)  # the plans hold the reports now
    (t_again,) = measure([again], runs, budget)
    return [
        Row("planverk rapportmall 2025 --period helår", data, t_make),
        Row("planverk import --torrkörning (kontrollerar varje cell)", data, t_check),
        Row("planverk import (skriver in rapporterna)", data, t_write),
        Row("planverk import en gång till (inget att ändra)", data, t_again),
    ]


def _webb(runs: int, budget: float) -> Row:
    """`planverk webb` on 10 000 activities (Word documents only: PDF through LibreOffice is
    timed by hand, see README.md); the site's pages, files and size from the folder."""
    where = generate.CORPUS / "scale-10000"
    site = OUT / "webb"
    data = f"10 000 aktiviteter: {corpus_size(where / 'plans')}"
    if not exists("webb"):
        return Row("planverk webb", data, None)
    command = Command([[PLANVERK, "webb", "--utan-pdf", "--ut", str(site)]], where)
    (t,) = measure([command], min(runs, 3), budget)
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    size = sum(p.stat().st_size for p in files)

    def count(n: int) -> str:
        return f"{n:,}".replace(",", " ")

    note = (
        f"planverk webb på 10 000 aktiviteter: {count(pages)} sidor, {count(len(files))} filer, "
        f"{number(size / 1e6, 1)} MB (utan PDF)"
    )
    return Row("planverk webb --utan-pdf", data, t, note=note)


def table(rows: list[Row]) -> str:
    lines = [
        "| mätning | data | median (s) | min–max (s) | CPU, median (s) | körningar "
        "| max RSS (MB) | × golvet | mål |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        t = row.timing
        if t is None:
            cells = ["saknas", "", "", "", "", ""]
        elif not t.seconds:
            cells = [f"fel ({t.error})", "", "", "", "", ""]
        else:
            cells = [
                number(t.median, 3) + (f" ({t.error})" if t.error else ""),
                f"{number(min(t.seconds), 3)}–{number(max(t.seconds), 3)}",
                number(statistics.median(t.cpu), 3),
                str(len(t.seconds)),
                f"{t.rss_mb:.0f}",
                number(row.ratio, 2) if row.ratio else "",
            ]
        verdict = "" if row.met is None else (" ✓" if row.met else " ✗")
        lines.append(
            f"| {row.label} | {row.data} | " + " | ".join(cells) + f" | {row.target}{verdict} |"
        )
    for row in rows:
        if row.note:
            lines.append(f"\n{row.note}")
        if row.growth is not None:
            lines.append(
                f"\nvalidate 50 000 / 10 000: {number(row.growth, 2)}× (mål ≤ 5,5×; 10 000 "
                "mätt om i samma omgångar som 50 000)"
            )
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
    load = ", ".join(number(x, 2) for x in os.getloadavg())
    return (
        f"{dt.date.today().isoformat()}, {os.cpu_count()} kärnor ({cpu}), "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"planverk {commit}{' med ändringar i src/' if dirty else ''}; "
        f"belastning vid start {load}"
    )


def write_readme(text: str) -> None:
    content = README.read_text(encoding="utf-8") if README.is_file() else ""
    if START not in content or END not in content:
        print(f"{README}: hittar inte {START} … {END}; tabellen skrevs inte", file=sys.stderr)
        return
    head, rest = content.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (5)")
    parser.add_argument("--budget", type=float, default=90.0, help="seconds per row group (90)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--only", help="only rows whose name holds this (help, validate, …)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    if not Path(PLANVERK).exists():
        print(f"hittar inte {PLANVERK}; kör med .venv/bin/python", file=sys.stderr)
        return 2
    ensure_corpora(args.seed)
    ensure_schemas()
    started = machine()
    rows = collect(args.runs, args.only, args.budget)
    text = f"Mätt {started}.\n\n{table(rows)}"
    print(text)
    for row in rows:
        if row.timing and row.timing.error:
            print(f"\n{row.label} ({row.data}): {row.timing.error}", file=sys.stderr)
    if args.readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
