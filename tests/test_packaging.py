"""An installed planverk is whole: every subpackage, and its own templates, are in the wheel,
and it renders a plan set that has no templates/ of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import ROOT

SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "setuptools"
]


def test_every_subpackage_and_the_templates_are_listed() -> None:
    source = ROOT / "src"
    found = {
        ".".join(init.parent.relative_to(source).parts)
        for init in source.glob("planverk/**/__init__.py")
    }
    listed = set(SETUPTOOLS["packages"])
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert listed - found == {"planverk.templates"}
    assert SETUPTOOLS["package-dir"]["planverk.templates"] == "templates"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """planverk built as a wheel from a copy of the sources (the checkout stays untouched)."""
    pytest.importorskip("setuptools", minversion="77")
    work = tmp_path_factory.mktemp("bygge")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, work / name)
    for name in ("src", "templates"):
        shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = work / "dist"
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run(
        [*pip, "-w", str(out), str(work)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("planverk-*.whl")
    return built


def test_the_wheel_holds_the_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").rglob("*"):
        if template.is_file():
            relative = template.relative_to(ROOT / "templates").as_posix()
            assert f"planverk/templates/{relative}" in names


def test_installed_planverk_renders_without_templates_in_the_project(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a pure-Python wheel installs by unpacking
    project = tmp_path / "region"
    shutil.copytree(ROOT / "plans", project / "plans")
    # -S: without site, the checkout's editable install is not on the path; the libraries
    # come from this environment's site-packages after the unpacked wheel.
    env = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{sysconfig.get_paths()['purelib']}"}
    run = subprocess.run(
        [sys.executable, "-S", "-m", "planverk", "render", "2025", "-o", "ap.docx"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    where = subprocess.run(
        [sys.executable, "-S", "-c", "import planverk.render as r; print(r.BUNDLED_TEMPLATES)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where) == site / "planverk" / "templates"
    document = docx.Document(str(project / "ap.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Aktivitetsplan 2025" in text
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)


def test_constraints_pin_every_dependency_within_its_declared_range() -> None:
    """A fresh clone installs the versions CI passed with: constraints.txt pins every
    dependency (and test dependency) pyproject.toml declares, inside the declared range,
    and `make` installs with it."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(r) for r in project["dependencies"]]
    declared += [Requirement(r) for r in project["optional-dependencies"]["test"]]
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    for requirement in declared:
        pinned = pins.get(canonicalize_name(requirement.name))
        assert pinned is not None, f"{requirement.name} is not in constraints.txt"
        assert requirement.specifier.contains(pinned), f"{requirement} does not allow {pinned}"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -c constraints.txt -e '.[test]'" in makefile
