"""Character classes every layer agrees on: what a plan's text may not hold unseen."""

from __future__ import annotations

import re

# Control characters a .docx cannot hold and a terminal would obey (tab, newline and
# carriage return are text), plus the two Unicode non-characters.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# What a .docx cannot hold at all: those control characters plus lone surrogates.
UNWRITABLE = re.compile(f"{CONTROL.pattern}|[\\ud800-\\udfff]")


def writable(text: str) -> str:
    """``text`` without the characters a .docx cannot hold."""
    return UNWRITABLE.sub("", text)


# Control characters shown as visible symbols, one character for one so the carets under a
# source line stay put: U+2400 + code for C0 (U+240B for a vertical tab, U+241B for ESC),
# U+2421 for DEL, U+FFFD for C1 controls. Tab and newline stay.
_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)},
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},
    # The characters that reorder the text after them (PV321) are never obeyed either.
    **{code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}


_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with control and direction characters made visible, so a plan can never
    drive a terminal or a log viewer (an escape sequence, a bell, a carriage return that
    overwrites) or reorder what it shows. Only the characters found are replaced: a report
    of megabytes is not translated character by character."""
    return _INVISIBLE.sub(lambda m: chr(_VISIBLE[ord(m.group())]), text)


# What JSON leaves raw but a reader may obey: DEL, C1 controls, the line and paragraph
# separators (line ends to JavaScript) and the bidirectional controls (they reorder text).
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_escaped(text: str) -> str:
    """JSON text with those characters written as ``\\uXXXX`` escapes: the same data, no
    raw control character (``json.dumps`` escapes the C0 controls itself)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
