"""Web pages read as a browser and a screen reader would: axe-core in headless Chromium.

``axe(paths)`` opens each HTML file in Debian's Chromium (``/usr/bin/chromium``, driven by
puppeteer-core) and returns axe-core's WCAG 2.1 A/AA violations per file. The npm packages
come from the committed package-lock.json (``npm ci``, which .ci/run runs). Missing Chromium,
node or the packages skip the test here and fail it in CI (tests/realclients.py).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.realclients import _missing, need

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "browser" / "axe.mjs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    nodes: list[str]


def axe(*paths: Path) -> dict[Path, list[Violation]]:
    """axe-core's WCAG 2.1 AA violations of each page, by path."""
    node = need("node")
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium ({CHROMIUM})")
    for package in ("axe-core", "puppeteer-core"):
        if not (ROOT / "node_modules" / package).is_dir():
            _missing(f"npm-paketet {package} (kör `npm ci` i förrådets rot)")
    done = subprocess.run(
        [node, str(SCRIPT), *(str(p.resolve()) for p in paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=dict(os.environ, CHROMIUM=CHROMIUM),
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    by_path = {str(p.resolve()): p for p in paths}
    return {
        by_path[item["file"]]: [
            Violation(v["id"], v["impact"] or "", v["help"], v["nodes"]) for v in item["violations"]
        ]
        for item in found
    }
