"""PV401 – rubriknivån hoppar.

Reported while rendering, not by ``validate``: the document's headings skip a level (a
Heading 3 straight under a Heading 1). Screen readers navigate by heading level, so a skipped
level breaks the document's outline (EN 301 549, DOS-lagen). It comes from a template edit:
the number of ``#`` in ``templates/*.md.j2``.

The example is a template, not a plan file; it is tested in tests/test_render.py.
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV401",
    name="rubriknivå-hoppar",
    level=Level.WARNING,
    summary="dokumentets rubriknivåer hoppar över en nivå",
    configurable=False,
)
