"""`planverk init`: a new plan repository for a sjukvårdsregion.

Every file is text made here (so the plan files can carry explanatory comments). What only
the region knows (its name, its member regions, where its copy of planverk lives) is given
as options or left as a clearly marked placeholder: a ``TODO:`` text, which `validate`
reports (PV305) until it is replaced, or ``<...>`` in an install line, which fails loudly
until it is filled in. Never another sjukvårdsregion's names.

planverk is not on a public package index: CI installs it from the region's copy of
planverk's git repository, pinned to one commit (``pip install "planverk @
git+<url>@<commit>"``), so every run uses the version that was tried.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from planverk.model.common import ID_PATTERN
from planverk.model.jsonschema import schemas

PLACEHOLDER = "TODO:"  # what PV305 reports until the region writes its own text
DEFAULT_NAME = f"{PLACEHOLDER} sjukvårdsregionens namn"
DEFAULT_ID = "sjukvårdsregion"
PLACEHOLDER_REGIONS = (
    ("region-1", f"{PLACEHOLDER} den första regionens namn"),
    ("region-2", f"{PLACEHOLDER} den andra regionens namn"),
)
# Where the region keeps its copy of planverk, and the commit CI installs: placeholders that
# make pip and pre-commit fail with the placeholder in the message until they are filled in.
REPOSITORY_PLACEHOLDER = "https://<git-server>/<sökväg>/planverk.git"
REVISION_PLACEHOLDER = "<incheckning>"
VP_YEARS = 4


@dataclass(frozen=True, slots=True)
class Options:
    name: str = DEFAULT_NAME
    region_id: str = DEFAULT_ID
    year: int = 2026
    repository: str | None = None  # the region's copy of planverk's git repository
    revision: str | None = None  # the commit (or tag) of it that CI and pre-commit use
    regions: tuple[tuple[str, str], ...] = ()  # (id, name) of each member region

    @property
    def package(self) -> str:
        """What `pip install` is given: planverk from the repository at the revision."""
        repository = self.repository or REPOSITORY_PLACEHOLDER
        return f"planverk @ git+{repository}@{self.revision or REVISION_PLACEHOLDER}"


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
        ".gitlab-ci.yml": _gitlab(options),
        ".github/workflows/planverk.yml": _github(options),
        ".pre-commit-config.yaml": _pre_commit(options),
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
    given = options.regions or PLACEHOLDER_REGIONS
    regions = "".join(
        f"  - id: {region_id}\n    namn: {_scalar(name)}\n" for region_id, name in given
    )
    marked = (
        ""
        if options.regions
        else "# PLATSHÅLLARE: byt mot regionerna i er sjukvårdsregion, en post per region\n"
        "# (eller ange dem när förrådet skapas: `planverk init --region id=Namn ...`).\n"
    )
    return f"""\
# yaml-language-server: $schema=../schemas/projekt.schema.json
# Projektfil för sjukvårdsregionen: regionerna, de organ som beslutar eller äger arbete i
# planerna, ordlistan och uppföljningsperioderna. Skapad med `planverk init`; organen och
# ordlistan nedan är exempel, och texter som börjar med TODO: är platshållare som
# `planverk validate` påminner om (PV305) tills de är utbytta mot er sjukvårdsregions egna.
typ: projekt
id: {options.region_id}
namn: {_scalar(options.name)}

# Regionerna som samverkar i sjukvårdsregionen.
{marked}regioner:
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


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _install_note(options: Options, prefix: str) -> str:
    """The comment above an install line: where planverk comes from, and what to fill in."""
    lines = [
        "planverk installeras från regionens kopia av planverks git-förråd, låst till en",
        "incheckning, så att varje körning använder den version som har provats.",
    ]
    if options.repository is None or options.revision is None:
        lines += [
            "PLATSHÅLLARE: byt <git-server>/<sökväg> och <incheckning> mot förrådets adress",
            "och incheckningens id (`git rev-parse HEAD` i förrådet), eller skapa filen med",
            "`planverk init --planverk-repo URL --planverk-rev INCHECKNING`.",
        ]
    return "".join(f"{prefix}# {line}\n" for line in lines)


