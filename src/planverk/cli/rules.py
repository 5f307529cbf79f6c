"""`planverk regler`: list every rule with its code, default level and summary."""

from __future__ import annotations

import typer

from planverk.rules import RULES

NAME = "regler"


def command() -> None:
    """Lista reglerna: kod, namn, standardnivå och vad de kontrollerar."""
    for rule in RULES:
        level = rule.level.label if rule.level else "av"
        typer.echo(f"{rule.code}  {level:<8} {rule.name:<32} {rule.summary}")
