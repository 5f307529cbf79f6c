"""Characters that look like others: found in ids, named in Swedish, folded to what was meant.

An id is written with a small alphabet (a–z, 0–9, å, ä, ö, é, '.', '_', '-'), so only
look-alikes of those characters matter: a Cyrillic 'а' or a Greek 'ο' pasted from a web
page, an 'å' saved as 'a' and a combining ring (NFD, as macOS may write it), a zero-width
space from Word, a non-breaking hyphen. :func:`fold` turns such an id into the one it looks
like, and :func:`hidden` lists the characters that differ, each described in Swedish.

The Latin, Cyrillic and Greek look-alikes are a small table of our own (taken from Unicode's
confusables data, limited to the id alphabet), not a library: a general confusables
library answers "which characters look like this one" for every script, where an id needs
"which id character does this one stand for", and the table is short enough to review.
Full-width and mathematical letters ('ａ', '𝐚') are folded by NFKC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789åäöé._-")

# Look-alike -> the id character it stands for (lower and upper case forms alike).
LOOKALIKES: dict[str, str] = {
    # Cyrillic
    "\u0430": "a",  # а
    "\u0410": "a",  # А
    "\u0432": "b",  # в (small capital form of В)
    "\u0412": "b",  # В
    "\u0441": "c",  # с
    "\u0421": "c",  # С
    "\u0501": "d",  # ԁ
    "\u0435": "e",  # е
    "\u0415": "e",  # Е
    "\u04bb": "h",  # һ
    "\u041d": "h",  # Н
    "\u0456": "i",  # і
    "\u0406": "i",  # І
    "\u0458": "j",  # ј
    "\u0408": "j",  # Ј
    "\u041a": "k",  # К
    "\u04cf": "l",  # ӏ
    "\u041c": "m",  # М
    "\u043e": "o",  # о
    "\u041e": "o",  # О
    "\u0440": "p",  # р
    "\u0420": "p",  # Р
    "\u051b": "q",  # ԛ
    "\u051a": "q",  # Ԛ
    "\u0455": "s",  # ѕ
    "\u0405": "s",  # Ѕ
    "\u0422": "t",  # Т
    "\u0443": "y",  # у
    "\u04ae": "y",  # Ү
    "\u051d": "w",  # ԝ
    "\u051c": "w",  # Ԝ
    "\u0445": "x",  # х
    "\u0425": "x",  # Х
    "\u04d3": "ä",  # ӓ
    "\u04d2": "ä",  # Ӓ
    "\u04e7": "ö",  # ӧ
    "\u04e6": "ö",  # Ӧ
    # Greek
    "\u03b1": "a",  # α
    "\u0391": "a",  # Α
    "\u0392": "b",  # Β
    "\u0395": "e",  # Ε
    "\u0396": "z",  # Ζ
    "\u0397": "h",  # Η
    "\u03b9": "i",  # ι
    "\u0399": "i",  # Ι
    "\u039a": "k",  # Κ
    "\u039c": "m",  # Μ
    "\u039d": "n",  # Ν
    "\u03bd": "v",  # ν
    "\u03bf": "o",  # ο
    "\u039f": "o",  # Ο
    "\u03c1": "p",  # ρ
    "\u03a1": "p",  # Ρ
    "\u03a4": "t",  # Τ
    "\u03c5": "u",  # υ
    "\u03a5": "y",  # Υ
    "\u03c7": "x",  # χ
    "\u03a7": "x",  # Χ
    # Latin letters outside a–z that look like one of them
    "\u0131": "i",  # ı dotless i
    "\u0251": "a",  # ɑ
    "\u0261": "g",  # ɡ
    "\u01c0": "l",  # ǀ
    "\u0269": "i",  # ɩ
    # Dashes that look like the hyphen-minus
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2212": "-",  # minus sign
    "\u00ad": "",  # soft hyphen: invisible where the line does not break
}

# Swedish names of the characters people paste without seeing them.
_NAMES: dict[int, str] = {
    0x00A0: "hårt mellanslag",
    0x00AD: "mjukt bindestreck",
    0x2009: "smalt mellanslag",
    0x200B: "nollbreddsmellanslag",
    0x200C: "nollbreddsavskiljare",
    0x200D: "nollbreddsfogare",
    0x200E: "vänster-till-höger-markering",
    0x200F: "höger-till-vänster-markering",
    0x2010: "bindestreck som inte är det vanliga",
    0x2011: "hårt bindestreck",
    0x2012: "siffrestreck",
    0x2013: "tankstreck",
    0x202A: "riktningsstyrning: inbäddning vänster till höger",
    0x202B: "riktningsstyrning: inbäddning höger till vänster",
    0x202C: "riktningsstyrning: slut på inbäddning",
    0x202D: "riktningsstyrning: tvingad vänster till höger",
    0x202E: "riktningsstyrning: tvingad höger till vänster",
    0x202F: "smalt hårt mellanslag",
    0x2060: "ordfogare",
    0x2066: "riktningsstyrning: isolering vänster till höger",
    0x2067: "riktningsstyrning: isolering höger till vänster",
    0x2068: "riktningsstyrning: isolering efter första starka tecken",
    0x2069: "riktningsstyrning: slut på isolering",
    0x2212: "minustecken",
    0xFEFF: "byteordningsmärke",
    0x0301: "kombinerande accent",
    0x0308: "kombinerande trema",
    0x030A: "kombinerande ring",
}
_SCRIPTS = {
    "LATIN": "latinsk",
    "CYRILLIC": "kyrillisk",
    "GREEK": "grekisk",
    "ARMENIAN": "armenisk",
    "FULLWIDTH LATIN": "latinsk helbredds",
    "MATHEMATICAL": "matematisk",
}
_LETTER = re.compile(r"^(.*?) ?(SMALL|CAPITAL) LETTER (.+)$")

# Bidirectional embeddings, overrides and isolates: they reorder how text is shown, so what
# a reader sees is not what is stored.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def describe(char: str) -> str:
    """``char`` for a Swedish reader: its code point, a Swedish name and Unicode's name.

    >>> describe("\\u0430")
    "U+0430 kyrillisk liten bokstav 'а' (Unicode-namn CYRILLIC SMALL LETTER A)"
    """
    code = ord(char)
    official = unicodedata.name(char, "")
    swedish = _NAMES.get(code)
    if swedish is None:
        match = _LETTER.match(official)
        if match:
            script, case, _ = match.groups()
            kind = _SCRIPTS.get(script, script.lower() or "")
            size = "liten" if case == "SMALL" else "stor"
            swedish = f"{kind} {size} bokstav '{char}'".strip()
        elif unicodedata.category(char).startswith("M"):
            swedish = "kombinerande tecken (läggs på bokstaven före)"
        elif unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp"):
            swedish = "osynligt tecken"
        elif unicodedata.category(char) == "Zs":
            swedish = "mellanslag"
        else:
            swedish = f"'{char}'"
    return f"U+{code:04X} {swedish}" + (f" (Unicode-namn {official})" if official else "")


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp") or char == "\u00ad"


def fold(text: str) -> str:
    """``text`` as it looks: look-alikes replaced by the id characters they stand for,
    invisible characters removed, compatibility forms and decomposed letters composed
    (NFKC), upper case folded to lower."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(LOOKALIKES.get(c, "" if _invisible(c) else c) for c in text)
    return unicodedata.normalize("NFC", text.casefold())


