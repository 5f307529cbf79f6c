"""Pair the items of two versions: by id first, then what is left by text similarity.

Similarity pairing is greedy, best pair first, above a threshold, and bounded: each item
is compared only with the few items that share its rarest words (an inverted index), a
length bound and difflib's quick ratios skip hopeless pairs before the exact ratio, and a
budget caps the number of exact comparisons, so 10,000 x 10,000 items stay fast.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from planverk.diff.wordiff import words

THRESHOLD = 0.65  # similarity (0..1, see pair_similar) for two texts to be one item
# ... when both items have ids and the ids differ. Pairing them says the id was changed,
# which needs more than formulaic texts in common: a similarity of RENAMED, or a change of
# at most FEW_WORDS words ("Stödja" -> "Främja" and a new id). Unrelated activities shown
# as one reworded activity would mislead the board; a rename missed shows both texts.
# On the bench's diff corpus every true rename scores at least 0.82, and every false pair
# at most 0.76 with at least 5 words changed.
RENAMED = 0.8
FEW_WORDS = 3
RARE_WORDS = 6  # an item looks for partners through its rarest words only
CANDIDATES = 12  # and compares itself with at most this many of them
BUDGET = 200_000  # exact comparisons in all, whatever the input


@dataclass(frozen=True, slots=True)
class Pairing:
    """Index pairs (old, new) and the score that paired them (1.0 for an id match)."""

    pairs: list[tuple[int, int, float]]
    comparisons: int = 0


def match(
    old_keys: Sequence[str | None],
    old_texts: Sequence[str],
    new_keys: Sequence[str | None],
    new_texts: Sequence[str],
    *,
    threshold: float = THRESHOLD,
    renamed: float = RENAMED,
    budget: int = BUDGET,
) -> Pairing:
    """Pair items by key, then the unpaired ones by text similarity (``renamed`` for two
    items that both have keys, ``threshold`` when one has none)."""
    by_key: dict[str, int] = {}
    for j, key in enumerate(new_keys):
        if key is not None:
            by_key.setdefault(key, j)
    pairs: list[tuple[int, int, float]] = []
    taken_new: set[int] = set()
    left_old: list[int] = []
    for i, key in enumerate(old_keys):
        partner = by_key.get(key) if key is not None else None
        if partner is not None and partner not in taken_new:
            pairs.append((i, partner, 1.0))
            taken_new.add(partner)
        else:
            left_old.append(i)
    left_new = [j for j in range(len(new_keys)) if j not in taken_new]
    similar = pair_similar(
        [old_texts[i] for i in left_old],
        [new_texts[j] for j in left_new],
        threshold=threshold,
        budget=budget,
    )
    # Best pairs come first, so a pair left out here had no better partner on either side.
    pairs += [
        (left_old[i], left_new[j], score)
        for i, j, score in similar.pairs
        if score >= renamed
        or old_keys[left_old[i]] is None
        or new_keys[left_new[j]] is None
        or _words_changed(old_texts[left_old[i]], new_texts[left_new[j]]) <= FEW_WORDS
    ]
    return Pairing(pairs, similar.comparisons)


def _words_changed(old: str, new: str) -> int:
    """Words deleted plus words inserted between two texts."""
    matcher = SequenceMatcher(None, words(old), words(new), autojunk=False)
    return sum(
        (i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


STEM = 7  # words compare by their first letters, so "samverkan" meets "samverkans"


def _stems(text: str) -> list[str]:
    return [word[:STEM] for word in words(text)]


def pair_similar(
    old: Sequence[str], new: Sequence[str], *, threshold: float = THRESHOLD, budget: int = BUDGET
) -> Pairing:
    """Greedy best-first pairing of texts whose similarity reaches ``threshold``.

    The similarity of two texts is the mean of two measures over their (stemmed) words:
    difflib's ratio (shared words in order) and a weighted Jaccard overlap where each word
    weighs log(1 + N/df), so words that many of the unpaired texts share (stock phrases)
    count less than the words that tell two activities apart.
    """
    if not old or not new:
        return Pairing([])
    old_words = [_stems(text) for text in old]
    new_words = [_stems(text) for text in new]
    old_sets = [set(tokens) for tokens in old_words]
    new_sets = [set(tokens) for tokens in new_words]
    df: Counter[str] = Counter()
    for token_set in (*old_sets, *new_sets):
        df.update(token_set)
    total = len(old) + len(new)
    weight = {token: math.log(1 + total / count) for token, count in df.items()}
    index: dict[str, list[int]] = defaultdict(list)
    for j, token_set in enumerate(new_sets):
        for token in token_set:
            index[token].append(j)

    scored: list[tuple[float, int, int]] = []
    comparisons = 0
    matcher: SequenceMatcher[str] = SequenceMatcher(None, autojunk=False)
    for i, tokens in enumerate(old_words):
        if comparisons >= budget:
            break
        mine = old_sets[i]
        if not mine:
            continue
        present = (t for t in mine if t in index)  # words of this text the others have
        rare = sorted(present, key=lambda t: (len(index[t]), t))[:RARE_WORDS]
        shared: Counter[int] = Counter()
        for token in rare:
            shared.update(index.get(token, ()))
        if not shared:
            continue
        matcher.set_seq2(tokens)
        for j, _ in sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:CANDIDATES]:
            other = new_words[j]
            theirs = new_sets[j]
            union = sum(weight[t] for t in mine | theirs)
            overlap = sum(weight[t] for t in mine & theirs) / union if union else 0.0
            need = 2 * threshold - overlap  # the ratio the pair needs to reach the threshold
            if 2 * min(len(tokens), len(other)) < need * (len(tokens) + len(other)):
                continue  # lengths alone rule the pair out
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() < need or matcher.quick_ratio() < need:
                continue
            comparisons += 1
            score = (matcher.ratio() + overlap) / 2
            if score >= threshold:
                scored.append((score, i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for score, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, score))
    return Pairing(pairs, comparisons)
