"""A hostile template ends as a template error within seconds (exit 2, the template's name
and line, a Swedish message), never as an internal error or a hang; and only files really
inside the template folders are templates."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planverk.render import sandbox
from tests.conftest import cli

TEMPLATE = "templates/aktivitetsplan.md.j2"


def _render(root: Path, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "planverk", "render", "2025", "-f", "md", "-o", "build/ap.md"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return done, time.perf_counter() - start


@pytest.mark.parametrize(
    ("expression", "says"),
    [
        ("{{ 'x'*10**10 }}", "en text eller lista upprepad 10000000000 gånger blir för lång"),
        ("{{ range(10**9)|list }}", "mallen gör ett intervall (range) med fler än 100 000 tal"),
        ("{{ 10**(10**8) }}", "talet 10**100000000 blir för stort för en mall"),
        ("{{ 'x'|center(10**10) }}", "mallen behöver mer minne än en mall får använda"),
        ("{{ '%0999999999d' % 1 }}", "formatet ger en för bred text för en mall"),
        ("{{ ('x'*1000000)*100 }}", "en text eller lista upprepad 100 gånger blir för lång"),
        ("{{ 10.0**1000 }}", "ett tal i mallen blir för stort"),
        (
            "{% macro m(n) %}{{ m(n+1) }}{% endmacro %}{{ m(1) }}",
            "mallen anropar sig själv för djupt",
        ),
    ],
)
def test_a_template_past_a_limit_is_a_template_error(
    minimal: Path, expression: str, says: str
) -> None:
    (minimal / "templates").mkdir()
    (minimal / TEMPLATE).write_text(f"# Rubrik\n\n{expression}\n", encoding="utf-8")
    done, seconds = _render(minimal)
    assert done.returncode == 2, done.stdout + done.stderr
    assert seconds < 20, seconds
    assert f"planverk: fel: {minimal / TEMPLATE}:3: fel i mallen: {says}" in done.stderr
    assert "tips: Mallar ska bara lägga ut planernas data" in done.stderr
    assert "internt fel" not in done.stderr and "Traceback" not in done.stderr
    assert not (minimal / "build").exists()


def test_a_template_that_runs_too_long_is_stopped(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "SECONDS", 1.0)
    (minimal / "templates").mkdir()
    (minimal / TEMPLATE).write_text(
        "# Rubrik\n{% for a in range(100000) %}{% for b in range(100000) %}"
        "{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    run = cli("render", "2025", "-f", "md", "-o", "build/ap.md")
    assert time.perf_counter() - start < 10
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"{TEMPLATE}:2: fel i mallen: mallen blev inte klar på 1 sekunder" in run.stderr


def test_a_template_linked_from_outside_is_not_a_template(minimal: Path, tmp_path: Path) -> None:
    secret = tmp_path / "hemlig.txt"
    secret.write_text("HEMLIGT INNEHÅLL\n", encoding="utf-8")
    (minimal / "templates").mkdir()
    (minimal / "templates" / "del.md.j2").symlink_to(secret)
    (minimal / TEMPLATE).write_text("# Rubrik\n\n{% include 'del.md.j2' %}\n", encoding="utf-8")
    run = cli("render", "2025", "-f", "md", "-o", "build/ap.md")
    assert run.exit_code == 2, run.stdout + run.stderr
    assert (
        f"planverk: fel: mallen del.md.j2 är en länk till {secret}, utanför mallmappen "
    ) in run.stderr
    assert "HEMLIGT" not in run.stdout + run.stderr
    assert not (minimal / "build").exists()
    (minimal / TEMPLATE).unlink()
    (minimal / TEMPLATE).symlink_to(secret)  # the document's own template, linked
    run = cli("render", "2025", "-f", "md", "-o", "build/ap.md")
    assert run.exit_code == 2
    assert "mallen aktivitetsplan.md.j2 är en länk till" in run.stderr
    assert not (minimal / "build").exists()


def test_a_template_linked_inside_the_folder_is_a_template(minimal: Path) -> None:
    (minimal / "templates" / "delar").mkdir(parents=True)
    (minimal / "templates" / "delar" / "rubrik.md.j2").write_text("# Egen rubrik\n", "utf-8")
    (minimal / "templates" / "del.md.j2").symlink_to(Path("delar") / "rubrik.md.j2")
    (minimal / TEMPLATE).write_text("{% include 'del.md.j2' %}\n", encoding="utf-8")
    run = cli("render", "2025", "-f", "md", "-o", "build/ap.md")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert (minimal / "build" / "ap.md").read_text(encoding="utf-8").startswith("# Egen rubrik")
