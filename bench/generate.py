"""Generate realistic plan sets for the benchmarks in bench/run.py.

One plan set per folder (``<out>/plans/``), as planverk reads it: a project file with the
region's bodies and glossary, several VP periods, one aktivitetsplan per year, and per year one
handlingsplan per programområde plus Ledningsgruppen's, and living handlingsplaner for some
programområden. Every AP activity gets one action in a handlingsplan of its year, carrying an
owner, a status and an uppföljning block. Text is Swedish (å ä ö) of realistic length and
every cross reference resolves, so ``planverk validate`` exits 0.

Modes:
  scale   ``--activities N`` activities spread over the years (default).
  diff    two years (2024, 2025) of N activities each, the second with 10% changed: reworded,
          moved to another rubrik, added, removed and renamed ids.
  render  one AP 2025 with N activities and one handlingsplan 2025 with N rows.

Deterministic for a ``--seed``. Standard library only.

    python bench/generate.py --activities 10000 --out bench/corpus/scale-10000
    python bench/generate.py --all            # every corpus bench/run.py uses
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH / "corpus"
SCALES = (1_000, 10_000, 50_000)
DIFF_ACTIVITIES = 10_000
RENDER_ACTIVITIES = 5_000

REGIONS = (
    ("dalarna", "Region Dalarna"),
    ("gävleborg", "Region Gävleborg"),
    ("värmland", "Region Värmland"),
    ("västmanland", "Region Västmanland"),
    ("uppsala", "Region Uppsala"),
    ("örebro", "Region Örebro län"),
    ("sörmland", "Region Sörmland"),
)

# (id suffix, name, subject words used in activity text)
PROGRAMS = (
    ("cancer", "Cancersjukdomar", ("cancervård", "standardiserade vårdförlopp", "screening")),
    ("hjärta-kärl", "Hjärt- och kärlsjukdomar", ("hjärtsvikt", "förmaksflimmer", "stroke")),
    ("endokrina", "Endokrina sjukdomar", ("diabetes", "fotvård vid diabetes", "fetma")),
    ("psykisk-hälsa", "Psykisk hälsa", ("självmordsprevention", "ångestsyndrom", "ADHD")),
    ("rörelseorganen", "Rörelseorganens sjukdomar", ("höftfrakturer", "artros", "ryggsmärta")),
    ("njur-urinvägar", "Njur- och urinvägssjukdomar", ("kronisk njursvikt", "dialysvård")),
    ("lung-allergi", "Lung- och allergisjukdomar", ("astma", "KOL", "allergiutredning")),
    ("mag-tarm", "Mag- och tarmsjukdomar", ("inflammatorisk tarmsjukdom", "leversjukdomar")),
    ("nervsystemet", "Nervsystemets sjukdomar", ("epilepsi", "multipel skleros", "demens")),
    ("hud-kön", "Hud- och könssjukdomar", ("psoriasis", "hudcancer", "könssjukdomar")),
    ("infektion", "Infektionssjukdomar", ("sepsis", "antibiotikaresistens", "vårdhygien")),
    ("kvinnosjukdomar", "Kvinnosjukdomar och förlossning", ("förlossningsvård", "endometrios")),
    ("barn-unga", "Barn och ungdomars hälsa", ("barnhälsovård", "barndiabetes", "barnobesitas")),
    ("ögon", "Ögonsjukdomar", ("glaukom", "makuladegeneration", "kataraktkirurgi")),
    ("öron-näsa-hals", "Öron-, näs- och halssjukdomar", ("hörselnedsättning", "tonsillkirurgi")),
    ("akut-vård", "Akut vård", ("akutmottagningarnas flöden", "prehospital vård", "triage")),
    ("äldres-hälsa", "Äldres hälsa", ("multisjuka äldre", "fallprevention", "läkemedel för äldre")),
    ("levnadsvanor", "Levnadsvanor", ("tobaksavvänjning", "fysisk aktivitet på recept")),
    ("perioperativ", "Perioperativ vård och intensivvård", ("intensivvård", "transplantation")),
    ("rehabilitering", "Rehabilitering och försäkringsmedicin", ("sjukskrivning", "habilitering")),
    ("diagnostik", "Medicinsk diagnostik", ("laboratoriemedicin", "bild- och funktionsmedicin")),
    ("tandvård", "Tandvård", ("munhälsa hos äldre", "tandvård för barn")),
    ("sällsynta", "Sällsynta sjukdomar", ("sällsynta diagnoser", "genetisk utredning")),
    ("palliativ", "Palliativ vård", ("palliativ vård i livets slut", "brytpunktssamtal")),
)

BODIES = (
    ("svn", "Samverkansnämnden", "SVN"),
    ("au", "Samverkansnämndens arbetsutskott", "AU"),
    ("ledningsgruppen", "Ledningsgruppen", None),
    ("rd-gruppen", "RD-gruppen", None),
    ("hr-direktörsgruppen", "HR-direktörsgruppen", None),
    ("upphandlingsgruppen", "Upphandlingsgruppen", None),
    ("krisberedskapschefer", "Krisberedskapschefer", None),
    ("regionala-vårdkompetensrådet", "Regionala vårdkompetensrådet", None),
    ("rcc", "Regionalt cancercentrum Mellansverige", "RCC"),
)

GLOSSARY = {
    "ADHD": "Adhd (uppmärksamhetsstörning med hyperaktivitet)",
    "AU": "Arbetsutskottet (Samverkansnämndens arbetsutskott)",
    "HR": "Personalområdet (human resources)",
    "IT": "Informationsteknik",
    "KOL": "Kroniskt obstruktiv lungsjukdom",
    "LOV": "Lagen om valfrihetssystem",
    "NHV": "Nationell högspecialiserad vård",
    "NPO": "Nationellt programområde",
    "NSG": "Nationell samverkansgrupp",
    "NSPL": "Nationell samordning och planering",
    "RCC": "Regionalt cancercentrum",
    "RD": "Regiondirektör",
    "RPO": "Regionalt programområde",
    "RSG": "Regional samverkansgrupp",
    "SVN": "Samverkansnämnden",
}

FOCUS_AREAS = (
    ("verksamhet-och-utveckling", "Verksamhet och utveckling"),
    ("kunskapsstyrning", "Kunskapsstyrning"),
    ("utbildning-och-kompetensförsörjning", "Utbildning och kompetensförsörjning"),
    ("digitalisering-och-e-hälsa", "Digitalisering och e-hälsa"),
)

GOAL_TOPICS = (
    "produktionssamverkan",
    "nivåstrukturering",
    "forskningssamverkan",
    "krisberedskap",
    "välfärdsbrott",
    "nära vård",
    "donationsverksamhet",
    "jämlik vård",
    "kunskapsstöd",
    "vårdförlopp",
    "uppföljning av kvalitet",
    "läkemedelsanvändning",
    "kompetensförsörjning",
    "specialiseringstjänstgöring",
    "verksamhetsförlagd utbildning",
    "bemanning",
    "digitala vårdtjänster",
    "informationsförsörjning",
    "vårddata",
    "e-hälsa för invånare",
    "patientsäkerhet",
    "tillgänglighet",
    "samverkan med kommunerna",
    "civilt försvar",
    "hållbar vård",
    "upphandling",
    "vårdgarantin",
    "prevention",
    "psykiatrisk vård",
    "akut beredskap",
)

VERBS = (
    "Stödja",
    "Främja",
    "Utveckla",
    "Säkerställa",
    "Införa",
    "Samordna",
    "Följa upp",
    "Utreda",
    "Stärka",
    "Förbättra",
    "Kartlägga",
    "Fördjupa",
    "Etablera",
    "Sprida",
    "Genomföra",
)

OBJECTS = (
    "samverkan kring {s}",
    "gemensamma rutiner för {s}",
    "det nationella kunskapsstödet för {s}",
    "ett sammanhållet vårdförlopp för {s}",
    "jämlik tillgång till {s}",
    "arbetet med {s}",
    "uppföljningen av {s}",
    "kompetensen inom {s}",
    "digitala arbetssätt inom {s}",
    "en sjukvårdsregional arbetsfördelning för {s}",
)

QUALIFIERS = (
    "i alla sju regioner",
    "inom sjukvårdsregionen",
    "tillsammans med patientföreträdare",
    "enligt det nationella kunskapsstödet från NPO",
    "med stöd av RPO och RSG",
    "i samverkan med kommunerna och primärvården",
    "så att väntetiderna minskar",
    "med gemensamma kvalitetsindikatorer",
    "utifrån regionernas lokala förutsättningar",
    "med fokus på jämlik och personcentrerad vård",
    "och redovisa resultatet för Ledningsgruppen",
    "så att fler patienter får vård i rätt tid",
    "med särskild hänsyn till glesbygdens förutsättningar",
    "och återkoppla erfarenheterna till SVN",
    "med stöd av RCC där det är relevant",
)

SECOND_SENTENCES = (
    "Arbetet bygger på erfarenheterna från föregående år och på regionernas egna analyser.",
    "Resultatet ska följas upp i de sjukvårdsregionala kvalitetsregistren varje tertial.",
    "Ett gemensamt underlag tas fram som grund för beslut i Samverkansnämnden.",
    "Regionerna bidrar med underlag om nuläge, behov och tänkbara förbättringsområden.",
    "Insatsen samordnas med det nationella arbetet och med övriga programområden.",
    "Särskild vikt läggs vid att skillnader mellan regionerna synliggörs och minskar.",
    "Patienternas och de närståendes erfarenheter ska tas tillvara i utvecklingsarbetet.",
    "Aktiviteten är ett led i omställningen till en god och nära vård för invånarna.",
)

METHODS = (
    "Tertialvis uppföljning med data från nationella kvalitetsregister.",
    "Årlig enkät till verksamhetscheferna i de sju regionerna.",
    "Uppföljning av regionernas vårddata och väntetidsstatistik.",
    "Genomgång av införandet i programområdets möten varje tertial.",
)

TARGETS = (
    "Minst 80 procent av patienterna omfattas vid årets slut.",
    "Samtliga regioner har infört arbetssättet vid årets slut.",
    "Skillnaden mellan regionerna har halverats jämfört med föregående år.",
    "Väntetiden är högst 90 dagar i varje region.",
)

COMMENTS = (
    "Två regioner har ännu inte kommit i gång på grund av vakanser; stöd behövs från "
    "Ledningsgruppen för att prioritera bemanningen.",
    "Arbetet är försenat eftersom underlaget från det nationella programområdet dröjer.",
    "Införandet har stannat av i en region; programområdet föreslår en gemensam genomgång.",
)

STATUSES = ("grön", "grön", "grön", "grön", "gul", "röd", "avslutad", "ej rapporterad")

_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_LOOKS_TYPED = re.compile(
    r"^(?:[-+]?[0-9][0-9_.:e+-]*|~|null|true|false|yes|no|on|off|y|n|\.inf|\.nan)$",
    re.IGNORECASE,
)


# --- YAML output -------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    text = str(value)
    plain = (
        text
        and text[0] not in _PLAIN_BAD_START
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and "\n" not in text
        and not _LOOKS_TYPED.match(text)
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _emit(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                out.append(f"{pad}{key}:\n")
                _emit(item, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {_scalar(item)}\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                first = True
                for key, sub in item.items():
                    lead = f"{pad}- " if first else f"{pad}  "
                    first = False
                    if isinstance(sub, dict | list) and sub:
                        out.append(f"{lead}{key}:\n")
                        _emit(sub, indent + 4, out)
                    else:
                        out.append(f"{lead}{key}: {_scalar(sub)}\n")
            else:
                out.append(f"{pad}- {_scalar(item)}\n")


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    out: list[str] = [f"# {line}\n" if line else "#\n" for line in header.splitlines()]
    _emit(data, 0, out)
    return "".join(out)


# --- Plan content ------------------------------------------------------------------------


def slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9åäöé]+", "-", text.lower()).strip("-")
    return words[:48].rstrip("-")


@dataclass
class Activity:
    id: str
    text: str
    program: int  # index into PROGRAMS
    goal: str  # the VP goal id of its rubrik


@dataclass
class Heading:
    id: str
    title: str
    goal: str
    activities: list[Activity] = field(default_factory=list)


@dataclass
class Area:
    id: str
    title: str
    headings: list[Heading] = field(default_factory=list)


class Writer:
    """Makes Swedish text and ids from one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counter = 0

    def sentence(self, subject: str) -> str:
        rng = self.rng
        verb = rng.choice(VERBS)
        obj = rng.choice(OBJECTS).format(s=subject)
        return f"{verb} {obj} {rng.choice(QUALIFIERS)}."

    def activity_text(self, subject: str) -> str:
        """150-300 characters (evenly spread): a sentence, then one or two more."""
        rng = self.rng
        target = rng.randint(150, 300)
        text = self.sentence(subject)
        while len(text) < target:
            text += " " + rng.choice(SECOND_SENTENCES)
        for limit in (target, 300):  # end at a word near the target, never under 150
            if len(text) > limit:
                cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;.") + "."
                if len(cut) >= 150:
                    return cut
        return text

    def activity_id(self, text: str) -> str:
        self.counter += 1
        words = text.split()[:3]
        return f"{slug(' '.join(words))[:30].rstrip('-')}-{self.counter:05d}"

    def reword(self, text: str) -> str:
        """The same activity, reworded: one or two words replaced or a clause added."""
        rng = self.rng
        choice = rng.randrange(3)
        if choice == 0:
            for old, new in (
                ("Stödja", "Driva"),
                ("Främja", "Stärka"),
                ("Utveckla", "Vidareutveckla"),
                ("Säkerställa", "Trygga"),
                ("Införa", "Implementera"),
            ):
                if text.startswith(old):
                    return new + text[len(old) :]
            return "Fortsätta " + text[0].lower() + text[1:]
        if choice == 1:
            words = text.split(" ")
            index = rng.randrange(1, len(words))
            words.insert(index, rng.choice(("gemensamt", "tydligare", "fortsatt", "aktivt")))
            return " ".join(words)
        return text.rstrip(".") + ", med särskilt fokus på jämlik vård."


