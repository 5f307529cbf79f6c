"""Tab completion works in bash (a real bash sources the script and completes), and zsh and
fish get their answers from the same entry point; it breaks when Typer's completion
classes move (planverk.cli.completion uses them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.realclients import need

BIN = Path(sys.executable).parent


def _ask(**env: str) -> str:
    done = subprocess.run(
        [str(BIN / "planverk")],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("instruction", ["source_bash", "bash_source"])
def test_the_bash_script_is_printed(instruction: str) -> None:
    script = _ask(_PLANVERK_COMPLETE=instruction)
    assert "_planverk_completion()" in script
    assert "complete -o default -F _planverk_completion planverk" in script


def test_a_real_bash_completes_a_command_and_an_option_value() -> None:
    bash = need("bash")
    done = subprocess.run(
        [
            bash,
            "-c",
            'eval "$(_PLANVERK_COMPLETE=source_bash planverk)"; '
            "COMP_WORDS=(planverk ren); COMP_CWORD=1; _planverk_completion planverk; "
            'echo "${COMPREPLY[@]}"; '
            "COMP_WORDS=(planverk render --kind upp); COMP_CWORD=3; "
            '_planverk_completion planverk; echo "${COMPREPLY[@]}"',
        ],
        env={**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["render", "uppfoljning uppföljning"]


def test_zsh_and_fish_get_the_same_answers() -> None:
    zsh = _ask(_PLANVERK_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="planverk ren")
    assert '"render":"Skriv planerna som Word-dokument' in zsh
    fish = _ask(
        _PLANVERK_COMPLETE="complete_fish",
        _TYPER_COMPLETE_ARGS="planverk ren",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
    )
    assert fish.startswith("render\tSkriv planerna som Word-dokument")
    assert "compdef _planverk_completion planverk" in _ask(_PLANVERK_COMPLETE="source_zsh")
    assert "complete --command planverk" in _ask(_PLANVERK_COMPLETE="source_fish")
