"""Rendering a large plan set: an aktivitetsplan with 5,000 activities and a handlingsplan
with 5,000 rows come out whole (their speed is measured in bench/, not here)."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from planverk.loading.planset import load_plan_dir
from planverk.render import render_document

PROJECT = """\
typ: projekt
id: stor
namn: Sjukvårdsregion Stor
organ:
  - id: svn
    namn: Samverkansnämnden
  - id: ledningsgruppen
    namn: Ledningsgruppen
  - id: hr
    namn: HR-direktörsgruppen
regler:
  PV204: av
  PV203: av
"""


def write_large_plan_set(root: Path, activities: int = 5000, per_heading: int = 25) -> Path:
    """A valid plan set with ``activities`` AP activities and as many handlingsplan rows."""
    plans = root / "plans"
    (plans / "handlingsplaner").mkdir(parents=True)
    (plans / "planverk.yaml").write_text(PROJECT, encoding="utf-8")
    headings = activities // per_heading
    areas = 4
    vp = [
        "typ: verksamhetsplan",
        "id: vp",
        "titel: Verksamhetsplan 2025–2028",
        "period:",
        "  från: 2025",
        "  till: 2028",
        "fokusområden:",
    ]
    ap = [
        "typ: aktivitetsplan",
        "år: 2025",
        "titel: Aktivitetsplan 2025",
        "verksamhetsplan: vp",
        "inledning: Stor plan för mätning.",
        "fokusområden:",
    ]
    hp = [
        "typ: handlingsplan",
        "id: lg-2025",
        "titel: Ledningsgruppens handlingsplan 2025",
        "ägare: ledningsgruppen",
        "år: 2025",
        "verksamhetsplan: vp",
        "åtgärder:",
    ]
    for area in range(areas):
        vp += [f"  - id: f{area}", f"    rubrik: Fokusområde {area} & <utveckling>", "    mål:"]
        ap += [
            f"  - id: f{area}",
            f"    rubrik: Fokusområde {area} & <utveckling>",
            "    rubriker:",
        ]
        for h in range(area, headings, areas):
            vp += [
                f"      - id: m{h}",
                f"        rubrik: Mål {h} för samverkan",
                f"        text: Sjukvårdsregionen ska arbeta med mål {h}, med text som är "
                "lagom lång för en tabellcell i handlingsplanen.",
            ]
            ap += [
                f"      - id: r{h}",
                f"        rubrik: Rubrik {h}",
                f"        mål: m{h}",
                "        aktiviteter:",
            ]
            for a in range(per_heading):
                n = h * per_heading + a
                ap += [
                    f"          - id: a{n}",
                    f"            text: Aktivitet {n} – främja samverkan mellan regionerna "
                    "om vårdens kompetensförsörjning och digitalisering.",
                ]
                hp += [
                    f"  - id: å{n}",
                    f"    aktivitet: a{n}",
                    f"    text: Åtgärd {n} – genomföra aktiviteten med regionerna.",
                    "    uppdrag:",
                    "      - till: [hr]",
                    f"        text: Följ upp åtgärd {n}",
                    "    status: grön",
                ]
    (plans / "verksamhetsplan.yaml").write_text("\n".join(vp) + "\n", encoding="utf-8")
    (plans / "aktivitetsplan-2025.yaml").write_text("\n".join(ap) + "\n", encoding="utf-8")
    (plans / "handlingsplaner" / "lg.yaml").write_text("\n".join(hp) + "\n", encoding="utf-8")
    return plans


def test_large_aktivitetsplan_and_handlingsplan_render_whole(tmp_path: Path) -> None:
    planset = load_plan_dir(write_large_plan_set(tmp_path))
    assert not [f for f in planset.findings if f.level >= 3]
    for kind in ("aktivitetsplan", "handlingsplan"):
        data = render_document(planset, kind, 2025, "docx")
        document = docx.Document(io.BytesIO(data))
        if kind == "aktivitetsplan":
            bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
            assert len(bullets) == 5000
        else:
            assert len(document.tables[0].rows) == 5001
