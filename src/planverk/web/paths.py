"""Where each page of the site lives: plain ASCII file names, links relative to the page.

A page's address is a path from the site's root (``mal/vp-2025-2028/nara-vard.html``); a
template writes a link as ``{{ rot }}{{ address }}``, where ``rot`` climbs from the page to
the root (``../../``). So every link is relative, and the site works from a file share,
from ``file://`` and from any web server. Links always name the file (``index.html``),
since a folder does not open its index from ``file://``.

Ids may hold å, ä, ö and é; file names get their ASCII letters (``nära-vård`` →
``nara-vard``), so a URL never needs percent-encoding and every zip tool and file share
keeps the names. Two ids of one folder that meet in one name keep apart by a short hash.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

_LETTERS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
_OTHER = re.compile(r"[^a-z0-9._-]+")


def slug(text: str) -> str:
    """``text`` as a file name of ASCII letters, digits, dots, ``_`` and ``-``."""
    name = _OTHER.sub("-", text.casefold().translate(_LETTERS)).strip("-.")
    return name or "sida"


def root_of(address: str) -> str:
    """The relative path from the page at ``address`` to the site's root (``""`` at the
    root, ``../`` one folder down)."""
    depth = address.count("/")
    return "../" * depth


def relative(source: str, target: str) -> str:
    """The link from the page at ``source`` to ``target`` (both site addresses)."""
    start = posixpath.dirname(source) or "."
    return posixpath.relpath(target, start)


class Addresses:
    """Hands out a unique file name per (folder, key); the same key gives the same name."""

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], str] = {}
        self._taken: set[str] = set()

    def page(self, folder: str, key: str) -> str:
        known = self._given.get((folder, key))
        if known is not None:
            return known
        base = f"{folder}/{slug(key)}" if folder else slug(key)
        address = f"{base}.html"
        if address in self._taken:
            digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
            address = f"{base}-{digest}.html"
        self._taken.add(address)
        self._given[(folder, key)] = address
        return address
