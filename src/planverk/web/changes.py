"""A diff on the site: "Nytt för ÅR" and what changed since the last decided version.

The comparison is `planverk diff`'s (:func:`planverk.diff.select.diff`), arranged as its
Markdown output arranges it (:mod:`planverk.diff.layout`); here it becomes template data,
new words marked as inserted and removed ones as deleted (``<ins>``/``<del>`` with the
words "tillagt"/"borttaget" for screen readers, in the template).
"""

from __future__ import annotations

from typing import Any

from planverk.core.chars import writable
from planverk.diff.layout import (
    Fragment,
    Group,
    Line,
    arrange,
    details,
    element_counts,
    headline,
    headline_counts,
    root_entries_title,
    structure_notes,
)
from planverk.diff.model import DiffResult, PlanKind
from planverk.loading.planset import PlanSet

Data = dict[str, Any]


def _words(fragments: tuple[Fragment, ...]) -> list[Data]:
    return [{"text": writable(text), "stil": style} for text, style in fragments if text]


def _lines(lines: list[Line]) -> list[Data]:
    return [{"ledord": writable(line.lead.strip()), "ord": _words(line.words)} for line in lines]


def _group(result: DiffResult, group: Group) -> Data:
    return {
        "rubrik": writable(group.title()),
        "not": writable(group.annotation()),
        "rader": _lines(details(result, group.node, group.changes)),
        "poster": _entries(result, group),
        "grupper": [_group(result, child) for child in group.groups],
    }


def _entries(result: DiffResult, group: Group) -> list[Data]:
    out = []
    for entry in group.entries:
        phrase, words = headline(entry)
        label = entry.label_change()
        out.append(
            {
                "fras": writable(phrase),
                "ord": _words(words),
                "tidigare": writable(label.old) if label is not None and label.old else None,
                "rader": _lines(details(result, entry.item, entry.changes)),
            }
        )
    return out


def diff_data(result: DiffResult) -> Data:
    """Template data of one comparison (see ``templates/webb/makron.html.j2``)."""
    root = arrange(result)
    groups = [_group(result, group) for group in root.groups]
    if root.entries:
        groups.append(
            {
                "rubrik": writable(root_entries_title(result, root)),
                "not": "",
                "rader": [],
                "poster": _entries(result, root),
                "grupper": [],
            }
        )
    return {
        "titel": writable(result.title),
        "sammanfattning": writable(headline_counts(result)),
        "per_slag": [writable(line) for line in element_counts(result)],
        "noter": [writable(note) for note in structure_notes(result)],
        "helhet": _lines(details(result, None, root.changes)) if root.changes else [],
        "grupper": groups,
        "har_ändringar": result.has_changes,
    }


def new_for_year(planset: PlanSet, year: int, previous: int) -> Data:
    """ "Nytt för ``year``": the aktivitetsplan of ``previous`` against that of ``year``, as
    `planverk diff previous year` compares them (from the plan set already loaded)."""
    from planverk.diff.select import diff

    return diff_data(diff(planset, planset, PlanKind.AP, str(previous), str(year)))


def since_revision(
    old_set: PlanSet, planset: PlanSet, kind: PlanKind, selection: str, revision: str
) -> Data:
    """What changed in a plan (``selection``: a year, a period or ``levande``) since the git
    ``revision``, whose plans ``old_set`` holds (read from git's objects by
    :func:`planverk.diff.gitrev.load_at_revision`, the work tree untouched), as `planverk diff
    selection --since revision` compares them."""
    from planverk.diff.select import diff

    result = diff(old_set, planset, kind, selection, selection, since=revision)
    return diff_data(result)
