"""Read one YAML file with ruamel.yaml's C parser, recording every position.

The C parser composes the node tree (with marks) at C speed; a small constructor turns it
into plain Python data and a :class:`SourceMap`. Problems a planner can cause (bad syntax,
tabs, duplicate keys, aliases, non-UTF-8 bytes, too deep nesting) become findings, never
exceptions.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from array import array
from dataclasses import dataclass, field, replace
from sys import intern
from typing import Any

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, StreamEndEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import Resolver

from planverk.core.findings import Finding, Span
from planverk.core.gcpause import paused_gc
from planverk.loading.sourcemap import Pos, SourceMap
from planverk.rules import (
    pv001_syntax,
    pv002_duplicate_key,
    pv003_encoding,
    pv004_alias,
    pv023_yaml_tag,
)
from planverk.rules.base import Rule

MAX_DEPTH = 50

_TAG = "tag:yaml.org,2002:"
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


_STR = Resolver.DEFAULT_SCALAR_TAG  # the one Tag object ruamel gives every plain string
# The tags a plan may write out (`!!str 2025`); any other is refused (PV023).
_CORE_TAGS = frozenset(
    _TAG + kind for kind in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_SEQ = Resolver.DEFAULT_SEQUENCE_TAG
_MAP = Resolver.DEFAULT_MAPPING_TAG


class _Composer(CParser, Resolver):  # type: ignore[misc]
    """The C parser with the YAML 1.2 resolver: composes nodes, constructs nothing.

    ruamel.yaml's resolver runs in Python once per node. Without path resolvers (none are
    registered) its answer depends on the node's kind and, for a plain scalar, only on the
    text, so it is answered here from the first character or from a small cache.
    """

    def __init__(self, stream: io.StringIO) -> None:
        CParser.__init__(self, stream)
        Resolver.__init__(self)

    # No path resolvers, so ruamel's per-node bookkeeping for them does nothing; a built-in
    # that ignores its arguments is much cheaper than calling the Python no-op.
    descend_resolver: Any = {}.get
    ascend_resolver: Any = staticmethod(int)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if not _EXACT:  # pragma: no cover - a ruamel.yaml that resolves differently
            return Resolver.resolve(self, kind, value, implicit)
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR  # quoted, or a plain scalar with an explicit '!' tag
            if value and value[0] not in _TYPED_START:
                return _STR  # no implicit type starts with this character
            if len(value) <= _CACHED_LENGTH:
                tag = _RESOLVED.get(value)
                if tag is None:
                    if len(_RESOLVED) >= _CACHE_SIZE:
                        _RESOLVED.clear()
                    tag = _RESOLVED[value] = Resolver.resolve(self, kind, value, implicit)
                return tag
            return Resolver.resolve(self, kind, value, implicit)
        return _SEQ if kind is SequenceNode else _MAP


_RESOLVED: dict[str, Any] = {}  # tag of short plain scalars (keys, dates, numbers, ids)
_CACHED_LENGTH = 24
_CACHE_SIZE = 8192
_PROBE = Resolver()
_TYPED_START = frozenset(key for key in _PROBE.yaml_implicit_resolvers if key)
# The shortcuts hold while no resolver applies to every first character or to a path.
_EXACT = None not in _PROBE.yaml_implicit_resolvers and not _PROBE.yaml_path_resolvers


@dataclass(frozen=True, slots=True)
class Lookalike:
    """A PV022 finding of this file and the id it looks like, for the plan set to say
    which existing id that is."""

    finding: Finding
    folded: str
    refers: str  # the key the id stands under (mål, aktivitet, ägare, ...), or for an id
    # defined there, "=" and the list it is defined in ("=mål"; "=" for a plan's own id)


@dataclass(slots=True)
class YamlDocument:
    """One file's text, its plain data and the positions of everything in it.

    When the plan in it fails the schema, ``lenient`` may hold it validated with the bad
    values replaced, and ``marked`` the id paths of those values (see
    :mod:`planverk.loading.schema`).
    """

    display: str
    text: str
    data: Any = None
    source_map: SourceMap = field(default_factory=SourceMap)
    findings: list[Finding] = field(default_factory=list)
    lenient: Any = None
    marked: frozenset[str] = frozenset()
    lookalikes: list[Lookalike] = field(default_factory=list)


_SHORT = 24  # strings up to this length are shared within a file


def _pos(node: Node) -> Pos:
    start, end = node.start_mark, node.end_mark
    return (start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Builder:
    """Turns composed nodes into plain data, recording offsets and reporting misuse.

    Each container's record (see :mod:`planverk.loading.sourcemap`) is written before its
    children are built, so the records follow the containers in depth-first order.
    """

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        # Offsets go to a list while building (extending a list is several times faster
        # than appending to an array) and into the source map's array when done.
        self.offsets: list[int] = []
        self.seen: set[int] = set()
        # An alias needs an anchor, and an anchor needs '&': without one, skip the bookkeeping.
        self.track = "&" in doc.text
        self.tabs = "\t" in doc.text  # a tab before a key's colon is looked for only then
        self.aliases = 0
        # Likewise a tag needs '!'; with one, every node is looked at (PV023).
        self.check_tags = "!" in doc.text
        self.tags = 0
        self.slow = self.track or self.check_tags
        # Short strings repeat (statuses, owners, periods, references): keep one of each.
        self.strings: dict[str, str] = {}

    def finding(self, rule: Rule, pos: Pos, message: str, hint: str | None = None) -> None:
        self.doc.findings.append(rule.finding(message, self.doc.display, Span(*pos), hint))

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

    def same_key(self, key_node: ScalarNode, typed: dict[tuple[str, Any], ScalarNode]) -> bool:
        """Whether a key YAML reads as a value (a truth value, a number, nothing) means the
        same as an earlier key of its mapping; PV002 if so."""
        value = _scalar(key_node)
        meaning = (type(value).__name__, value)
        first = typed.setdefault(meaning, key_node)
        if first is key_node:
            return False
        if isinstance(value, bool):
            what = "sant (true)" if value else "falskt (false)"
        elif value is None:
            what = "ett tomt värde"
        elif isinstance(value, dt.date):
            what = f"datumet {value.isoformat()}"
        else:
            what = f"talet {value}"
        self.finding(
            pv002_duplicate_key.RULE,
            _pos(key_node),
            f"nyckeln '{key_node.value}' är samma nyckel som '{first.value}' på rad "
            f"{first.start_mark.line + 1}: YAML läser båda som {what}",
            "Ta bort den ena eller slå ihop dem; bara en av dem skulle annars gälla.",
        )
        return True

    def foreign_tag(self, node: Node) -> bool:
        """Whether ``node`` is written with a tag that is not a core one; PV023 for the
        first in the file (the count is added when the file is done)."""
        start = node.start_mark.index
        if self.doc.text[start : start + 1] != "!" or str(node.tag) in _CORE_TAGS:
            return False  # untagged (a tag resolved from the text), or a core tag
        self.tags += 1
        if self.tags > 1:
            return True
        tag = str(node.tag)
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        start = node.start_mark.index
        text = self.doc.text
        end = start
        while end < len(text) and not text[end].isspace():
            end += 1
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.finding(
            pv023_yaml_tag.RULE,
            (line, column, line, column + max(1, end - start)),
            f"YAML-taggen {shown} används inte i planfiler",
            "Ta bort taggen och skriv värdet som vanlig text; en plan består av text, tal, "
            "datum, listor och nycklar.",
        )
        return True

    def build(self, node: Node, depth: int, after: int) -> Any:
        if self.track:
            if id(node) in self.seen:
                # The C composer hands an alias back as the very node it names.
                self.aliases += 1
                if self.aliases > 1:
                    return None  # one finding per file; the count is added when done
                self.finding(
                    pv004_alias.RULE,
                    self.alias_pos(after),
                    "YAML-ankare och alias (&namn, *namn) används inte i planfiler",
                    "Skriv ut texten på båda ställena; en plan ska gå att läsa rad för rad.",
                )
                return None
            self.seen.add(id(node))
        if self.check_tags and self.foreign_tag(node):
            return None
        if isinstance(node, ScalarNode):
            return self.string(node.value) if node.ctag is _STR else _scalar(node)
        if depth > MAX_DEPTH:
            self.finding(
                pv001_syntax.RULE,
                _pos(node),
                f"strukturen är nästlad djupare än {MAX_DEPTH} nivåer",
                "Dela upp innehållet; en plan behöver sällan mer än tio nivåer.",
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        if isinstance(node, SequenceNode):
            return self._sequence(node, depth)
        return None  # pragma: no cover - the composer yields only these three node kinds

    def string(self, value: str) -> str:
        return self.strings.setdefault(value, value) if len(value) <= _SHORT else value

    def _sequence(self, node: SequenceNode, depth: int) -> list[Any]:
        children = node.value
        extend = self.offsets.extend
        extend((node.start_mark.index, node.end_mark.index))
        for child in children:
            extend((child.start_mark.index, child.end_mark.index))
        items: list[Any] = []
        append = items.append
        track = self.slow
        strings = self.strings
        after = node.start_mark.index
        depth += 1
        for child in children:
            if not track and child.__class__ is ScalarNode:
                if child.ctag is _STR:
                    value = child.value
                    append(strings.setdefault(value, value) if len(value) <= _SHORT else value)
                else:
                    append(_scalar(child))
            else:
                append(self.build(child, depth, after))
                after = max(after, child.end_mark.index)
        return items

    def _tab_before_colon(self, key_node: Node) -> None:
        """libyaml lets a tab stand between a key and its colon (``key\t: value``); other
        YAML readers, planverk's own editing among them, refuse it: a finding here."""
        text = self.doc.text
        end = key_node.end_mark.index
        colon = text.find(":", end)
        tab = text.find("\t", end, colon if colon >= 0 else end)
        if tab >= 0:
            line = key_node.end_mark.line + 1
            column = key_node.end_mark.column + 1 + (tab - end)
            self.finding(
                pv001_syntax.RULE,
                (line, column, line, column + 1),
                "en tabb står mellan nyckeln och kolonet",
                "Ta bort tabben: skriv kolonet direkt efter nyckeln, t.ex. `text:`.",
            )

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        extend = self.offsets.extend
        extend((node.start_mark.index, node.end_mark.index))
        track = self.slow
        strings = self.strings
        # Plain string values are set in this first pass; anything else is built in a
        # second, after this mapping's record is complete (see the class docstring).
        later: list[tuple[str, Node, Node]] = []
        first_lines: dict[Any, int] | None = None
        # Keys that YAML reads as something other than text (true, 1, ~), by what they mean:
        # `true` and `True` are the same key, and so are `1` and `0x1`.
        typed: dict[tuple[str, Any], ScalarNode] = {}
        for key_node, value_node in node.value:
            if self.check_tags and self.foreign_tag(key_node):
                continue
            if not isinstance(key_node, ScalarNode):
                self.finding(
                    pv001_syntax.RULE,
                    _pos(key_node),
                    "en nyckel måste vara en enkel text",
                    "Skriv nyckeln som ett ord följt av kolon, t.ex. `text:`.",
                )
                continue
            key = intern(str(key_node.value))
            if self.tabs:
                self._tab_before_colon(key_node)
            if key in result:
                if first_lines is None:  # once per mapping, so many duplicates stay linear
                    first_lines = {}
                    for k, _ in node.value:
                        first_lines.setdefault(k.value, k.start_mark.line + 1)
                self.finding(
                    pv002_duplicate_key.RULE,
                    _pos(key_node),
                    f"nyckeln '{key}' finns redan på rad {first_lines[key_node.value]}",
                    "Ta bort den ena eller slå ihop dem; bara en av dem skulle annars gälla.",
                )
                continue
            if key_node.ctag is not _STR and self.same_key(key_node, typed):
                continue
            extend(
                (
                    key_node.start_mark.index,
                    key_node.end_mark.index,
                    value_node.start_mark.index,
                    value_node.end_mark.index,
                )
            )
            if not track and value_node.__class__ is ScalarNode:
                if value_node.ctag is _STR:
                    value = value_node.value
                    result[key] = (
                        strings.setdefault(value, value) if len(value) <= _SHORT else value
                    )
                else:
                    result[key] = _scalar(value_node)
            else:
                result[key] = None
                later.append((key, key_node, value_node))
        depth += 1
        for key, key_node, value_node in later:
            result[key] = self.build(value_node, depth, key_node.end_mark.index)
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
        "mapping values are not allowed",  # libyaml adds "in this context", PyYAML "here"
        "ett kolon står där en text väntas",
        "Sätt texten inom citattecken om den innehåller ': ', t.ex. text: 'Mål: ...'.",
    ),
    (
        "could not find expected ':'",
        "en nyckel saknar kolon, eller en text fortsätter på nästa rad utan indrag",
        "Skriv `nyckel: värde`; en text på flera rader skrivs efter `|` eller inom citattecken.",
    ),
    (
        "block sequence entries are not allowed",
        "en listpunkt ('- ') står där en text väntas",
        "Flytta punkten till en egen rad, eller sätt texten inom citattecken.",
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
    (
        "found a tab character that violates indentation",
        "tabbtecken kan inte användas för indrag i YAML",
        "Ersätt tabben med mellanslag (två per nivå).",
    ),
    (
        "found unknown escape character",
        "okänd kombination med \\ i en text inom dubbla citattecken",
        "Skriv \\\\ för ett omvänt snedstreck, eller sätt texten inom enkla citattecken.",
    ),
    (
        "did not find expected ',' or ']'",
        "en lista inom [ ] stängs inte, eller saknar ett kommatecken",
        "Avsluta listan med ] och skilj punkterna åt med kommatecken.",
    ),
    (
        "did not find expected ',' or '}'",
        "en mappning inom { } stängs inte, eller saknar ett kommatecken",
        "Avsluta med } och skilj nycklarna åt med kommatecken.",
    ),
    (
        "hexdecimal number",
        "en \\x-, \\u- eller \\U-kod i en text inom dubbla citattecken är ofullständig",
        "Skriv koden med rätt antal hexadecimala siffror, eller sätt texten inom enkla "
        "citattecken.",
    ),
    (
        "Unicode character escape code",
        "en \\u- eller \\U-kod i en text inom dubbla citattecken är inget tecken",
        "Rätta koden, eller sätt texten inom enkla citattecken.",
    ),
    (
        "tag",  # a URI escape, a tag handle, a tag's end: whatever is wrong with a '!'
        "en YAML-tagg (något som börjar med !) är felskriven",
        "Ta bort taggen; en text som börjar med ! sätts inom citattecken.",
    ),
    (
        "alphabetic or numeric character",
        "ett ankare eller alias (& eller *) saknar namn",
        "Sätt texten inom citattecken om den börjar med & eller *.",
    ),
    (
        "indentation indicator",
        "en text efter | eller > har ett felaktigt tecken för indrag",
        "Skriv bara | eller > och texten indragen på raderna under.",
    ),
    (
        "block scalar",
        "en text efter | eller > är felskriven",
        "Skriv bara | eller > på raden och texten indragen på raderna under.",
    ),
    (
        "directive",
        "en rad som börjar med % (ett YAML-direktiv) är felaktig",
        "Ta bort raden; planfiler behöver inga direktiv.",
    ),
    (
        "did not find expected node content",
        "ett värde saknas där ett väntas",
        "Skriv värdet, eller sätt texten inom citattecken om den börjar med ett specialtecken.",
    ),
    (
        "document start",
        "filen fortsätter efter att YAML-dokumentet har tagit slut",
        "Ta bort raden med --- eller ... i mitten av filen; lägg varje plan i en egen fil.",
    ),
    (
        "comment or line break",
        "något står efter en text där bara en kommentar får stå",
        "Sätt hela texten inom citattecken.",
    ),
    (
        "duplicate anchor",
        "samma YAML-ankare (&namn) finns två gånger",
        "Planfiler använder inte ankare och alias; skriv ut värdet.",
    ),
    (
        "UTF-8",
        "filen innehåller en byte som inte är UTF-8",
        "Spara filen som UTF-8 (i de flesta editorer: Spara som > Kodning > UTF-8).",
    ),
)