@dataclass(frozen=True, slots=True)
class Hidden:
    """A character of an id that is not what it looks like, and where it is."""

    index: int  # in the text
    char: str
    looks_like: str  # the id character it stands for; "" when it is invisible

    @property
    def description(self) -> str:
        return describe(self.char)


def hidden(text: str) -> list[Hidden]:
    """The characters of ``text`` that look like id characters (or like nothing) but are
    others: the reason an id that looks right is not valid. Plain mistakes (a capital, a
    space, a '/') are not listed; an empty list means there is nothing hidden."""
    found: list[Hidden] = []
    for index, char in enumerate(text):
        if char in ID_CHARS:
            continue
        if char in LOOKALIKES:
            found.append(Hidden(index, char, LOOKALIKES[char]))
        elif _invisible(char):
            found.append(Hidden(index, char, ""))
        elif unicodedata.category(char).startswith("M") and index > 0:
            # a combining mark: 'a' + U+030A is 'å' written in two characters (NFD)
            composed = unicodedata.normalize("NFC", text[index - 1] + char)
            found.append(Hidden(index, char, composed if len(composed) == 1 else ""))
        elif unicodedata.category(char) == "Zs" and char != " ":
            found.append(Hidden(index, char, ""))
        else:
            compatible = unicodedata.normalize("NFKC", char)
            folded = compatible.casefold()
            if compatible != char and folded and all(c in ID_CHARS for c in folded):
                found.append(Hidden(index, char, folded))
    return found
