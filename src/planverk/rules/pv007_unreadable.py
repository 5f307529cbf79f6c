"""PV007 – filen kan inte läsas.

A file in the plan folder exists but cannot be read: no permission, a symbolic link that
points at itself, or a file larger than planverk reads (64 MB).

The example needs a file system state a docstring cannot hold; it is tested in
tests/test_loading.py.
"""

from planverk.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV007",
    name="oläsbar-fil",
    level=Level.ERROR,
    summary="filen kan inte läsas",
    configurable=False,
)
