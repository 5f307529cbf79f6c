"""Read one YAML file with ruamel.yaml's C parser, recording every position.

The C parser composes the node tree (with marks) at C speed; a small constructor turns it
into plain Python data and a :class:`SourceMap`. Problems a planner can cause (bad syntax,
tabs, duplicate keys, aliases, non-UTF-8 bytes, too deep nesting) become findings, never
exceptions.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import Resolver

from planverk.findings import Finding, Level, Span
from planverk.loading.sourcemap import MappingMarks, Pos, SequenceMarks, SourceMap

MAX_DEPTH = 50

_TAG = "tag:yaml.org,2002:"
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


class _Composer(CParser, Resolver):  # type: ignore[misc]
    """The C parser with the YAML 1.2 resolver: composes nodes, constructs nothing."""

    def __init__(self, stream: io.StringIO) -> None:
        CParser.__init__(self, stream)
        Resolver.__init__(self)


@dataclass(slots=True)
class YamlDocument:
    """One file's text, its plain data and the positions of everything in it."""

    display: str
    text: str
    data: Any = None
    source_map: SourceMap = field(default_factory=SourceMap)
    findings: list[Finding] = field(default_factory=list)


def _pos(node: Node) -> Pos:
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Builder:
    """Turns composed nodes into plain data, recording marks and reporting misuse."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.containers = doc.source_map.containers
        self.seen: set[int] = set()
        # An alias needs an anchor, and an anchor needs '&': without one, skip the bookkeeping.
        self.track_scalars = "&" in doc.text
        self.aliases = 0

    def finding(self, code: str, pos: Pos, message: str, hint: str | None = None) -> None:
        self.doc.findings.append(
            Finding(code, Level.ERROR, message, self.doc.display, Span(*pos), hint)
        )

    def alias_pos(self, after: int) -> Pos:
        """Position of the first alias token (``*name``) after character offset ``after``."""
        text = self.doc.text
        offset = text.find("*", after)
        if offset < 0:
            offset = after
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        end = offset
        while end < len(text) and not text[end].isspace() and text[end] not in ",]}":
            end += 1
        return (line, column, line, column + max(1, end - offset))

    def build(self, node: Node, depth: int, after: int) -> Any:
        if isinstance(node, ScalarNode) and not self.track_scalars:
            return _scalar(node)
        if id(node) in self.seen:
            # The C composer hands an alias back as the very node it names.
            self.aliases += 1
            if self.aliases > 1:
                return None  # one finding per file; the count is added when done
            self.finding(
                "PV004",
                self.alias_pos(after),
                "YAML-ankare och alias (&namn, *namn) används inte i planfiler",
                "Skriv ut texten på båda ställena; en plan ska gå att läsa rad för rad.",
            )
            return None
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if depth > MAX_DEPTH:
            self.finding(
                "PV001",
                _pos(node),
                f"strukturen är nästlad djupare än {MAX_DEPTH} nivåer",
                "Dela upp innehållet; en plan behöver sällan mer än tio nivåer.",
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, SequenceNode):
            items: list[Any] = []
            smarks = SequenceMarks(_pos(node))
            self.containers[id(items)] = smarks
            after = node.start_mark.index
            for child in node.value:
                cpos = _pos(child)
                smarks.items.append(cpos)
                items.append(self.build(child, depth + 1, after))
                after = max(after, child.end_mark.index)
            return items
        return None  # pragma: no cover - the composer yields only these three node kinds

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        marks = MappingMarks(_pos(node))
        self.containers[id(result)] = marks
        for key_node, value_node in node.value:
            kpos = _pos(key_node)
            if not isinstance(key_node, ScalarNode):
                self.finding(
                    "PV001",
                    kpos,
                    "en nyckel måste vara en enkel text",
                    "Skriv nyckeln som ett ord följt av kolon, t.ex. `text:`.",
                )
                continue
            key = str(key_node.value)
            if key in result:
                first = marks.keys[key]
                self.finding(
                    "PV002",
                    kpos,
                    f"nyckeln '{key}' finns redan på rad {first[0]}",
                    "Ta bort den ena eller slå ihop dem; bara en av dem skulle annars gälla.",
                )
                continue
            vpos = _pos(value_node)
            marks.keys[key] = kpos
            marks.values[key] = vpos
            result[key] = self.build(value_node, depth + 1, key_node.end_mark.index)
        return result


def _scalar(node: ScalarNode) -> Any:
    tag = str(node.tag)
    value: str = node.value
    if not tag.startswith(_TAG) or tag == _TAG + "str":
        return value
    kind = tag[len(_TAG) :]
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int":
        return _int(value)
    if kind == "float":
        return _float(value)
    if kind == "timestamp":
        return _timestamp(value)
    return value


def _int(value: str) -> int | str:
    text = value.replace("_", "")
    try:
        if text[:2] in ("0o", "0x", "0b"):
            return int(text, 0)
        return int(text)
    except ValueError:
        return value


def _float(value: str) -> float | str:
    text = value.replace("_", "").lower()
    special = {".inf": "inf", "+.inf": "inf", "-.inf": "-inf", ".nan": "nan"}
    try:
        return float(special.get(text, text))
    except ValueError:
        return value


def _timestamp(value: str) -> dt.date | dt.datetime | str:
    # An impossible date (2025-13-40) stays text, so the schema reports it at its position.
    try:
        if _DATE.match(value):
            year, month, day = (int(part) for part in value.split("-"))
            return dt.date(year, month, day)
        return dt.datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return value


_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    (
        "found character '\\t' that cannot start any token",
        "tabbtecken kan inte användas för indrag i YAML",
        "Ersätt tabben med mellanslag (två per nivå).",
    ),
    (
        "found character that cannot start any token",
        "tecknet kan inte inleda ett värde här (ofta en tabb eller ett specialtecken)",
        "Använd mellanslag för indrag och sätt texten inom citattecken.",
    ),
    (
        "found unexpected end of stream",
        "filen tar slut innan ett citattecken stängs",
        "Stäng citatet med samma tecken som öppnade det (' eller \").",
    ),
    (
        "mapping values are not allowed here",
        "ett kolon står där en text väntas",
        "Sätt texten inom citattecken om den innehåller ': ', t.ex. text: 'Mål: ...'.",
    ),
    (
        "did not find expected key",
        "indraget stämmer inte med raderna ovanför",
        "Rada upp nyckeln med de andra nycklarna på samma nivå.",
    ),
    (
        "did not find expected '-' indicator",
        "en lista och en nyckel står på samma nivå",
        "Dra in nyckeln under listpunkten, eller gör den till en egen listpunkt med '- '.",
    ),
    (
        "found unexpected ':'",
        "ett kolon står på fel ställe",
        "Sätt texten inom citattecken.",
    ),
    (
        "control characters are not allowed",
        "filen innehåller ett styrtecken (ofta inklistrat från Excel eller Word)",
        "Ta bort tecknet; skriv om texten för hand om den inte syns i editorn.",
    ),
    (
        "expected a single document",
        "filen innehåller mer än ett YAML-dokument (---)",
        "Lägg varje plan i en egen fil.",
    ),
    (
        "found undefined alias",
        "aliaset (*namn) pekar på ett ankare som inte finns",
        "Planfiler använder inte ankare och alias; skriv ut värdet.",
    ),
)


def _syntax_finding(error: YAMLError, display: str) -> Finding:
    problem = str(getattr(error, "problem", "") or error)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if "end of stream" in problem and getattr(error, "context_mark", None) is not None:
        mark = getattr(error, "context_mark", None)  # where the unclosed quote opened
    span = (
        Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)
        if mark
        else Span(1, 1, 1, 1)
    )
    for needle, message, hint in _PROBLEMS:
        if needle in problem:
            return Finding("PV001", Level.ERROR, message, display, span, hint)
    context = getattr(error, "context", None)
    detail = f"{problem} ({context})" if context else problem
    return Finding(
        "PV001",
        Level.ERROR,
        f"YAML-syntaxfel: {detail}",
        display,
        span,
        "Jämför med raderna runt omkring: indrag, kolon och citattecken.",
    )


def decode(raw: bytes, display: str) -> tuple[str | None, Finding | None]:
    """UTF-8 text of a file (a BOM is accepted), or a finding naming the bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[err.start : err.start + 1].hex().upper()
        return None, Finding(
            "PV003",
            Level.ERROR,
            f"filen är inte UTF-8: byte 0x{byte} vid position {err.start}",
            display,
            Span(line, column, line, column + 1),
            "Spara filen som UTF-8 (i de flesta editorer: Spara som > Kodning > UTF-8).",
        )
    return text, None


