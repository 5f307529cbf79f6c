"""PV505 – arbetsboken gäller ett annat år eller en annan period.

Rapporteras av `planverk import`: arbetsboken gjordes för ett annat år eller en annan
uppföljningsperiod än den som importeras, till exempel förra tertialets arbetsbok som
någon svarade på igen. Perioden som importeras är den som anges med `--period` och `--år`,
annars den som den första arbetsboken gäller; en import gäller en period. Gör en ny
arbetsbok för rätt period, eller importera arbetsboken för sig.

Exemplet är två arbetsböcker; det testas i tests/intake/test_bad_workbooks.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from planverk.core.findings import Finding, Level
from planverk.model.periods import Calendar
from planverk.rules.base import rule
from planverk.rules.cells import in_file

if TYPE_CHECKING:
    from planverk.model.workbook import ReturnedBook


def check(
    book: ReturnedBook, year: int, period: str, source: str, calendar: Calendar
) -> Iterator[Finding]:
    if (book.year, book.period) == (year, period):
        return
    have = _name(calendar, book.period, book.year)
    want = _name(calendar, period, year)
    yield in_file(
        RULE,
        book.display,
        f"arbetsboken gäller {have}, men importen gäller {want} ({source})",
        "Importera en period i taget: gör en ny arbetsbok med `planverk rapportmall "
        f"{year} --period {period}`, eller importera den här för sig (`--period "
        f"{book.period}`).",
    )


def _name(calendar: Calendar, period: str, year: int | None) -> str:
    span = calendar.span(period, year) if year is not None else None
    return f"{span.name if span else period} {year if year is not None else ''}".strip()


RULE = rule(
    __doc__ or "",
    code="PV505",
    name="annan-period",
    level=Level.ERROR,
    summary="arbetsboken gäller ett annat år eller en annan period än importen",
    configurable=False,
)
