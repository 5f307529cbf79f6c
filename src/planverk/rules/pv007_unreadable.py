"""PV007 – filen kan inte läsas.

En fil i planmappen finns men går inte att läsa: behörighet saknas, filen är en symbolisk
länk som pekar på sig själv, eller filen är större än vad planverk läser (64 MB).

Exemplet kräver ett tillstånd i filsystemet som en docstring inte kan rymma; det testas i
tests/test_loading.py.
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV007",
    name="oläsbar-fil",
    level=Level.ERROR,
    summary="filen kan inte läsas",
    configurable=False,
)
