"""PV022 – id med ett tecken som inte är vad det ser ut att vara.

Ett id (eller en hänvisning till ett id) ser rätt ut men innehåller ett tecken som bara
liknar ett vanligt: ett kyrilliskt eller grekiskt 'а' från en webbsida, ett 'å' sparat som
'a' följt av en kombinerande ring (som macOS ibland sparar det), ett osynligt
nollbreddsmellanslag från Word eller ett hårt bindestreck. Fyndet pekar på tecknet och
anger dess kodpunkt (U+…) och namn. När id:t ser identiskt ut med ett id som finns i
planerna står det vilket, så att det är tydligt vad som menades; hänvisningen kontrolleras
sedan som om den vore skriven med det id:t, så att samma fel inte rapporteras en gång till
som "finns inte".

FAIL plans/aktivitetsplan-2025.yaml 13:21:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        rubriker:
          - id: nära-vård
            rubrik: Omställning till Nära vård
            aktiviteter:
              - id: stödja-nära-vård
                text: Stödja omställningen till Nära vård.
                mål: n\u00e4r\u0430-vård
PASS plans/aktivitetsplan-2025.yaml:
    typ: aktivitetsplan
    år: 2025
    titel: Aktivitetsplan 2025
    fokusområden:
      - id: verksamhet
        rubrik: Verksamhet och utveckling
        rubriker:
          - id: nära-vård
            rubrik: Omställning till Nära vård
            aktiviteter:
              - id: stödja-nära-vård
                text: Stödja omställningen till Nära vård.
                mål: nära-vård
"""

from planverk.core.findings import Level
from planverk.rules.base import rule

RULE = rule(
    __doc__ or "",
    code="PV022",
    name="förväxlingsbart-tecken",
    level=Level.ERROR,
    summary="ett id innehåller ett tecken som bara ser ut som ett vanligt",
    configurable=False,
)