def _syntax_finding(error: YAMLError, display: str, text: str = "") -> Finding:
    problem = str(getattr(error, "problem", "") or error)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if "end of stream" in problem and getattr(error, "context_mark", None) is not None:
        mark = getattr(error, "context_mark", None)  # where the unclosed quote opened
    span = (
        Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)
        if mark
        else Span(1, 1, 1, 1)
    )
    # A ReaderError names a character YAML forbids (by code point; its position counts
    # bytes). It is the first forbidden character, so its first occurrence is the place.
    character = getattr(error, "character", None)
    offset = text.find(chr(character)) if isinstance(character, int) and mark is None else -1
    if offset >= 0:
        line, column = _line_column(text, offset)
        return pv001_syntax.RULE.finding(
            f"filen innehåller styrtecknet U+{character:04X} "
            "(ofta inklistrat från Excel eller Word)",
            display,
            Span(line, column, line, column + 1),
            "Ta bort tecknet; skriv om texten för hand om den inte syns i editorn.",
        )
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        problem = "found character '\\t' that cannot start any token"
    context = getattr(error, "context", None)
    for needle, message, hint in _PROBLEMS:
        if needle in problem or needle in str(context or ""):
            return pv001_syntax.RULE.finding(message, display, span, hint)
    # ruamel.yaml's and libyaml's own words are English: never shown.
    return pv001_syntax.RULE.finding(
        "filen följer inte YAML:s regler här",
        display,
        span,
        "Jämför med raderna runt omkring: indrag, kolon och citattecken.",
    )


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# The C composer recurses once per nesting level and overflows the C stack (a crash, not an
# exception) near 25,000 levels; libyaml also slows down quadratically with flow nesting.
# Every level needs a '[' or '{', one more space of indentation on its own line, or a
# compact '- '/'? ' on the same line, so the counts below bound the depth from above
# (block levels by indentation at most twice the widest run of spaces). Only
# a file whose bound passes _SAFE_DEPTH is parsed event by event first (about 0.1 s per MB),
# stopping as soon as it is deeper than MAX_DEPTH.
_SAFE_DEPTH = 2000
_CHAIN_LINKS = ("- -", "-  ")  # and, when the text has them, those with '?' or a tab
_QUESTION_LINKS = ("- ?", "? -", "? ?", "?  ")
_TAB_LINKS = ("-\t", "- \t", "?\t", "? \t")


