"""Same plans, templates and options give the same bytes, for every output kind: docx (the
chart's embedded workbook included), html, md, pdf, the status workbook. Rendered twice,
more than two seconds apart (zip times count in two-second steps), with LibreOffice run
again each time."""

from __future__ import annotations

import time
from pathlib import Path

from planverk.render.pagination import clear_cache
from tests.conftest import cli
from tests.realclients import need

KINDS = (
    ("aktivitetsplan-2025", ("2025",)),
    ("handlingsplan-ledningsgruppen-2025", ("2025", "--kind", "handlingsplan")),
    ("handlingsplan-rpo", ("--kind", "handlingsplan", "--plan", "rpo-hjärta-kärl")),
    ("verksamhetsplan-2021-2024", ("--kind", "verksamhetsplan", "--plan", "vp-2021-2024")),
    ("verksamhetsplan-2025-2028", ("--kind", "verksamhetsplan", "--plan", "vp-2025-2028")),
    ("uppfoljning-2025", ("2025", "--kind", "uppfoljning")),
)
PDFS = ("aktivitetsplan-2025", "uppfoljning-2025")


def _all(out: Path) -> dict[str, bytes]:
    out.mkdir()
    written: dict[str, bytes] = {}
    for stem, args in KINDS:
        for fmt in ("docx", "html", "md", *(("pdf",) if stem in PDFS else ())):
            path = out / f"{stem}.{fmt}"
            run = cli("render", *args, "-f", fmt, "-o", str(path))
            assert run.exit_code == 0, run.stdout + run.stderr
            written[path.name] = path.read_bytes()
    path = out / "status.xlsx"
    run = cli("status", "2025", "--datum", "2025-09-15", "-f", "xlsx", "-o", str(path))
    assert run.exit_code == 0, run.stdout + run.stderr
    written[path.name] = path.read_bytes()
    return written


def test_every_output_rendered_twice_is_byte_identical(shipped: Path) -> None:
    need("soffice", "libreoffice")
    first = _all(shipped / "första")
    time.sleep(2.1)
    clear_cache()
    second = _all(shipped / "andra")
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert differ == []
    assert len(first) == 6 * 3 + 2 + 1
