"""PV101 – aktiviteten pekar på ett mål, en paragraf eller en punkt som inte finns.

Varje aktivitet i en aktivitetsplan tjänar något i den verksamhetsplan som omfattar
aktivitetens år: ett mål (rubrik) med ``mål:`` och målets id, eller, i en verksamhetsplan
som följer avtalets paragrafer, en paragraf med ``paragraf:`` (numret, ``8.3`` eller
``§ 8.3``, eller paragrafens id) eller en av planens punkter med ``punkt:`` och punktens id.
Hänvisningen står på aktiviteten eller på rubriken, och gäller då för alla rubrikens
aktiviteter. När ett mål byter id, en paragraf numreras om eller en punkt tas bort
rapporteras här varje aktivitet som fortfarande pekar på det gamla, tillsammans med det som
liknar mest.

FAIL plans/aktivitetsplan-2025.yaml 13:18:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        rubriker:
          - id: nära-vård
            rubrik: Omställning till Nära vård
            aktiviteter:
              - id: stödja-nära-vård
                text: Stödja omställningen till Nära vård.
                mål: nära-vården
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        rubriker:
          - id: nära-vård
            rubrik: Omställning till Nära vård
            mål: nära-vård
            aktiviteter:
              - id: stödja-nära-vård
                text: Stödja omställningen till Nära vård.
"""

from collections.abc import Iterator
from typing import Any

from planverk.core.findings import Finding, Level
from planverk.core.suggest import closest, stems
from planverk.model import walk
from planverk.model.index import VpIndex
from planverk.model.references import paragraph_number
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    for ap in ctx.planset.aps:
        vp = ctx.planset.vp_for(ap.plan.year, ap.plan.vp)
        if vp is None:
            continue  # PV201 reports a year without its verksamhetsplan
        index = ctx.planset.index.vp(vp.plan)
        hints = _Hints(index)
        where = f"{vp.plan.title} ({vp.doc.display})"
        # A rubrik's references once each, at the rubrik (its activities inherit them).
        for f_index, area in enumerate(ap.plan.focus_areas):
            for h_index, heading in enumerate(area.headings):
                if heading.goal is None and heading.paragraph is None and heading.bullet is None:
                    continue
                h_path: walk.Path = ("fokusområden", f_index, "rubriker", h_index)
                context = " ".join(a.text for a in heading.activities[:3])
                for ref in walk.own_references(heading, h_path):
                    if index.resolve(ref) is None:
                        yield _unknown(
                            ctx, ap, vp, ref, where, hints.hint(ref, heading.heading, context)
                        )
        for item in walk.activities(ap.plan):
            if item.ref is None:
                yield ctx.finding(
                    ap,
                    item.path,
                    f"aktiviteten '{item.activity.id}' anger inte vad den tjänar i "
                    "verksamhetsplanen",
                    _missing_hint(index),
                    key=True,
                )
            for ref in item.own:
                if index.resolve(ref) is None:
                    hint = hints.hint(ref, item.heading.heading, item.activity.text)
                    yield _unknown(ctx, ap, vp, ref, where, hint)


def _unknown(ctx: Context, ap: Any, vp: Any, ref: walk.Reference, where: str, hint: str) -> Finding:
    message = f"{_noun(ref.key)} '{ref.value}' finns inte i {where}"
    return ctx.finding(ap, ref.path, message, hint, related=(vp,))


def _noun(key: str) -> str:
    return {"mål": "målet", "paragraf": "paragrafen", "punkt": "punkten"}[key]


def _missing_hint(index: VpIndex) -> str:
    if index.sections and not index.goals:
        return (
            "Lägg till `paragraf:` (t.ex. 8.3) eller `punkt:` (punktens id) på aktiviteten "
            "eller på dess rubrik."
        )
    return "Lägg till `mål:` med VP-målets id på aktiviteten eller på dess rubrik."


class _Hints:
    """Hints for one VP, so that thousands of broken references stay fast: a guess is made
    once per (reference, rubrik), and the word stems of what may be pointed at are taken
    once."""

    def __init__(self, index: VpIndex) -> None:
        self.index = index
        self.names: dict[str, dict[str, str]] = {}
        self.stems: dict[str, dict[str, set[str]]] = {}
        self.guesses: dict[tuple[str, str, str], str | None] = {}

    def _names(self, key: str) -> dict[str, str]:
        found = self.names.get(key)
        if found is None:
            found = self.names[key] = self.index.names(key)
        return found

    def hint(self, ref: walk.Reference, heading: str, context: str) -> str:
        names = self._names(ref.key)
        if not names:
            return _nothing_hint(ref.key)
        wanted = ref.value
        if ref.key == "paragraf":
            wanted = paragraph_number(ref.value) or ref.value.strip()
        key = (ref.key, wanted, heading)
        if key not in self.guesses:
            if ref.key == "paragraf":  # a number alone says little; the rubrik says more
                guess = _by_heading(heading, names) or closest(wanted, names)
            else:
                guess = closest(wanted, names) or _by_heading(heading, names)
            self.guesses[key] = guess
        guess = self.guesses[key]
        if guess:
            return f"Menade du '{guess}' ({names[guess]})?"
        nearest = self.nearest(ref.key, " ".join((ref.value, heading, context)))
        if nearest:
            what = {"mål": "mål", "paragraf": "paragraf", "punkt": "punkt"}[ref.key]
            gone = {"mål": "Målet", "paragraf": "Paragrafen", "punkt": "Punkten"}[ref.key]
            return (
                f"{gone} kan ha tagits bort ur verksamhetsplanen. Närmaste befintliga {what} "
                f"är '{nearest}' ({names[nearest]})."
            )
        listed = ", ".join(list(names)[:20])
        return f"I verksamhetsplanen finns: {listed}."

    def nearest(self, key: str, context: str) -> str | None:
        """What shares the most word stems with ``context`` (as
        :func:`planverk.core.suggest.nearest_by_words`, with the stems taken once)."""
        if key not in self.stems:
            self.stems[key] = self._stems(key)
        wanted = stems(context)
        best, best_score = None, 0.0
        for name, have in self.stems[key].items():
            if not have:
                continue
            score = len(wanted & have) / len(wanted | have)
            if score > best_score:
                best, best_score = name, score
        return best

    def _stems(self, key: str) -> dict[str, set[str]]:
        if key == "mål":
            return {
                goal_id: stems(" ".join((goal_id, at.goal.heading, at.goal.text or "")))
                for goal_id, at in self.index.goals.items()
            }
        return {name: stems(f"{name} {text}") for name, text in self._names(key).items()}


def _nothing_hint(key: str) -> str:
    if key == "punkt":
        return (
            "Ingen punkt i verksamhetsplanen har id. Ge punkten ett id där (skriv punkten som "
            "`- id: ...` med `text: ...`) och peka på det."
        )
    if key == "paragraf":
        return "Verksamhetsplanen har inga paragrafer (avsnitt:); peka på ett mål med `mål:`."
    return "Verksamhetsplanen har inga mål; peka på en paragraf (`paragraf:`) eller en punkt."


def _by_heading(heading: str, names: dict[str, str]) -> str | None:
    by_heading: dict[str, str] = {}
    for name, text in names.items():
        by_heading.setdefault(text, name)
    match = closest(heading, by_heading, cutoff=0.5)
    return by_heading[match] if match else None


RULE = rule(
    __doc__ or "",
    code="PV101",
    name="okänt-mål",
    level=Level.ERROR,
    summary="aktivitetens mål, paragraf eller punkt finns inte i verksamhetsplanen",
    check=check,
    scope=Scope.AP_WITH_VPS,
)
