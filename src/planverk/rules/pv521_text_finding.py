"""PV521 – texten i arbetsboken ger ett fynd i planen.

Rapporteras av `planverk import`: en Kommentar, ett Resultat eller ett indikatorvärde skulle
ge ett fynd när det står i handlingsplanen, till exempel en förkortning som saknas i
ordlistan (PV304) eller en platshållare som "TODO" (PV305). Importen prövar planerna med
rapporterna inskrivna innan den skriver något, så att `planverk validate` är utan
anmärkningar efteråt. Fyndet säger vilken regel det gäller; rätta texten i cellen, eller
planen (lägg till förkortningen i ordlistan), och importera igen.

Exemplet är en arbetsbok; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.rules.base import rule
from planverk.rules.cells import at_cell

if TYPE_CHECKING:
    from planverk.model.workbook import Cell, ReturnedBook


def finding(book: ReturnedBook, where: Cell | tuple[str, int, int], found: Finding) -> Finding:
    """``found`` (a finding in the edited plan) as a finding at the cell its text came from."""
    return at_cell(
        RULE,
        book,
        where,
        f"texten ger {found.code} i planen: {found.message}",
        found.hint or "Rätta texten i cellen.",
    )


RULE = rule(
    __doc__ or "",
    code="PV521",
    name="text-ger-fynd-i-planen",
    level=Level.ERROR,
    summary="en text i arbetsboken skulle ge ett fynd i handlingsplanen",
    configurable=False,
)
