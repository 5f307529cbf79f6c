"""Plan files in one canonical layout (`planverk fmt`), with ruamel.yaml's round-trip loader.

The layout is the one the shipped plans are written in: two spaces per mapping level, list
items indented two spaces under their key (``key:`` then ``  - item``), lines never
re-wrapped, å, ä and ö kept as they are. What the planner wrote is kept: comments, key
order, quoting, block texts (``|`` and ``>``), and everything above the first key (the
``# yaml-language-server`` schema line, other leading comments, a ``---`` line) byte for
byte. A UTF-8 byte-order mark and CRLF line ends are kept as the file had them.

Formatting never loses anything: a file that does not load cleanly (syntax error, duplicate
key, alias, not UTF-8) is left alone and its findings are returned, and the result of the
round trip is loaded again and compared with the original, data and comments, before it is
offered; if the two differ in any way the file is left alone with the reason. Only plans
are formatted: a YAML file without a plan kind (``typ:``) is not planverk's to lay out, and
a link that leads out of the plan folder is neither read nor written.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from planverk.core.atomic import write_atomic
from planverk.core.findings import Finding
from planverk.core.oserrors import read_reason, write_reason
from planverk.loading.planset import (
    Refused,
    discover,
    display_path,
    plan_folder_of,
    read_plan_file,
    unreadable,
)
from planverk.loading.schema import validate_document
from planverk.loading.yamlfile import decode, parse
from planverk.model import MODELS

MAPPING_INDENT = 2
SEQUENCE_INDENT = 4  # the item's content, two spaces further in than its dash
DASH_OFFSET = 2  # the dash itself, two spaces in from the parent key
WIDTH = 1 << 30  # no re-wrapping: a long line stays one line, however long

_BOM = b"\xef\xbb\xbf"
_HEADER_LINE = re.compile(r"^(?:[ \t]*(?:#.*)?|%.*|---[ \t]*(?:#.*)?)$")
_COMMENT = re.compile(r"(?:^|[ \t])(#.*)$")


class Status(Enum):
    """What formatting did, or would do, to one file."""

    UNCHANGED = "oförändrad"
    CHANGED = "formaterad"
    REFUSED = "lämnad orörd"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of formatting one file."""

    path: Path
    display: str
    status: Status
    content: bytes | None = None  # the new bytes, when CHANGED
    findings: tuple[Finding, ...] = ()  # why a file that does not load was left alone
    problem: str | None = None  # why a file that loads was left alone anyway
    text: str | None = None  # the file's text, for the source lines under its findings

    @property
    def refused(self) -> bool:
        return self.status is Status.REFUSED


class FormatRefused(Exception):
    """The text is left as it is: it does not load cleanly, or formatting would change it."""

    def __init__(self, problem: str, findings: Sequence[Finding] = ()) -> None:
        super().__init__(problem)
        self.problem = problem
        self.findings = tuple(findings)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.allow_unicode = True
    yaml.explicit_start = False  # a '---' line is part of the header, kept verbatim
    yaml.indent(mapping=MAPPING_INDENT, sequence=SEQUENCE_INDENT, offset=DASH_OFFSET)
    return yaml


def split_header(text: str) -> tuple[str, str]:
    """The lines above the first YAML content (comments, blank lines, directives, ``---``),
    and the rest."""
    offset = 0
    while offset < len(text):
        end = text.find("\n", offset)
        end = len(text) if end < 0 else end + 1
        if not _HEADER_LINE.match(text[offset:end].rstrip("\r\n")):
            break
        offset = end
    return text[:offset], text[offset:]


