"""The floor: load every YAML file below a folder with PyYAML's C loader and nothing else.

    python bench/floor.py bench/corpus/scale-10000/plans

This is the cost of parsing the plans into plain Python data, with the interpreter's
defaults (the garbage collector left on): what any tool reading these YAML files pays.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main() -> int:
    root = Path(sys.argv[1])
    count = 0
    for path in sorted(root.rglob("*.y*ml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        count += 1
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main())