def _too_deep(text: str, display: str) -> Finding | None:
    quarter = _SAFE_DEPTH // 4
    links: tuple[str, ...] = _CHAIN_LINKS
    links += _QUESTION_LINKS if "?" in text else ()
    links += _TAB_LINKS if "\t" in text else ()
    if (
        text.count("[") + text.count("{") <= quarter
        and sum(text.count(link) for link in links) <= quarter
        and " " * quarter not in text
    ):
        return None
    parser = CParser(io.StringIO(text))
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    mark = event.start_mark
                    return pv001_syntax.RULE.finding(
                        f"strukturen är nästlad djupare än {MAX_DEPTH} nivåer",
                        display,
                        Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2),
                        "Dela upp innehållet; en plan behöver sällan mer än tio nivåer.",
                    )
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif event is None or isinstance(event, StreamEndEvent):
                return None
    except (YAMLError, UnicodeEncodeError):
        return None  # the composer reports the syntax error at its place


def decode(raw: bytes, display: str) -> tuple[str | None, Finding | None]:
    """UTF-8 text of a file (a BOM is accepted), or a finding naming the bad byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        byte = raw[err.start : err.start + 1].hex().upper()
        guess = raw[err.start : err.start + 1].decode("cp1252", errors="replace")
        likely = f" (troligen '{guess}' sparat som Latin-1)" if guess.isalpha() else ""
        return None, pv003_encoding.RULE.finding(
            f"filen är inte UTF-8: byte 0x{byte} vid position {err.start}{likely}",
            display,
            Span(line, column, line, column + 1),
            "Spara filen som UTF-8 (i de flesta editorer: Spara som > Kodning > UTF-8).",
        )
    return text, None


def parse(text: str, display: str) -> YamlDocument:
    """Compose and build one YAML document; problems become findings on the document."""
    doc = YamlDocument(display=display, text=text, source_map=SourceMap(text))
    with paused_gc():  # the builder allocates many small containers and no cycles
        too_deep = _too_deep(text, display)
        if too_deep is not None:
            doc.findings.append(too_deep)
            return doc
        try:
            node = _Composer(io.StringIO(text)).get_single_node()
        except MarkedYAMLError as err:
            doc.findings.append(_syntax_finding(err, display, text))
            return doc
        except YAMLError as err:
            doc.findings.append(_syntax_finding(err, display, text))
            return doc
        except UnicodeEncodeError as err:  # a lone surrogate in text that did not come from bytes
            line, column = _line_column(text, err.start)
            doc.findings.append(
                pv003_encoding.RULE.finding(
                    "texten innehåller ett ogiltigt tecken (ett ensamt surrogattecken)",
                    display,
                    Span(line, column, line, column + 1),
                    "Spara filen som UTF-8 (i de flesta editorer: Spara som > Kodning > UTF-8).",
                )
            )
            return doc
        except RecursionError:
            doc.findings.append(
                pv001_syntax.RULE.finding(
                    "strukturen är för djupt nästlad för att läsas",
                    display,
                    Span(1, 1, 1, 1),
                    "Dela upp innehållet i flera nivåer färre.",
                )
            )
            return doc
        if node is None:
            return doc
        doc.source_map.span = (node.start_mark.index, node.end_mark.index)
        builder = _Builder(doc)
        doc.data = doc.source_map.data = builder.build(node, 0, 0)
        doc.source_map.offsets = array("i", builder.offsets)
        if builder.tags > 1:
            first = next(
                i for i, f in enumerate(doc.findings) if f.code == pv023_yaml_tag.RULE.code
            )
            old = doc.findings[first]
            doc.findings[first] = replace(
                old, message=f"{old.message} ({builder.tags} taggar i filen)"
            )
        if builder.aliases > 1:
            first = next(i for i, f in enumerate(doc.findings) if f.code == pv004_alias.RULE.code)
            old = doc.findings[first]
            doc.findings[first] = replace(
                old, message=f"{old.message} ({builder.aliases} alias i filen)"
            )
    return doc
