"""PV330 – markering i texten som planverk inte stöder.

Planernas texter har en enda liten markering (se docs/modell.md): en tom rad börjar ett nytt
stycke, en rad som börjar med ``- `` är en punkt (två mellanslag till framför för en
underpunkt) och ``^[text]`` är en fotnot. Avtalstext, inledning, målens, fokusområdenas och
planens texter kan ha allt detta; en punkt, en aktivitet och en åtgärd är en rad med
fotnoter; en rubrik, en titel eller ett namn har ingen markering alls. Annan markering
(``**fet**``, ``*kursiv*``, ``[länk](adress)``, ``# rubrik``, ``> citat``, ``1. numrerad
lista``, HTML, en fotnot som aldrig avslutas) skulle annars stå kvar som tecken i nämndens
dokument. Vilken text som framhävs bestäms av ``dokumentstil:`` i projektfilen.

En punktlista i en text som skrivs med ``>`` (radbrytningarna blir mellanslag) hamnar på en
enda rad; den rapporteras också, med tipset att skriva texten med ``|``.

FAIL plans/aktivitetsplan-2025.yaml 4:26:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: Planen gäller **hela** året.
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    inledning: |
      Planen gäller hela året^[Från 1 januari till 31 december.].

      Den har två mål:
      - Att stärka samverkan.
      - Att följa upp arbetet.
"""

import re
from collections.abc import Iterator
from typing import Any

from planverk.core.findings import Finding, Level
from planverk.document.richtext import FOOTNOTE_OPEN, parse
from planverk.model import walk
from planverk.model.common import TextKind
from planverk.model.texts import marked_texts
from planverk.rules.base import Context, Scope, rule
from planverk.rules.textspan import ValueText

# What a text needs to hold for the parser to have anything to say about it: a mark, a line
# break (a list, a heading, a quote), " - " (a list folded into one line) or a marker at its
# start. Most plan texts hold none, so a file whose texts hold none is not walked at all.
_SUSPICIOUS = re.compile(r"[\^*_`\[\]<>&•\n]| - |^\s*(?:[-+*#>–]|\d{1,3}[.)])")


def check(ctx: Context) -> Iterator[Finding]:
    planset = ctx.planset
    loaded: list[Any] = [*planset.vps, *planset.aps, *planset.hps]
    project = planset.project
    if project is not None and any(doc is project.doc for doc in planset.documents):
        loaded.append(project)  # once, where the plan set holds the project file's document
    search = _SUSPICIOUS.search
    texts = walk.texts
    for item in loaded:
        doc = item.doc
        if doc.data is None or not any(search(text) for _, _, text in texts(doc.data)):
            continue
        for marked in marked_texts(item.plan):
            text = marked.text
            if marked.kind is TextKind.PLAIN:
                if FOOTNOTE_OPEN not in text and not _suspicious_plain(text):
                    continue
            elif not search(text):
                continue
            parsed = parse(text, marked.kind)
            problems = sorted(parsed.problems, key=lambda p: p.start)
            value: ValueText | None = None
            for problem in problems:
                value = value or ValueText(doc, marked.path, text)
                span = value.span_of(problem.start, problem.end)
                yield ctx.finding(doc, marked.path, problem.message, problem.hint, span=span)
            if marked.kind is TextKind.BLOCK and "\n" not in text and " - " in text:
                finding = _folded_list(ctx, doc, marked.path, text)
                if finding is not None:
                    yield finding


def _suspicious_plain(text: str) -> bool:
    return any(mark in text for mark in ("**", "](", "</", "`", "&")) or (
        "<" in text and ">" in text
    )


def _folded_list(ctx: Context, doc: Any, path: Any, text: str) -> Finding | None:
    """A list written in a folded (>) or plain text: its lines were joined into one."""
    value = ValueText(doc, path, text)
    span = value.span
    if span.end_line <= span.line:
        return None
    lines = doc.text.split("\n")[span.line - 1 : span.end_line]
    first = lines[0][span.column - 1 :].lstrip() if lines else ""
    if first.startswith("|"):
        return None
    dashes = [line for line in lines[1:] if line.lstrip().startswith("- ")]
    if not dashes:
        return None
    at = text.find(" - ")
    return ctx.finding(
        doc,
        path,
        "punktlistan har blivit en enda rad: i en text som skrivs med > (eller utan tecken) "
        "blir radbrytningarna mellanslag",
        "Skriv texten med | i stället (avtalstext: |), så står varje punkt på en egen rad.",
        span=value.span_of(at + 1, at + 2),
    )


RULE = rule(
    __doc__ or "",
    code="PV330",
    name="textmarkering",
    level=Level.ERROR,
    summary="texten har markering som planverk inte stöder",
    check=check,
    scope=Scope.PLAN,
)
