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
