"""Time `planverk validate` on one mapping with many keys: loading must stay linear.

    .venv/bin/python bench/many_keys.py                 # 20 000 and 200 000 keys, 3 runs each
    .venv/bin/python bench/many_keys.py --keys 5000 --keys 50000 --runs 1
    .venv/bin/python bench/many_keys.py --readme        # and write the table into README.md

Two shapes, each laid over a copy of tests/fixtures/minimal:

- **okända nycklar**: a handlingsplan with N keys the model does not know at its top level
  (a pasted table, a file from another tool): N findings (PV010), each with its position and
  a did-you-mean hint, all printed;
- **ordlista**: the project file's glossary with N entries: no finding, every entry read,
  positioned and checked.

Each run is one `planverk validate` process (output to /dev/null), timed from start to exit;
the table shows the median and the growth from the smallest N to the largest (linear: the
ratio of the Ns; quadratic: its square). A run that passes ``--timeout`` is stopped and
shown as "> timeout".
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
PLANVERK = str(Path(sys.executable).parent / "planverk")
README = BENCH / "README.md"
START, END = "<!-- many-keys:start -->", "<!-- many-keys:end -->"


def unknown_keys(root: Path, n: int) -> None:
    lines = ["typ: handlingsplan", "id: många", "titel: Många nycklar", "ägare: ledningsgruppen"]
    lines += ["år: 2025", "åtgärder: []"]
    lines += [f"kolumn-{i}: värde {i}" for i in range(n)]
    (root / "plans" / "många.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def glossary(root: Path, n: int) -> None:
    project = root / "plans" / "planverk.yaml"
    text = project.read_text(encoding="utf-8")
    entries = "".join(f"  FK{i}: Förkortning nummer {i}\n" for i in range(n))
    project.write_text(text.replace("ordlista:\n", "ordlista:\n" + entries, 1), encoding="utf-8")


SHAPES = {"okända nycklar": unknown_keys, "ordlista": glossary}


def run(root: Path, timeout: float) -> float | None:
    start = time.perf_counter()
    try:
        subprocess.run(
            [PLANVERK, "validate"],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - start


def measure(keys: list[int], runs: int, timeout: float) -> list[tuple[str, int, float | None]]:
    results: list[tuple[str, int, float | None]] = []
    with tempfile.TemporaryDirectory(prefix="planverk-many-keys-") as folder:
        for shape, make in SHAPES.items():
            for n in keys:
                root = Path(folder) / f"{shape}-{n}".replace(" ", "-")
                shutil.copytree(MINIMAL, root)
                make(root, n)
                times = [run(root, timeout) for _ in range(runs)]
                done = [t for t in times if t is not None]
                median = statistics.median(done) if len(done) == len(times) else None
                results.append((shape, n, median))
                shown = f"{median:.2f} s" if median is not None else f"> {timeout:.0f} s"
                print(f"{shape:>15} {n:>8} nycklar: {shown}", flush=True)
    return results


def table(results: list[tuple[str, int, float | None]], timeout: float) -> str:
    lines = ["| form | nycklar | median (s) | tillväxt från minsta |", "|---|---:|---:|---:|"]
    smallest: dict[str, tuple[int, float | None]] = {}
    for shape, n, median in results:
        first = smallest.setdefault(shape, (n, median))
        growth = "–"
        if n != first[0] and median is not None and first[1]:
            growth = f"{median / first[1]:.1f}× (N {n // first[0]}×)".replace(".", ",")
        shown = f"{median:.2f}".replace(".", ",") if median is not None else f"> {timeout:.0f}"
        lines.append(f"| {shape} | {n:,} | {shown} | {growth} |".replace(",", " ", 1))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", type=int, action="append", help="N (default 20000, 200000)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    keys = sorted(args.keys or [20_000, 200_000])
    text = table(measure(keys, args.runs, args.timeout), args.timeout)
    print(text)
    if args.readme:
        readme = README.read_text(encoding="utf-8")
        head, rest = readme.split(START, 1)
        _, tail = rest.split(END, 1)
        README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
