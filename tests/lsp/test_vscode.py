"""The VS Code extension as it is shipped: editors/vscode/planverk.vsix, packaged by
`make vsix` (which .ci/run runs before the tests), read back as the zip VS Code installs."""

from __future__ import annotations

import json
import zipfile

import pytest

from tests.conftest import ROOT
from tests.realclients import in_ci

EXTENSION = ROOT / "editors" / "vscode"
VSIX = EXTENSION / "planverk.vsix"


@pytest.fixture
def vsix() -> zipfile.ZipFile:
    if not VSIX.is_file():
        message = f"{VSIX.relative_to(ROOT)} saknas; `make vsix` bygger det"
        if in_ci():
            pytest.fail(f"I CI ska tillägget vara paketerat: {message}", pytrace=False)
        pytest.skip(message)
    return zipfile.ZipFile(VSIX)


def test_the_vsix_holds_the_extension_its_client_and_manifest(vsix: zipfile.ZipFile) -> None:
    names = set(vsix.namelist())
    assert "extension.vsixmanifest" in names
    assert "extension/out/extension.js" in names
    assert "extension/node_modules/vscode-languageclient/package.json" in names
    assert not any(n.startswith("extension/src/") for n in names), "only the compiled code"
    assert not any("/typescript/" in n or "/@vscode/vsce" in n for n in names), "no build tools"
    shipped = json.loads(vsix.read("extension/package.json"))
    source = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    assert shipped["version"] == source["version"]
    assert shipped["main"] == "./out/extension.js"
    settings = shipped["contributes"]["configuration"]["properties"]
    assert settings["planverk.args"]["default"] == ["lsp"]
    assert "å" in settings["planverk.command"]["markdownDescription"] + shipped["description"]
    code = vsix.read("extension/out/extension.js").decode("utf-8")
    assert "vscode-languageclient/node" in code and "debounceMs" in code
    manifest = vsix.read("extension.vsixmanifest").decode("utf-8")
    assert 'Id="planverk"' in manifest


def test_the_lockfile_pins_what_package_json_asks_for() -> None:
    package = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
    root = lock["packages"][""]
    assert root["dependencies"] == package["dependencies"]
    assert root["devDependencies"] == package["devDependencies"]
    for name in (*package["dependencies"], *package["devDependencies"]):
        assert f"node_modules/{name}" in lock["packages"], name
