"""docs/regler.md, built from the rules themselves so documentation and behaviour never drift.

Each rule's section is made of its code, name, default level and summary, the prose of its
docstring and its FAIL and PASS examples; the examples are the very ones tests/test_rules.py
runs against a real plan set. ``planverk regler --markdown`` prints the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planverk.rules import RULES, Rule
from planverk.rules.base import Example

# Exit codes of every command (the values are planverk.cli.common's EXIT_*; a test keeps
# the two together).
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (0, "Klart: inga fel, inga skillnader, inget att formatera."),
    (
        1,
        "planverk hittade något: fel i planerna på eller över `--fail-level` (`validate`; "
        "`render`, `new` och `init` när planerna har fel), skillnader (`diff --exit-code`), "
        "inaktuella scheman (`schema --check`), filer att formatera (`fmt --check`) eller "
        "filer som `fmt` lämnade orörda.",
    ),
    (
        2,
        "Fel i anropet eller omgivningen: okänt kommando eller okänd flagga, ingen planmapp "
        "(`plans/`), en fil som inte finns eller inte går att skriva.",
    ),
    (
        3,
        "Internt fel i planverk (en bugg, aldrig ett fel i planerna). Kör igen med "
        "`PLANVERK_DEBUG=1` och skicka utskriften till förvaltarna.",
    ),
    (130, "Avbrutet med Ctrl+C."),
    (
        141,
        "Utdata stängdes innan allt var skrivet (`planverk regler | head -1`), som för andra "
        "program som avbryts av en stängd pipe.",
    ),
)

_EXAMPLE = re.compile(r"^(FAIL|PASS) \S+.*:$")

_HEAD = """\
<!-- Skapad av `planverk regler --markdown` ur reglernas egna docstrings. Ändra inte här:
     ändra regeln i src/planverk/rules/ och kör `planverk regler --markdown > docs/regler.md`. -->
# Regler och slutstatus

`planverk validate` kontrollerar planerna som en kompilator kontrollerar kod: varje fynd har
en kod (PV001 …), en nivå (fel, varning, info), filen, raden och kolumnen, vad som är fel och
hur det rättas. Nivån på en regel kan ställas om under `regler:` i `plans/planverk.yaml` (t.ex.
`PV204: varning` eller `PV305: av`) eller för en körning med `--regel PV204=varning`, utom för
de regler där det står att nivån inte går att ställa om. En enskild rad undantas med
kommentaren `# planverk: ignore[PV304]`.

Exemplen under varje regel är en fil i en liten, annars felfri planmapp; exemplet *Fel* ger
fyndet på den rad och kolumn som anges, exemplet *Rätt* ger det inte. Exemplen körs som test
(tests/test_rules.py), så sidan visar vad planverk faktiskt gör.
"""


def _level(rule: Rule) -> str:
    label = rule.level.label if rule.level is not None else "av"
    if not rule.configurable:
        return f"{label} (går inte att ställa om)"
    if rule.level is None:
        return f"{label} (slå på med `{rule.code}: varning` under `regler:`)"
    return label


def prose(rule: Rule) -> str:
    """The docstring without its title line and without its examples."""
    lines = rule.doc.splitlines()[1:]
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if _EXAMPLE.match(line):
            while index < len(lines) and (lines[index].startswith("    ") or not lines[index]):
                index += 1
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _title(rule: Rule) -> str:
    first = rule.doc.splitlines()[0].strip().rstrip(".")
    return first if first.startswith(rule.code) else f"{rule.code} – {rule.summary}"


def _example(rule: Rule, example: Example) -> list[str]:
    file = f"`{example.file}`"
    if example.passes:
        intro = f"**Rätt** – {file} ger inte {rule.code}:"
    else:
        where = (
            f"i `{example.finding_file}` " if example.finding_file != example.file else ""
        ) + f"på rad {example.line}, kolumn {example.column}"
        intro = f"**Fel** – {file} ger {rule.code} {where}:"
    return [intro, "", "```yaml", example.content.rstrip("\n"), "```", ""]


def rule_section(rule: Rule) -> str:
    lines = [
        f'<a id="{rule.code.lower()}"></a>',
        "",
        f"## {_title(rule)}",
        "",
        f"- **Kod:** {rule.code}",
        f"- **Namn:** `{rule.name}`",
        f"- **Standardnivå:** {_level(rule)}",
        f"- **Kontrollerar:** {rule.summary}",
        "",
    ]
    text = prose(rule)
    if text:
        lines += [text, ""]
    examples = sorted(rule.examples, key=lambda e: e.passes)  # FAIL first, then PASS
    for example in examples:
        lines += _example(rule, example)
    return "\n".join(lines)


def markdown(rules: Sequence[Rule] = RULES) -> str:
    """The whole page: introduction, exit codes, the rules in a table, then one section each."""
    parts = [_HEAD, "## Slutstatus", "", "| Slutstatus | Betydelse |", "|---|---|"]
    parts += [f"| {code} | {meaning} |" for code, meaning in EXIT_CODES]
    parts += ["", "## Alla regler", "", "| Kod | Namn | Standardnivå | Kontrollerar |"]
    parts.append("|---|---|---|---|")
    for rule in rules:
        level = rule.level.label if rule.level is not None else "av"
        parts.append(
            f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | {level} | {rule.summary} |"
        )
    parts.append("")
    parts += [rule_section(rule) for rule in rules]
    return "\n".join(parts).rstrip("\n") + "\n"