def comments(text: str) -> Counter[str]:
    """Every comment in ``text`` (approximately: a '#' at the start of a line or after a
    space, up to the end of the line), stripped, with how often it occurs."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        match = _COMMENT.search(line)
        if match:
            found[match.group(1).rstrip()] += 1
    return found


def format_text(text: str, display: str = "<text>") -> str | None:
    """``text`` in canonical layout, or None when it already is (or holds no YAML at all).

    ``text`` is the decoded file with ``\\n`` line ends. Raises :class:`FormatRefused` when the text
    does not load cleanly (with the loader's findings) or when the formatted text would not
    load to exactly the same data with exactly the same comments.
    """
    before = parse(text, display)
    if before.findings:
        raise FormatRefused("filen går inte att läsa", before.findings)
    if before.data is None:
        return None  # empty, or only comments: nothing to lay out
    if not isinstance(before.data, dict) or before.data.get("typ") not in MODELS:
        validate_document(before)  # the loader's finding says what it lacks
        raise FormatRefused("filen är ingen plan (den har ingen känd `typ:`)", before.findings)
    header, body = split_header(text)
    yaml = _yaml()
    try:
        data = yaml.load(body)
        out = io.StringIO()
        yaml.dump(data, out)
    except (YAMLError, ValueError, TypeError, RecursionError) as err:
        mark = getattr(err, "problem_mark", None)
        # The mark counts from the body, after the header comments split off above.
        where = f" vid rad {mark.line + 1 + header.count(chr(10))}" if mark is not None else ""
        raise FormatRefused(
            f"YAML-biblioteket som formaterar kan inte läsa filen{where}, fast planverk kan; "
            "filen lämnas som den är"
        ) from err
    result = header + out.getvalue()
    _check_same(text, result, before.data, display)
    return None if result == text else result


def _check_same(text: str, result: str, data: Any, display: str) -> None:
    after = parse(result, display)
    if after.findings or not same_data(data, after.data):
        raise FormatRefused("formateringen skulle ändra planens innehåll")
    lost = comments(text) - comments(result)
    if lost:
        comment = next(iter(lost))
        raise FormatRefused(f"kommentaren '{comment}' skulle gå förlorad")


def same_data(a: Any, b: Any) -> bool:
    """Equal plain data, types included (True is not 1, a date is not a datetime)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:  # NaN
        return bool(b != b)
    return bool(a == b)


def format_bytes(raw: bytes, display: str = "<text>") -> bytes | None:
    """The file's bytes in canonical layout, or None when they already are.

    A byte-order mark is kept, and so are CRLF line ends when the first line ends so (then
    every line does). Raises :class:`FormatRefused` as :func:`format_text` does, and for a file
    that is not UTF-8.
    """
    text, problem = decode(raw, display)
    if problem is not None or text is None:
        raise FormatRefused("filen är inte UTF-8", [problem] if problem else [])
    first_break = text.find("\n")
    crlf = first_break > 0 and text[first_break - 1] == "\r"
    plain = text.replace("\r\n", "\n")
    formatted = format_text(plain, display) or plain
    if crlf:
        formatted = formatted.replace("\n", "\r\n")
    new = (_BOM if raw.startswith(_BOM) else b"") + formatted.encode("utf-8")
    return None if new == raw else new


def plan_files(paths: Iterable[Path]) -> list[Path]:
    """The plan files named by ``paths``: files as they are, folders searched for YAML."""
    found: list[Path] = []
    for path in paths:
        found.extend(discover(path) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def format_file(path: Path, *, write: bool) -> Outcome:
    """Format one plan file; with ``write``, replace it (atomically) when it changes.

    The file is written only if it still holds the bytes that were formatted, so an edit
    saved meanwhile is never overwritten. A link is followed and its target rewritten when
    the target is in the same plan folder (or, outside any, the same folder); a link out of
    it is refused unread (PV014).
    """
    display = display_path(path)
    within = plan_folder_of(path)
    try:
        raw = read_plan_file(path, within=within)
    except OSError as err:
        return Outcome(path, display, Status.REFUSED, findings=(unreadable(display, err),))
    text = raw.decode("utf-8-sig", errors="replace")
    try:
        new = format_bytes(raw, display)
    except FormatRefused as refused:
        return Outcome(
            path,
            display,
            Status.REFUSED,
            findings=refused.findings,
            problem=refused.problem,
            text=text,
        )
    if new is None:
        return Outcome(path, display, Status.UNCHANGED)
    if write:
        problem = _replace(path, raw, new, within)
        if problem is not None:
            return Outcome(path, display, Status.REFUSED, problem=problem)
    return Outcome(path, display, Status.CHANGED, content=new)


def _replace(path: Path, old: bytes, new: bytes, within: Path) -> str | None:
    target = path.resolve()
    try:
        current = read_plan_file(target, within=within)
    except Refused as err:
        return f"kan inte läsa filen igen: {err.message}"
    except OSError as err:
        return f"kan inte läsa filen igen: {read_reason(err)[0]}"
    if current != old:
        return "filen ändrades medan den formaterades; kör kommandot igen"
    try:
        write_atomic(target, new)  # keeps the file's permissions
    except OSError as err:
        return f"kan inte skriva filen: {write_reason(err)[0]}"
    return None


@dataclass(slots=True)
class Report:
    """Every file's outcome, in the order given."""

    outcomes: list[Outcome] = field(default_factory=list)

    def with_status(self, status: Status) -> list[Outcome]:
        return [o for o in self.outcomes if o.status is status]


def format_files(paths: Iterable[Path], *, write: bool) -> Report:
    """Format every plan file named by ``paths`` (see :func:`plan_files`)."""
    return Report([format_file(path, write=write) for path in plan_files(paths)])
