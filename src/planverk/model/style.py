"""Dokumentstil: how a region's documents are set, as data in the project file.

Every region writes its plans in its own typographic convention: one sets the quoted
agreement text apart and the plan's own words in roman, another (the plan says so in its
introduction) sets the plan's own text in italics and the agreement's in roman. Headings of
agreement paragraphs may be set in capitals, numbered "§ 8.1" or "8.1". These are the
region's choices, so they live in ``dokumentstil:`` in plans/planverk.yaml, and the templates
read them; the defaults give the look planverk always had.
"""

from __future__ import annotations

from enum import StrEnum

from planverk.model.common import Strict, swedish


class Emphasis(StrEnum):
    """How a kind of text is set."""

    NORMAL = "normal"  # as the body text
    ITALIC = "kursiv"
    BOLD = "fet"
    QUOTE = "citat"  # Word's style Quote (Citat): indented, set apart


class HeadingCase(StrEnum):
    AS_WRITTEN = "som-skrivet"
    CAPITALS = "versaler"


class Visibility(StrEnum):
    SHOW = "visa"
    HIDE = "dölj"


NUMBER_FORMAT = r"^[^{}]*\{nummer\}[^{}]*$"
PERIOD_FORMAT = r"^[^{}]*(\{period\}[^{}]*)?$"


class DocumentStyle(Strict):
    """The project file's ``dokumentstil:``; every key has a default (today's look)."""

    agreement_text: Emphasis = swedish(
        "Avtalstext",
        "Hur avtalets egen text (avtalstext:) sätts: citat (standard), kursiv, fet eller normal.",
        default=Emphasis.QUOTE,
        alias="avtalstext",
    )
    plan_text: Emphasis = swedish(
        "Plantext",
        "Hur planens egen text under en paragraf (plan:, med punkter) sätts: normal "
        "(standard), kursiv, fet eller citat.",
        default=Emphasis.NORMAL,
        alias="plantext",
    )
    paragraph_headings: HeadingCase = swedish(
        "Paragrafrubriker",
        "Paragrafernas rubriker som de står i planen (som-skrivet, standard) eller med "
        "versaler (§ 8 SAMVERKANSOMRÅDEN).",
        default=HeadingCase.AS_WRITTEN,
        alias="paragrafrubriker",
    )
    paragraph_number: str = swedish(
        "Paragrafnummer",
        "Hur paragrafens nummer skrivs före rubriken; {nummer} ersätts med numret. "
        "Standard: § {nummer}.",
        default="§ {nummer}",
        alias="paragrafnummer",
        pattern=NUMBER_FORMAT,
        max_length=40,
    )
    plan_headings: Visibility = swedish(
        "Planrubriker",
        "Om rubriken över planens egen text under en paragraf (t.ex. Plan 2022–2023) visas "
        "(visa, standard) eller inte (dölj).",
        default=Visibility.SHOW,
        alias="planrubriker",
    )
    plan_heading: str | None = swedish(
        "Planrubrik",
        "Rubriken över planens egen text när paragrafen inte har någon egen (plan: rubrik:); "
        "{period} ersätts med planens period, t.ex. Plan {period}. Standard: ingen.",
        default=None,
        alias="planrubrik",
        pattern=PERIOD_FORMAT,
        max_length=80,
    )
    draft: str = swedish(
        "Förslag",
        "Ordet på titelsidan och i sidhuvudet för en plan som inte har något beslut "
        "(beslut:). Standard: Förslag.",
        default="Förslag",
        alias="förslag",
        min_length=1,
        max_length=40,
    )


DEFAULT_STYLE = DocumentStyle.model_validate({})

__all__ = ["DEFAULT_STYLE", "DocumentStyle", "Emphasis", "HeadingCase", "Visibility"]
