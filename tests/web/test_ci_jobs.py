"""`planverk init`'s CI files carry a commented job that publishes the site; uncommented,
it is a valid job that runs `planverk webb` into the folder the Pages service publishes."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML

from planverk.planning.scaffold import Options, files


def _uncommented(text: str, marker: str) -> Any:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(marker))
    out = lines[:start]
    for line in lines[start:]:
        indent = len(line) - len(line.lstrip())
        body = line.lstrip()
        if body.startswith("# "):
            body = body[2:]
        out.append(" " * indent + body)
    return YAML(typ="safe").load(io.StringIO("\n".join(out)))


def test_gitlab_pages_job() -> None:
    text = files(Options())[".gitlab-ci.yml"]
    assert "# pages:" in text
    assert YAML(typ="safe").load(text).keys() == {"planverk"}  # off until uncommented
    job = _uncommented(text, "# pages:")["pages"]
    assert "planverk webb --ut public" in job["script"]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["variables"]["GIT_DEPTH"] == "0"
    assert 'pip install --quiet "$PLANVERK_PAKET"' in job["script"]
    assert job["variables"]["PLANVERK_PAKET"]  # the same package the check installs


def test_github_pages_job() -> None:
    text = files(Options())[".github/workflows/planverk.yml"]
    assert YAML(typ="safe").load(text)["jobs"].keys() == {"validate"}
    job = _uncommented(text, "# pages:")["jobs"]["pages"]
    runs = [step.get("run") for step in job["steps"]]
    assert "planverk webb --ut _site" in runs
    assert 'pip install --quiet "$PLANVERK_PAKET"' in runs  # the workflow's env
    assert job["needs"] == "validate"
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert {"uses": "actions/upload-pages-artifact@v3", "with": {"path": "_site"}} in job["steps"]
