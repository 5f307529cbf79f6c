"""`planverk init`: a new plan repository for a sjukvårdsregion.

Every file is text made here (so the plan files can carry explanatory comments); the plan
files validate as written: the example values are real names (Sjukvårdsregion Sydöstra's
regions), not placeholders, so PV305 stays quiet until the region replaces them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from planverk import __version__
from planverk.model.common import ID_PATTERN
from planverk.model.jsonschema import schemas

DEFAULT_NAME = "Sjukvårdsregion Sydöstra"
DEFAULT_ID = "sydöstra"
EXAMPLE_REGIONS = (
    ("jönköping", "Region Jönköpings län"),
    ("kalmar", "Region Kalmar län"),
    ("östergötland", "Region Östergötland"),
)
VP_YEARS = 4


@dataclass(frozen=True, slots=True)
class Options:
    name: str = DEFAULT_NAME
    region_id: str = DEFAULT_ID
    year: int = 2026
    repository: str | None = None  # planverk's git repository, for a remote pre-commit hook


def valid_id(text: str) -> bool:
    return re.match(ID_PATTERN, text) is not None


def files(options: Options) -> dict[str, str]:
    """Relative path -> text of every file of the new repository."""
    year = options.year
    vp_id = f"vp-{year}-{year + VP_YEARS - 1}"
    result = {
        "plans/planverk.yaml": _project(options),
        f"plans/verksamhetsplan-{year}-{year + VP_YEARS - 1}.yaml": _vp(vp_id, year),
        f"plans/aktivitetsplan-{year}.yaml": _ap(vp_id, year),
        ".gitlab-ci.yml": _gitlab(),
        ".github/workflows/planverk.yml": _github(),
        ".pre-commit-config.yaml": _pre_commit(options.repository),
        "README.md": _readme(options, vp_id),
        ".gitignore": ".venv/\n__pycache__/\n",
    }
    result.update({f"schemas/{name}": text for name, text in schemas().items()})
    return result


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that is safe, else double-quoted."""
    plain = re.fullmatch(r"[\wåäöÅÄÖé][\w åäöÅÄÖé.,()–-]*", text) and not text.endswith(" ")
    return text if plain else json.dumps(text, ensure_ascii=False)


def _project(options: Options) -> str:
    regions = "".join(
        f"  - id: {region_id}\n    namn: {name}\n" for region_id, name in EXAMPLE_REGIONS
    )
    return f"""\
# yaml-language-server: $schema=../schemas/projekt.schema.json
# Projektfil för sjukvårdsregionen: regionerna, de organ som beslutar eller äger arbete i
# planerna, ordlistan och uppföljningsperioderna. Skapad med `planverk init`; regionerna,
# organen och ordlistan nedan är exempel – byt dem mot er sjukvårdsregions egna.
typ: projekt
id: {options.region_id}
namn: {_scalar(options.name)}

# Regionerna som samverkar i sjukvårdsregionen.
regioner:
{regions}
# Organ och grupper som beslutar planerna eller får uppdrag i dem. Planerna hänvisar till
# organen med deras id (ägare, ansvar, uppdrag till, beslutad av).
organ:
  - id: svn
    namn: Samverkansnämnden
    förkortning: SVN
    beskrivning: Den politiska nämnd som beslutar verksamhetsplan och aktivitetsplan.
  - id: ledningsgruppen
    namn: Ledningsgruppen
    beskrivning: Tjänstepersonernas ledningsgrupp som bereder ärenden till nämnden.

# Varje förkortning (ord med två eller fler versaler) som förekommer i en plantext.
ordlista:
  SVN: Samverkansnämnden

# Uppföljningsperioderna; rapporterna i handlingsplanerna hänvisar till deras id.
uppföljningsperioder:
  - id: t1
    namn: Tertial 1
    slutar: "04-30"
  - id: t2
    namn: Tertial 2
    slutar: "08-31"
  - id: helår
    namn: Helår
    slutar: "12-31"
"""


def _vp(vp_id: str, year: int) -> str:
    end = year + VP_YEARS - 1
    return f"""\
# yaml-language-server: $schema=../schemas/verksamhetsplan.schema.json
# Verksamhetsplanen för {year}–{end}. Lägg till fokusområden med sina mål (rubriker), t.ex.:
#
# fokusområden:
#   - id: kunskapsstyrning
#     rubrik: Kunskapsstyrning
#     mål:
#       - id: kunskapsstyrning
#         rubrik: Utveckla arbetet med kunskapsstyrning
#         text: Sjukvårdsregionen ska ...
typ: verksamhetsplan
id: {vp_id}
titel: Verksamhetsplan {year}–{end}
period:
  från: {year}
  till: {end}
fokusområden: []
"""