def _gitlab(options: Options) -> str:
    return f"""\
# Kontrollerar planerna i varje merge request och på huvudgrenen. Fynden visas i merge
# requestens kodkvalitetsrapport (Code Quality) och i jobbets logg; jobbet fallerar vid fel.
planverk:
  image: python:3.12
  stage: test
  variables:
{_install_note(options, "    ")}    PLANVERK_PAKET: {_quoted(options.package)}
  script:
    - pip install --quiet "$PLANVERK_PAKET"
    - planverk validate --format gitlab > gl-code-quality-report.json || (planverk validate; exit 1)
  artifacts:
    when: always
    reports:
      codequality: gl-code-quality-report.json

# Planerna som webbplats på GitLab Pages (planverk webb): ta bort # i början av raderna
# nedan. Jobbet körs på huvudgrenen, efter kontrollen; sidorna hamnar på förrådets
# Pages-adress (Inställningar > Pages). Hela historiken hämtas (GIT_DEPTH 0), så att
# sidan Historik kan visa när planerna ändrades, och taggen för senaste beslut (t.ex.
# v2025-beslut) jämförs med. Utan LibreOffice blir dokumenten bara Word; raden med
# apt-get ger också PDF.
# pages:
#   image: python:3.12
#   stage: deploy
#   variables:
#     GIT_DEPTH: "0"
#     PLANVERK_PAKET: {_quoted(options.package)}
#   script:
#     # - apt-get update -qq && apt-get install -y -qq libreoffice-writer-nogui
#     - pip install --quiet "$PLANVERK_PAKET"
#     - planverk webb --ut public
#   artifacts:
#     paths:
#       - public
#   rules:
#     - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""


def _github(options: Options) -> str:
    return f"""\
# Kontrollerar planerna vid varje push och pull request; fynden visas som anteckningar
# (annotations) på raderna i planfilerna.
name: planverk
on:
  push:
  pull_request:
env:
{_install_note(options, "  ")}  PLANVERK_PAKET: {_quoted(options.package)}
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install --quiet "$PLANVERK_PAKET"
      - run: planverk validate --format github

  # Planerna som webbplats på GitHub Pages (planverk webb): ta bort # i början av raderna
  # nedan och välj "GitHub Actions" som källa under Settings > Pages. Jobbet körs på
  # huvudgrenen när kontrollen har gått igenom. fetch-depth 0 hämtar hela historiken, så
  # att sidan Historik kan visa när planerna ändrades.
  # pages:
  #   needs: validate
  #   if: github.ref == format('refs/heads/{{0}}', github.event.repository.default_branch)
  #   runs-on: ubuntu-latest
  #   permissions:
  #     pages: write
  #     id-token: write
  #   environment:
  #     name: github-pages
  #     url: ${{{{ steps.deployment.outputs.page_url }}}}
  #   steps:
  #     - uses: actions/checkout@v4
  #       with:
  #         fetch-depth: 0
  #     - uses: actions/setup-python@v5
  #       with:
  #         python-version: "3.12"
  #     - run: pip install --quiet "$PLANVERK_PAKET"
  #     - run: planverk webb --ut _site
  #     - uses: actions/upload-pages-artifact@v3
  #       with:
  #         path: _site
  #     - id: deployment
  #       uses: actions/deploy-pages@v4
"""


def _pre_commit(options: Options) -> str:
    if options.repository is None:
        # A local hook runs the planverk that is installed, wherever it came from.
        return """\
# Kontrollerar planfilerna före varje commit: `pip install pre-commit && pre-commit install`.
# Kroken kör det planverk som är installerat i miljön (se README.md).
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
    revision = json.dumps(options.revision or REVISION_PLACEHOLDER, ensure_ascii=False)
    if options.revision is None:
        revision += "  # PLATSHÅLLARE: incheckningens id (`git rev-parse HEAD` i förrådet)"
    return f"""\
# Kontrollerar planfilerna före varje commit: `pip install pre-commit && pre-commit install`.
# pre-commit installerar planverk från förrådet, vid incheckningen under rev:.
repos:
  - repo: {options.repository}
    rev: {revision}
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

Projektfilens organ och ordlista är exempel, och texter som börjar med `TODO:` är
platshållare: byt dem mot er sjukvårdsregions egna innan planerna skrivs
(`planverk validate` visar var de står).

## Kom i gång

planverk installeras från regionens kopia av planverks git-förråd, vid en bestämd
incheckning (samma som i `.gitlab-ci.yml` och `.github/workflows/planverk.yml`):

```sh
pip install "{options.package}"
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
- Båda CI-filerna har ett bortkommenterat jobb som publicerar planerna som webbplats
  (`planverk webb`) på GitLab Pages eller GitHub Pages: ta bort `#` framför det.
"""
