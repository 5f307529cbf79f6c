"""PV101 – aktiviteten pekar på ett mål som inte finns.

Varje aktivitet i en aktivitetsplan tjänar ett mål (rubrik) i den verksamhetsplan som
omfattar aktivitetens år. Målet anges med sitt id under ``mål:``, antingen på aktiviteten
eller på rubriken, och gäller då för alla rubrikens aktiviteter. När ett mål byter id eller
tas bort i VP rapporteras här varje aktivitet som fortfarande pekar på det gamla id:t,
tillsammans med det befintliga mål som liknar mest.

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

from collections.abc import Iterator, Mapping

from planverk.core.findings import Finding, Level
from planverk.core.suggest import closest, stems
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule


def check(ctx: Context) -> Iterator[Finding]:
    for ap in ctx.planset.aps:
        vp = ctx.planset.vp_for(ap.plan.year, ap.plan.vp)
        if vp is None:
            continue  # PV201 reports a year without its verksamhetsplan
        goals = ctx.planset.index.goals(vp.plan)
        hints = _Hints(goals)
        for item in walk.activities(ap.plan):
            if item.goal_id is None:
                yield ctx.finding(
                    ap,
                    item.path,
                    f"aktiviteten '{item.activity.id}' anger inget mål",
                    "Lägg till `mål:` med VP-målets id på aktiviteten eller på dess rubrik.",
                    key=True,
                )
            elif item.goal_id not in goals:
                yield ctx.finding(
                    ap,
                    item.goal_path,
                    f"målet '{item.goal_id}' finns inte i {vp.plan.title} ({vp.doc.display})",
                    hints.hint(item),
                    related=(vp,),
                )


class _Hints:
    """Hints for one VP's goals, so that thousands of broken references stay fast: a guess
    is made once per (id, rubrik), and the goals' word stems are taken once."""

    def __init__(self, goals: Mapping[str, walk.GoalAt]) -> None:
        self.goals = {goal_id: item.goal.heading for goal_id, item in goals.items()}
        self.stems = {
            goal_id: stems(" ".join((goal_id, item.goal.heading, item.goal.text or "")))
            for goal_id, item in goals.items()
        }
        self.guesses: dict[tuple[str, str], str | None] = {}

    def hint(self, item: walk.ActivityAt) -> str:
        assert item.goal_id is not None
        goals = self.goals
        key = (item.goal_id, item.heading.heading)
        if key not in self.guesses:
            self.guesses[key] = closest(item.goal_id, goals) or _by_heading(
                item.heading.heading, goals
            )
        guess = self.guesses[key]
        if guess:
            return f"Menade du '{guess}' ({goals[guess]})?"
        nearest = self.nearest(" ".join((item.goal_id, item.heading.heading, item.activity.text)))
        if nearest:
            return (
                f"Målet kan ha tagits bort ur verksamhetsplanen. Närmaste befintliga mål är "
                f"'{nearest}' ({goals[nearest]})."
            )
        return f"Målen i verksamhetsplanen har id: {', '.join(goals) or 'inga'}."

    def nearest(self, context: str) -> str | None:
        """The goal sharing the most word stems with ``context`` (as
        :func:`planverk.core.suggest.nearest_by_words`, with the goals' stems taken once)."""
        wanted = stems(context)
        best, best_score = None, 0.0
        for goal_id, have in self.stems.items():
            if not have:
                continue
            score = len(wanted & have) / len(wanted | have)
            if score > best_score:
                best, best_score = goal_id, score
        return best


def _by_heading(heading: str, goals: dict[str, str]) -> str | None:
    by_heading = {text: goal_id for goal_id, text in goals.items()}
    match = closest(heading, by_heading, cutoff=0.5)
    return by_heading[match] if match else None


RULE = rule(
    __doc__ or "",
    code="PV101",
    name="okänt-mål",
    level=Level.ERROR,
    summary="aktivitetens mål finns inte i verksamhetsplanen",
    check=check,
    scope=Scope.AP_WITH_VPS,
)
