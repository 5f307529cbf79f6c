"""Did-you-mean suggestions for misspelt keys, ids and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate most like ``word``, or None when nothing is close enough."""
    pool = list(candidates)
    match = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if match:
        return match[0]
    folded = {c.casefold(): c for c in pool}
    return folded.get(word.casefold())


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A Swedish hint naming the closest candidate, or None."""
    match = closest(word, candidates)
    return f"Menade du '{match}'?" if match else None
