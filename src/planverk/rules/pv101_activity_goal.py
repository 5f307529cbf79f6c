"""PV101 – aktiviteten pekar på ett mål som inte finns.

Every activity of an aktivitetsplan serves a goal (rubrik) of the verksamhetsplan that
covers its year, named by the goal's id on ``mål:`` (on the activity, or on its rubrik for
all its activities). When a goal is renamed or removed in the VP, every activity that still
points at the old id is reported here, with the closest existing goal.

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

from planverk import walk
from planverk.findings import Finding, Level
from planverk.rules.base import Context, rule
from planverk.suggest import closest, nearest_by_words


def check(ctx: Context) -> Iterator[Finding]:
    for ap in ctx.planset.aps:
        vp = ctx.planset.vp_for(ap.plan.year, ap.plan.vp)
        if vp is None:
            continue  # PV201 reports a year without its verksamhetsplan
        goals = {g.goal.id: g.goal.heading for g in walk.goals(vp.plan)}
        described = {
            g.goal.id: " ".join((g.goal.id, g.goal.heading, g.goal.text or ""))
            for g in walk.goals(vp.plan)
        }
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
                    _hint(item, goals, described),
                )


def _hint(item: walk.ActivityAt, goals: dict[str, str], described: dict[str, str]) -> str:
    assert item.goal_id is not None
    guess = closest(item.goal_id, goals) or _by_heading(item.heading.heading, goals)
    if guess:
        return f"Menade du '{guess}' ({goals[guess]})?"
    context = " ".join((item.goal_id, item.heading.heading, item.activity.text))
    nearest = nearest_by_words(context, described)
    if nearest:
        return (
            f"Målet kan ha tagits bort ur verksamhetsplanen. Närmaste befintliga mål är "
            f"'{nearest}' ({goals[nearest]})."
        )
    return f"Målen i verksamhetsplanen har id: {', '.join(goals) or 'inga'}."


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
)