def parse(text: str, display: str) -> YamlDocument:
    """Compose and build one YAML document; problems become findings on the document."""
    doc = YamlDocument(display=display, text=text)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the builder allocates many small containers and no cycles
    try:
        try:
            node = _Composer(io.StringIO(text)).get_single_node()
        except MarkedYAMLError as err:
            doc.findings.append(_syntax_finding(err, display))
            return doc
        except YAMLError as err:
            doc.findings.append(_syntax_finding(err, display))
            return doc
        except RecursionError:
            doc.findings.append(
                Finding(
                    "PV001",
                    Level.ERROR,
                    "strukturen är för djupt nästlad för att läsas",
                    display,
                    Span(1, 1, 1, 1),
                    "Dela upp innehållet i flera nivåer färre.",
                )
            )
            return doc
        if node is None:
            return doc
        doc.source_map.root = _pos(node)
        builder = _Builder(doc)
        doc.data = builder.build(node, 0, 0)
        if builder.aliases > 1:
            first = next(i for i, f in enumerate(doc.findings) if f.code == "PV004")
            old = doc.findings[first]
            doc.findings[first] = replace(
                old, message=f"{old.message} ({builder.aliases} alias i filen)"
            )
    finally:
        if gc_was_enabled:
            gc.enable()
    return doc
