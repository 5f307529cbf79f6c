"""PV403 – länktexten säger inte vart länken leder.

Reported while rendering: a link whose text is "här", "läs mer", "länk" or the address
itself. Someone who lists a document's links with a screen reader hears only the link texts,
so each must say where it leads (EN 301 549, DOS-lagen).

The example is a template; it is tested in tests/test_render_rules.py.
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV403",
    name="otydlig-länktext",
    level=Level.WARNING,
    summary="en länktext säger inte vart länken leder",
    configurable=False,
)
