"""PV331 – texten nämner ett år i förra perioden.

En plan som förs över till nästa period (``planverk new``) behåller sina texter, och en text
som nämner förra periodens år ("under 2022", "hösten 2023") är då ofta inaktuell. Här
rapporteras varje text i en verksamhetsplan som nämner ett år i den närmast föregående
perioden av samma längd (för Verksamhetsplan 2024–2025: 2022 och 2023), och varje text i en
aktivitetsplan eller en årlig handlingsplan som nämner förra året. Ett årtal eller en
period som också gäller planens egen period ("strategin 2023–2027" i en plan för 2024) är
inte inaktuellt och rapporteras inte, inte heller datum och diarienummer. Ett tal som
räknar eller numrerar något är inget årtal ("steg 2024", "nr 2023", "2024 patienter",
"2023 kronor").

Ska året stå kvar, tysta raden med ``# planverk: ignore[PV331]``.

FAIL plans/aktivitetsplan-2025.yaml 4:45:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Nämnden följer upp arbetet under 2024.
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Nämnden följer upp arbetet under 2025 och strategin för 2024–2027.
"""

import re
from collections.abc import Iterator
from typing import Any

from planverk.core.findings import Finding, Level
from planverk.model import walk
from planverk.rules.base import Context, Scope, rule
from planverk.rules.textspan import ValueText

# A year (1900–2199), or a span of two, not part of a longer number, a date (2024-05-01)
# or a case number (RSVN 2021/17).
YEARS = re.compile(
    r"(?<![\d/.:-])((?:19|20|21)\d\d)(?:\s*[-–—]\s*((?:19|20|21)\d\d))?(?![\d/:]|-\d\d-)"
)
# A lone number that counts or numbers something is no year: "steg 2024", "nr 2023",
# "2024 patienter", "2023 kronor".
_COUNTED_BEFORE = re.compile(
    r"\b(?:steg|nr|nummer|punkt|punkten|kapitel|sida|sidan|rad|kod|id|ärende|§)\s*$",
    re.IGNORECASE,
)
_COUNTED_AFTER = re.compile(
    r"^\s*(?:patienter|personer|invånare|medarbetare|anställda|kronor|kr|tkr|mnkr|st|"
    r"stycken|timmar|dagar|veckor|vårdplatser|platser|procent|%|besök|fall)\b",
    re.IGNORECASE,
)


def check(ctx: Context) -> Iterator[Finding]:
    planset = ctx.planset
    periods: list[tuple[Any, int, int, int, int]] = []
    for vp in planset.vps:
        start, end = vp.plan.period.start, vp.plan.period.end
        length = end - start + 1
        periods.append((vp, start, end, start - length, start - 1))
    yearly: list[Any] = [*planset.aps, *planset.hps]
    for plan in yearly:
        year = plan.plan.year
        if year is not None:
            periods.append((plan, year, year, year - 1, year - 1))
    for loaded, start, end, old_start, old_end in periods:
        doc = loaded.doc
        old_years = "|".join(str(y) for y in range(old_start, old_end + 1))
        named = re.compile(rf"(?<!\d)(?:{old_years})(?!\d)").search
        if doc.data is None or not named(doc.text):
            continue  # the file nowhere names a year of the previous period
        old_label = str(old_start) if old_start == old_end else f"{old_start}–{old_end}"
        own_label = str(start) if start == end else f"{start}–{end}"
        for parent, key, text in walk.texts(doc.data):
            if not named(text):
                continue
            value: ValueText | None = None
            for match in YEARS.finditer(text):
                if match.group(2) is None and (
                    _COUNTED_BEFORE.search(text[: match.start()][-20:])
                    or _COUNTED_AFTER.match(text[match.end() : match.end() + 20])
                ):
                    continue  # a number, not a year: "steg 2024", "2024 patienter"
                first = int(match.group(1))
                last = int(match.group(2) or first)
                low, high = min(first, last), max(first, last)
                if not (old_start <= low and high <= old_end) or (high >= start and low <= end):
                    continue
                value = value or ValueText(doc, (*parent, key), text)
                what = "förra året" if old_start == old_end else "förra perioden"
                yield ctx.finding(
                    doc,
                    (*parent, key),
                    f"texten nämner {match.group(0)}, som hör till {what} ({old_label})",
                    f"Skriv om texten för {own_label}, eller tysta raden med "
                    "`# planverk: ignore[PV331]` om året ska stå kvar.",
                    span=value.span_of(match.start(), match.end()),
                )


RULE = rule(
    __doc__ or "",
    code="PV331",
    name="förra-periodens-år",
    level=Level.WARNING,
    summary="texten nämner ett år i förra perioden",
    check=check,
    scope=Scope.PLAN,
)
