"""Rule settings: defaults, then ``[tool.planverk]`` in pyproject.toml, then the project file."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planverk.core.findings import Finding, Level, Span
from planverk.model.project import RuleSetting
from planverk.rules import BY_CODE
from planverk.rules.pv013_rule_setting import RULE as SETTING

OFF = "av"


@dataclass(slots=True)
class Config:
    """The level of every rule (None = off), and where a setting was wrong."""

    levels: dict[str, Level | None] = field(
        default_factory=lambda: {code: rule.level for code, rule in BY_CODE.items()}
    )
    problems: list[Finding] = field(default_factory=list)

    def set(self, code: str, value: str, origin: str, span: Span) -> None:
        rule = BY_CODE.get(code)
        if rule is None:
            from planverk.core.suggest import did_you_mean

            self.problems.append(
                SETTING.finding(
                    f"okänd regel '{code}' i regelinställningarna",
                    origin,
                    span,
                    did_you_mean(code, BY_CODE) or "Se `planverk regler`.",
                )
            )
            return
        if not rule.configurable:
            self.problems.append(
                SETTING.finding(
                    f"regeln {code} kan inte ställas om",
                    origin,
                    span,
                    "Läs- och schemafel stoppar alltid valideringen.",
                )
            )
            return
        self.levels[code] = None if value == OFF else Level.parse(value)


def read_pyproject(root: Path, config: Config) -> None:
    path = root / "pyproject.toml"
    if not path.is_file():
        return
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        config.problems.append(
            SETTING.finding(
                f"pyproject.toml kan inte läsas: {err}",
                "pyproject.toml",
                Span(1, 1, 1, 1),
                None,
            )
        )
        return
    section = data.get("tool", {}).get("planverk", {})
    rules = section.get("regler", {}) if isinstance(section, dict) else {}
    for code, value in rules.items() if isinstance(rules, dict) else ():
        if isinstance(value, dict):
            value = value.get("nivå")
        if value not in (OFF, "fel", "varning", "info"):
            config.problems.append(
                SETTING.finding(
                    f"[tool.planverk.regler] {code}: ogiltig nivå {value!r}",
                    "pyproject.toml",
                    Span(1, 1, 1, 1),
                    "Använd fel, varning, info eller av.",
                )
            )
            continue
        config.set(code, str(value), "pyproject.toml", Span(1, 1, 1, 1))


def apply_project(
    settings: Mapping[str, str | RuleSetting], display: str, locate: Any, config: Config
) -> None:
    for code, value in settings.items():
        level = value if isinstance(value, str) else value.level
        config.set(code, level, display, locate(("regler", code), key=True))