def build_vp_goals(n_goals_per_area: int) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(area id, area title, [(goal id, goal title)]) for a VP."""
    areas = []
    topic = 0
    for area_id, area_title in FOCUS_AREAS:
        goals = []
        for _ in range(n_goals_per_area):
            name = GOAL_TOPICS[topic % len(GOAL_TOPICS)]
            round_ = topic // len(GOAL_TOPICS)
            goal_id = slug(name) + (f"-{round_ + 1}" if round_ else "")
            title = name[0].upper() + name[1:] + (f" ({round_ + 1})" if round_ else "")
            goals.append((goal_id, title))
            topic += 1
        areas.append((area_id, area_title, goals))
    return areas


def goals_per_area(activities_per_year: int) -> int:
    return max(3, min(30, activities_per_year // 60))


def build_ap(
    w: Writer, vp_areas: list[tuple[str, str, list[tuple[str, str]]]], n_activities: int
) -> list[Area]:
    """An AP: one rubrik per VP goal, activities dealt round-robin over the rubriker."""
    areas = [
        Area(
            area_id,
            title,
            [Heading(goal_id, title_, goal_id) for goal_id, title_ in goals],
        )
        for area_id, title, goals in vp_areas
    ]
    headings = [h for a in areas for h in a.headings]
    for index in range(n_activities):
        heading = headings[index % len(headings)]
        program = w.rng.randrange(len(PROGRAMS))
        subject = w.rng.choice(PROGRAMS[program][2])
        text = w.activity_text(subject)
        heading.activities.append(Activity(w.activity_id(text), text, program, heading.goal))
    return areas


def vp_doc(vp_id: str, start: int, end: int, areas: list[Any], w: Writer) -> dict[str, Any]:
    return {
        "typ": "verksamhetsplan",
        "id": vp_id,
        "titel": f"Verksamhetsplan {start}–{end}",
        "period": {"från": start, "till": end},
        "beslut": {
            "beslutad-av": "svn",
            "datum": dt.date(start - 1, 9, 20),
            "paragraf": f"§ {w.rng.randrange(20, 80)}",
        },
        "inledning": "Verksamhetsplanen anger sjukvårdsregionens strategiska inriktning för "
        f"perioden {start}–{end}. Den bygger på Avtal om samverkan i Sjukvårdsregion "
        "Mellansverige och följs av en aktivitetsplan för varje år.",
        "fokusområden": [
            {
                "id": area_id,
                "rubrik": title,
                "mål": [
                    {
                        "id": goal_id,
                        "rubrik": goal_title,
                        "text": "Sjukvårdsregionen ska samverka kring "
                        + goal_title.lower()
                        + " för en jämlik vård av hög kvalitet, med gemensamma mål och "
                        "en tydlig uppföljning i alla sju regioner.",
                        "punkter": [w.sentence(goal_title.lower()), w.sentence("kvaliteten")],
                    }
                    for goal_id, goal_title in goals
                ],
            }
            for area_id, title, goals in areas
        ],
    }


def ap_doc(year: int, vp_id: str, areas: list[Area], w: Writer) -> dict[str, Any]:
    def activity(a: Activity) -> dict[str, Any]:
        return {"id": a.id, "text": a.text}

    return {
        "typ": "aktivitetsplan",
        "år": year,
        "titel": f"Aktivitetsplan {year}",
        "verksamhetsplan": vp_id,
        "beslut": {"beslutad-av": "svn", "datum": dt.date(year - 1, 12, 12)},
        "inledning": "Samverkan mellan regionerna regleras genom Avtal om samverkan i "
        "Sjukvårdsregion Mellansverige. Enligt avtalet ska en årlig aktivitetsplan knytas till "
        "Samverkansnämndens verksamhetsplan.",
        "fokusområden": [
            {
                "id": area.id,
                "rubrik": area.title,
                "rubriker": [
                    {
                        "id": h.id,
                        "rubrik": h.title,
                        "mål": h.goal,
                        "aktiviteter": [activity(a) for a in h.activities],
                    }
                    for h in area.headings
                ],
            }
            for area in areas
        ],
    }


def action(w: Writer, index: int, year: int | None, ref: tuple[str, str], owner: str) -> Any:
    """One action: an owner, a status, an uppföljning block; sometimes a schedule or reports."""
    rng = w.rng
    key, target = ref
    item: dict[str, Any] = {
        "id": f"åtgärd-{index:05d}",
        key: target,
        "text": rng.choice(
            (
                "Uppdrag till programområdet att ta fram en gemensam plan för införandet.",
                "Programområdet samordnar regionernas arbete och rapporterar varje tertial.",
                "Ta fram underlag och förslag till gemensamma rutiner för beslut i hösten.",
                "Genomföra en kartläggning av nuläget i de sju regionerna.",
            )
        ),
        "ansvar": [owner],
    }
    status = rng.choice(STATUSES)
    item["status"] = status
    follow_up = {"metod": rng.choice(METHODS)}
    if rng.random() < 0.3:
        follow_up["mål"] = rng.choice(TARGETS)
    item["uppföljning"] = follow_up
    if status in ("gul", "röd") or rng.random() < 0.1:
        item["kommentar"] = rng.choice(COMMENTS)
    if year is not None and rng.random() < 0.2:
        item["tidplan"] = {"från": dt.date(year, 2, 1), "till": dt.date(year, 11, 30)}
    if year is not None and rng.random() < 0.1:
        item["rapporter"] = [
            {"period": "t1", "datum": dt.date(year, 4, 30), "status": "grön"},
        ]
    return item


def hp_doc(
    hp_id: str, title: str, owner: str, year: int | None, vp_id: str, actions: list[Any]
) -> dict[str, Any]:
    doc: dict[str, Any] = {"typ": "handlingsplan", "id": hp_id, "titel": title, "ägare": owner}
    if year is None:
        doc["levande"] = True
    else:
        doc["år"] = year
    doc["verksamhetsplan"] = vp_id
    doc["åtgärder"] = actions
    return doc


def project_doc() -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    for body_id, name, abbreviation in BODIES:
        body: dict[str, Any] = {"id": body_id, "namn": name}
        if abbreviation:
            body["förkortning"] = abbreviation
        bodies.append(body)
    for suffix, name, _ in PROGRAMS:
        bodies.append({"id": f"rpo-{suffix}", "namn": f"RPO {name}"})
    return {
        "typ": "projekt",
        "id": "mellansverige",
        "namn": "Sjukvårdsregion Mellansverige",
        "regioner": [{"id": r, "namn": n} for r, n in REGIONS],
        "organ": bodies,
        "ordlista": dict(GLOSSARY),
    }


# --- Plan sets ---------------------------------------------------------------------------


class PlanSetWriter:
    def __init__(self, out: Path) -> None:
        self.plans = out / "plans"
        if out.exists():
            shutil.rmtree(out)
        self.plans.mkdir(parents=True)
        self.files = 0
        self.bytes = 0

    def write(self, relative: str, data: dict[str, Any], header: str = "") -> None:
        path = self.plans / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = to_yaml(data, header)
        raw = text.encode("utf-8")
        path.write_bytes(raw)
        self.files += 1
        self.bytes += len(raw)


HEADER = "Genererad av bench/generate.py för prestandamätning; inte en verklig plan."


def write_year_hps(
    ps: PlanSetWriter, w: Writer, year: int, vp_id: str, areas: list[Area], single: bool
) -> None:
    """Each activity's action in its programområde's plan for the year (or all in one)."""
    by_owner: dict[str, list[Any]] = {}
    counters: dict[str, int] = {}
    for area in areas:
        for heading in area.headings:
            for a in heading.activities:
                owner = f"rpo-{PROGRAMS[a.program][0]}"
                plan = "ledningsgruppen" if single else owner
                counters[plan] = counters.get(plan, 0) + 1
                item = action(w, counters[plan], year, ("aktivitet", a.id), owner)
                by_owner.setdefault(plan, []).append(item)
    for plan, actions in sorted(by_owner.items()):
        if plan == "ledningsgruppen":
            title, owner = f"Ledningsgruppens handlingsplan {year}", "ledningsgruppen"
        else:
            name = next(n for s, n, _ in PROGRAMS if f"rpo-{s}" == plan)
            title, owner = f"Handlingsplan {year} för RPO {name}", plan
        ps.write(
            f"handlingsplaner/{year}/{plan}.yaml",
            hp_doc(f"{plan}-{year}", title, owner, year, vp_id, actions),
            HEADER,
        )


VPS = ((2017, 2020), (2021, 2024), (2025, 2028))
YEARS = tuple(range(2019, 2029))


def scale(out: Path, n_activities: int, seed: int) -> PlanSetWriter:
    """N activities over ten yearly APs (2019-2028) under three VP periods."""
    w = Writer(seed)
    ps = PlanSetWriter(out)
    ps.write("planverk.yaml", project_doc(), HEADER)
    per_year = [n_activities // len(YEARS)] * len(YEARS)
    for index in range(n_activities % len(YEARS)):
        per_year[index] += 1
    vp_goals = build_vp_goals(goals_per_area(max(per_year)))
    for start, end in VPS:
        vp_id = f"vp-{start}-{end}"
        ps.write(f"verksamhetsplan-{start}-{end}.yaml", vp_doc(vp_id, start, end, vp_goals, w))
    for year, count in zip(YEARS, per_year, strict=True):
        vp_id = next(f"vp-{s}-{e}" for s, e in VPS if s <= year <= e)
        areas = build_ap(w, vp_goals, count)
        ps.write(f"aktivitetsplan-{year}.yaml", ap_doc(year, vp_id, areas, w), HEADER)
        write_year_hps(ps, w, year, vp_id, areas, single=False)
    # Living plans for every third programområde: actions under the current VP's goals.
    goal_ids = [g for _, _, goals in vp_goals for g, _ in goals]
    living = max(5, n_activities // 200)
    for p_index, (suffix, name, _) in enumerate(PROGRAMS):
        if p_index % 3:
            continue
        owner = f"rpo-{suffix}"
        actions = [
            action(w, i + 1, None, ("mål", w.rng.choice(goal_ids)), owner) for i in range(living)
        ]
        ps.write(
            f"handlingsplaner/levande/{owner}.yaml",
            hp_doc(
                f"{owner}-levande",
                f"Levande handlingsplan för RPO {name}",
                owner,
                None,
                "vp-2025-2028",
                actions,
            ),
            HEADER,
        )
    return ps


def render(out: Path, n_activities: int, seed: int) -> PlanSetWriter:
    """One AP 2025 with N activities and Ledningsgruppen's handlingsplan 2025 with N rows."""
    w = Writer(seed)
    ps = PlanSetWriter(out)
    ps.write("planverk.yaml", project_doc(), HEADER)
    vp_goals = build_vp_goals(goals_per_area(n_activities))
    ps.write("verksamhetsplan-2025-2028.yaml", vp_doc("vp-2025-2028", 2025, 2028, vp_goals, w))
    areas = build_ap(w, vp_goals, n_activities)
    ps.write("aktivitetsplan-2025.yaml", ap_doc(2025, "vp-2025-2028", areas, w), HEADER)
    write_year_hps(ps, w, 2025, "vp-2025-2028", areas, single=True)
    return ps


