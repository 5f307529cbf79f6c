"""Rule settings: defaults, then ``[tool.planverk]`` in pyproject.toml, then the project file."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planverk.core.errors import UserError
from planverk.core.findings import Finding, Level, Span
from planverk.core.oserrors import read_reason
from planverk.core.suggest import did_you_mean
from planverk.model.project import RuleSetting
from planverk.rules import BY_CODE
from planverk.rules.pv013_rule_setting import RULE as SETTING

OFF = "av"
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


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
    except tomllib.TOMLDecodeError as err:
        # Python's message is English; it ends with the place: "(at line 3, column 5)".
        place = _TOML_PLACE.search(str(err))
        line, column = (int(place[1]), int(place[2])) if place else (1, 1)
        config.problems.append(
            SETTING.finding(
                "pyproject.toml kan inte läsas: TOML-syntaxfel",
                "pyproject.toml",
                Span(line, column, line, column + 1),
                "Rätta raden; regelinställningarna i [tool.planverk.regler] gäller inte förrän "
                "filen går att läsa.",
            )
        )
        return
    except (OSError, UnicodeDecodeError) as err:
        reason = (
            "filen är inte UTF-8" if isinstance(err, UnicodeDecodeError) else read_reason(err)[0]
        )
        config.problems.append(
            SETTING.finding(
                f"pyproject.toml kan inte läsas: {reason}",
                "pyproject.toml",
                Span(1, 1, 1, 1),
                "Regelinställningarna i [tool.planverk.regler] gäller inte förrän filen går att "
                "läsa.",
            )
        )
        return
    tool = data.get("tool")
    section = tool.get("planverk", {}) if isinstance(tool, dict) else {}
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


def parse_overrides(items: Sequence[str]) -> dict[str, str]:
    """The rule settings of a run (``--regel PV204=varning``); a wrong one is a usage error
    (:class:`UserError`), since it is the command that is wrong, not the plans."""
    overrides: dict[str, str] = {}
    levels = (OFF, "fel", "varning", "info")
    for item in items:
        code, _, value = item.partition("=")
        code, value = code.strip().upper(), value.strip().lower()
        if value not in levels:
            raise UserError(
                f"--regel {item!r}: ange KOD=nivå, t.ex. PV204=varning",
                "Nivån är fel, varning, info eller av.",
            )
        rule = BY_CODE.get(code)
        if rule is None:
            raise UserError(
                f"--regel {item!r}: regeln {code or '(tom)'} finns inte",
                did_you_mean(code, BY_CODE) or "`planverk regler` listar reglerna.",
            )
        if not rule.configurable:
            raise UserError(
                f"--regel {item!r}: regeln {code} kan inte ställas om",
                "Läs- och schemafel stoppar alltid valideringen.",
            )
        overrides[code] = value
    return overrides


def apply_project(
    settings: Mapping[str, str | RuleSetting], display: str, locate: Any, config: Config
) -> None:
    for code, value in settings.items():
        level = value if isinstance(value, str) else value.level
        config.set(code, level, display, locate(("regler", code), key=True))