def _ap(vp_id: str, year: int) -> str:
    return f"""\
# yaml-language-server: $schema=../schemas/aktivitetsplan.schema.json
# Aktivitetsplanen för {year}. Varje rubrik tjänar ett mål i verksamhetsplanen, t.ex.:
#
# fokusområden:
#   - id: kunskapsstyrning
#     rubrik: Kunskapsstyrning
#     rubriker:
#       - id: kunskapsstyrning
#         rubrik: Etablering och utveckling av arbetssätt för kunskapsstyrning
#         mål: kunskapsstyrning
#         aktiviteter:
#           - id: kunskapsstyrning-arbetssätt
#             text: Främja etablering och utveckling av arbetssätt för kunskapsstyrning.
#
# Nästa års plan görs ur denna med `planverk new {year + 1}`.
typ: aktivitetsplan
år: {year}
titel: Aktivitetsplan {year}
verksamhetsplan: {vp_id}
fokusområden: []
"""


def _gitlab() -> str:
    return f"""\
# Kontrollerar planerna i varje merge request och på huvudgrenen. Fynden visas i merge
# requestens kodkvalitetsrapport (Code Quality) och i jobbets logg; jobbet fallerar vid fel.
planverk:
  image: python:3.12
  stage: test
  script:
    # PLANVERK_PAKET (en CI/CD-variabel) anger varifrån planverk installeras, t.ex.
    # regionens eget paketindex eller en git-adress; utan den används standardindexet.
    - pip install --quiet "${{PLANVERK_PAKET:-planverk=={__version__}}}"
    - planverk validate --format gitlab > gl-code-quality-report.json || (planverk validate; exit 1)
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json
"""


def _github() -> str:
    return f"""\
# Kontrollerar planerna vid varje push och pull request; fynden visas som anteckningar
# (annotations) på raderna i planfilerna.
name: planverk
on:
  push:
  pull_request:
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # PLANVERK_PAKET (en variabel i förrådets inställningar) anger varifrån planverk
      # installeras, t.ex. regionens eget paketindex eller en git-adress.
      - run: pip install --quiet "${{{{ vars.PLANVERK_PAKET || 'planverk=={__version__}' }}}}"
      - run: planverk validate --format github
"""


def _pre_commit(repository: str | None) -> str:
    if repository is None:
        # A local hook runs the planverk that is installed, wherever it came from.
        return """\
# Kontrollerar planfilerna före varje commit: `pip install pre-commit && pre-commit install`.
# Kroken kör det planverk som är installerat i miljön.
repos:
  - repo: local
    hooks:
      - id: planverk-validate
        name: planverk validate
        entry: planverk validate
        language: system
        files: ^plans/.*\\.ya?ml$
        pass_filenames: true
        require_serial: true
"""
    return f"""\
# Kontrollerar planfilerna före varje commit: `pip install pre-commit && pre-commit install`.
repos:
  - repo: {repository}
    rev: v{__version__}
    hooks:
      - id: planverk-validate
"""


def _readme(options: Options, vp_id: str) -> str:
    year = options.year
    return f"""\
# Planer för {options.name}

Sjukvårdsregionens verksamhetsplan, aktivitetsplaner och handlingsplaner som YAML-filer
under versionshantering. Verktyget planverk kontrollerar dem,
jämför dem mellan versioner och skriver ut dem som Word-dokument.

## Innehåll

| fil | innehåll |
|---|---|
| `plans/planverk.yaml` | projektfilen: regionerna, organen, ordlistan och uppföljningsperioderna |
| `plans/verksamhetsplan-{year}-{year + VP_YEARS - 1}.yaml` | verksamhetsplanen (`{vp_id}`) |
| `plans/aktivitetsplan-{year}.yaml` | aktivitetsplanen för {year} |
| `plans/handlingsplaner/` | handlingsplanerna (en mapp per år, och `levande/` för levande planer) |
| `schemas/` | JSON-scheman för editorn (rättstavning av nycklar, förslag på värden) |

Projektfilens regioner, organ och ordlista är exempel: byt dem mot er sjukvårdsregions
egna innan planerna skrivs.

## Kom i gång

```sh
pip install planverk
planverk validate                     # kontrollera planerna
planverk new {year + 1}                      # nästa års aktivitetsplan och handlingsplaner ur årets
planverk status                       # var årets planer står: status per fokusområde och ägare
planverk status --format xlsx -o status.xlsx
```

## Kontroll i CI och före varje commit

- `.gitlab-ci.yml` kör `planverk validate --format gitlab`; fynden syns i merge requestens
  kodkvalitetsrapport.
- `.github/workflows/planverk.yml` kör `planverk validate --format github`; fynden syns som
  anteckningar på raderna.
- `.pre-commit-config.yaml` kör `planverk validate` före varje commit
  (`pip install pre-commit && pre-commit install`).
"""
