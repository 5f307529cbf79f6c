"""No document from plans with errors: the one gate every writer passes."""

from __future__ import annotations

from planverk.core.findings import Level
from planverk.lint.validate import Result, check
from planverk.loading.planset import PlanSet


class PlansHaveErrors(Exception):
    """The plans have errors, so nothing is published; ``result`` holds the findings."""

    def __init__(self, result: Result) -> None:
        super().__init__("planerna har fel; inget dokument skrevs")
        self.result = result


def require_clean(planset: PlanSet, overrides: dict[str, str] | None = None) -> Result:
    """The validation result of ``planset``; raises :class:`PlansHaveErrors` when it has an
    error (warnings do not stop a document)."""
    result = check(planset, overrides=overrides)
    if result.fails(Level.ERROR):
        raise PlansHaveErrors(result)
    return result
