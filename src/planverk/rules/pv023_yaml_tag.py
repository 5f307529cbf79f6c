"""PV023 – YAML-tagg som planfiler inte använder.

En tagg (``!!binary``, ``!!set``, ``!!python/…``, ``!egen``) ber YAML-läsaren göra något
annat med värdet än att läsa det som text, tal, datum, lista eller nycklar: avkoda binärdata,
bygga en mängd, eller i andra program till och med köra kod. En plan behöver inget av det,
och ett värde med en sådan tagg skulle annars tyst läsas som något annat än det ser ut att
vara. De vanliga taggarna ``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null`` och
``!!timestamp`` går bra.

FAIL plans/aktivitetsplan-2025.yaml 3:8:
    typ: aktivitetsplan
    år: 2025
    titel: !!binary QWt0aXZpdGV0c3BsYW4gMjAyNQ==
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: !!str Aktivitetsplan 2025
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV023",
    name="yaml-tagg",
    level=Level.ERROR,
    summary="ett värde har en YAML-tagg som planfiler inte använder",
    configurable=False,
)