def changed_year(w: Writer, old: list[Area], fraction: float) -> tuple[list[Area], dict[str, int]]:
    """A copy of ``old`` with ``fraction`` of its activities changed, five kinds in turn."""
    rng = w.rng
    kinds = ("reworded", "moved", "added", "removed", "renamed")
    all_ids = [a.id for area in old for h in area.headings for a in h.activities]
    change = {
        ident: kinds[number % len(kinds)]
        for number, ident in enumerate(rng.sample(all_ids, int(len(all_ids) * fraction)))
    }
    counts = dict.fromkeys(kinds, 0)
    new: list[Area] = []
    moves: list[Activity] = []
    for area in old:
        headings: list[Heading] = []
        for h in area.headings:
            items: list[Activity] = []
            for a in h.activities:
                kind = change.get(a.id)
                if kind is not None:
                    counts[kind] += 1
                if kind is None:
                    items.append(a)
                elif kind == "reworded":
                    items.append(Activity(a.id, w.reword(a.text), a.program, a.goal))
                elif kind == "renamed":
                    text = w.reword(a.text) if rng.random() < 0.5 else a.text
                    stem, number = a.id.rsplit("-", 1)
                    items.append(Activity(f"{stem}-ny-{number}", text, a.program, a.goal))
                elif kind == "moved":
                    moves.append(a)
                elif kind == "added":
                    items.append(a)
                    subject = rng.choice(PROGRAMS[a.program][2])
                    text = w.activity_text(subject)
                    items.append(Activity(w.activity_id(text), text, a.program, h.goal))
                # removed: left out
            headings.append(Heading(h.id, h.title, h.goal, items))
        new.append(Area(area.id, area.title, headings))
    targets = [h for area in new for h in area.headings]
    for a in moves:
        others = [h for h in targets if h.goal != a.goal]
        heading = rng.choice(others or targets)
        heading.activities.insert(
            rng.randrange(len(heading.activities) + 1),
            Activity(a.id, a.text, a.program, heading.goal),
        )
    return new, counts


