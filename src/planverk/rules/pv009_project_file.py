"""PV009 – projektfilen saknas.

The plan folder has no project file (``typ: projekt``, usually ``plans/planverk.yaml``), so
the region's bodies, groups and glossary are unknown and no reference to them can be checked.

The example needs a file to be absent; it is tested in tests/test_loading.py.
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV009",
    name="projektfil-saknas",
    level=Level.ERROR,
    summary="projektfilen saknas",
    configurable=False,
)
