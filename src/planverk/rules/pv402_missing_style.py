"""PV402 – formatmallen saknas i dokumentmallen.

Reported while rendering: a template asks for a paragraph style (``<!-- stil: ... -->``) that
the region's dokumentmall does not have, so the text gets the fallback style instead. Add the
style to the dokumentmall, or change the style name in the template.

The example is a Word file and a template; it is tested in tests/test_render_rules.py.
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV402",
    name="formatmall-saknas",
    level=Level.WARNING,
    summary="en formatmall som mallen använder saknas i dokumentmallen",
    configurable=False,
)