def diff(out: Path, n_activities: int, seed: int) -> tuple[PlanSetWriter, dict[str, int]]:
    """AP 2024 and AP 2025 of N activities each, 10% changed, under one VP 2023-2026."""
    w = Writer(seed)
    ps = PlanSetWriter(out)
    ps.write("planverk.yaml", project_doc(), HEADER)
    vp_goals = build_vp_goals(goals_per_area(n_activities))
    ps.write("verksamhetsplan-2023-2026.yaml", vp_doc("vp-2023-2026", 2023, 2026, vp_goals, w))
    old = build_ap(w, vp_goals, n_activities)
    new, counts = changed_year(w, old, 0.10)
    for year, areas in ((2024, old), (2025, new)):
        ap = ap_doc(year, "vp-2023-2026", areas, w)
        ps.write(f"aktivitetsplan-{year}.yaml", ap, HEADER)
        write_year_hps(ps, w, year, "vp-2023-2026", areas, single=False)
    return ps, counts


def iter_all(seed: int) -> Iterator[tuple[str, Path, int]]:
    for n in SCALES:
        yield "scale", CORPUS / f"scale-{n}", n
    yield "diff", CORPUS / f"diff-{DIFF_ACTIVITIES}", DIFF_ACTIVITIES
    yield "render", CORPUS / f"render-{RENDER_ACTIVITIES}", RENDER_ACTIVITIES


def generate(mode: str, out: Path, n: int, seed: int) -> str:
    if mode == "scale":
        ps = scale(out, n, seed)
        extra = ""
    elif mode == "render":
        ps = render(out, n, seed)
        extra = ""
    else:
        ps, counts = diff(out, n, seed)
        extra = " (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")"
    return f"{out}: {mode} {n} aktiviteter, {ps.files} filer, {ps.bytes / 1e6:.1f} MB{extra}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("scale", "diff", "render"), default="scale")
    parser.add_argument("--activities", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--all", action="store_true", help="every corpus in bench/corpus/")
    args = parser.parse_args(argv)
    if args.all:
        for mode, out, n in iter_all(args.seed):
            print(generate(mode, out, n, args.seed))
        return 0
    out = args.out or CORPUS / f"{args.mode}-{args.activities}"
    print(generate(args.mode, out, args.activities, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
