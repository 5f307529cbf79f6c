"""Bad workbooks: each kind gives its exact finding at its cell, exit 1, and no plan changes.

The owner's workbook is HR-direktörsgruppen's for helår 2025 on the shipped plans: one row,
nationell-kompetensplan, in row 2 of Åtgärder (status F, kommentar G, resultat H, datum I).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.conftest import cli
from tests.intake.helpers import INBOX, edit, make, plan_bytes

HR = "hr-direktörsgruppen.xlsx"
HP = "plans/handlingsplaner/2025/ledningsgruppen.yaml"


def _cells(**values: Any) -> Callable[[Any], None]:
    def change(book: Any) -> None:
        sheet = book["Åtgärder"]
        for ref, value in values.items():
            sheet[ref] = value

    return change


def _merge(book: Any) -> None:
    book["Åtgärder"]["F2"] = "grön"
    book["Åtgärder"].merge_cells("G2:H2")


def _added_row(book: Any) -> None:
    sheet = book["Åtgärder"]
    sheet["A3"], sheet["B3"], sheet["F3"] = "ny-åtgärd", "En ny åtgärd.", "grön"


def _duplicate_row(book: Any) -> None:
    sheet = book["Åtgärder"]
    for column in range(1, 15):
        sheet.cell(3, column).value = sheet.cell(2, column).value
    sheet["F2"] = sheet["F3"] = "grön"


def _stray(book: Any) -> None:
    book["Åtgärder"]["F2"] = "grön"
    book["Åtgärder"]["P2"] = "en anteckning"


def _no_meta(book: Any) -> None:
    book["Åtgärder"]["F2"] = "grön"
    del book["planverk"]


def _tampered(book: Any) -> None:
    book["Åtgärder"]["F2"] = "grön"
    book["planverk"]["B4"] = "t1"  # the period


def _number_date(book: Any) -> None:
    sheet = book["Åtgärder"]
    sheet["F2"], sheet["I2"] = "grön", 45900
    sheet["I2"].number_format = "General"


def _header(book: Any) -> None:
    book["Åtgärder"]["F2"] = "grön"
    book["Åtgärder"]["B1"] = "Vad"


CASES: list[tuple[str, Callable[[Any], None], str, str]] = [
    ("okänd status", _cells(F2="lila"), "Åtgärder!F2: PV512 fel: 'lila' är ingen status", ""),
    (
        "felstavad status",
        _cells(F2="Gröön"),
        "Åtgärder!F2: PV512 fel: 'Gröön' är ingen status",
        "Menade du 'grön'?",
    ),
    (
        "gul utan kommentar",
        _cells(F2="gul"),
        "Åtgärder!G2: PV513 fel: status gul för åtgärden 'nationell-kompetensplan' utan kommentar",
        "Skriv i Kommentar",
    ),
    (
        "datum utanför perioden",
        _cells(F2="grön", I2=dt.datetime(2025, 3, 1)),
        "Åtgärder!I2: PV515 fel: datumet 2025-03-01 ligger utanför Helår (2025-09-01–2025-12-31)",
        "dateras mellan 2025-09-01 och 2026-03-01",
    ),
    (
        "datum som text",
        _cells(F2="grön", I2="2025-12-20"),
        "Åtgärder!I2: PV514 fel: datumet '2025-12-20' är text, inte ett datum",
        "ÅÅÅÅ-MM-DD",
    ),
    (
        "datum som tal",
        _number_date,
        "Åtgärder!I2: PV514 fel: datumet '45900' är ett tal, inte ett datum",
        "",
    ),
    (
        "formel där ett värde ska stå",
        _cells(F2="grön", G2='=HYPERLINK("https://exempel.se","klicka")'),
        "Åtgärder!G2: PV511 fel: cellen har en formel "
        '(=HYPERLINK("https://exempel.se","klicka")), inte ett värde',
        "planverk läser aldrig in formler",
    ),
    (
        "DDE-formel i en lässkyddad cell",
        _cells(F2="grön", B2="=cmd|' /C calc'!A0"),
        "Åtgärder!B2: PV511 fel: cellen har en formel (=cmd|' /C calc'!A0), inte ett värde",
        "",
    ),
    (
        "sammanfogade celler",
        _merge,
        "Åtgärder!G2: PV510 fel: cellerna G2:H2 på bladet Åtgärder är sammanfogade",
        "Dela upp cellerna",
    ),
    (
        "ändrad lässkyddad cell",
        _cells(F2="grön", B2="Arbeta med en annan plan."),
        "Åtgärder!B2: PV509 fel: den lässkyddade cellen Åtgärder!B2 (Åtgärd) har ändrats",
        "Kommentar",
    ),
    (
        "ändrad rubrik",
        _header,
        "Åtgärder!B1: PV509 fel: rubriken i Åtgärder!B1 ska vara 'Åtgärd'",
        "",
    ),
    (
        "tillagd rad",
        _added_row,
        "Åtgärder!A3: PV508 fel: rad 3 på bladet Åtgärder finns inte i rapportmallen "
        "(en tillagd rad)",
        "Ta bort raden",
    ),
    (
        "kopierad rad",
        _duplicate_row,
        "Åtgärder!A3: PV508 fel: åtgärden 'nationell-kompetensplan' står två gånger på bladet "
        "Åtgärder (rad 2 och rad 3)",
        "",
    ),
    (
        "värde utanför tabellen",
        _stray,
        "Åtgärder!P2: PV508 fel: cellen Åtgärder!P2 ligger utanför rapportmallens tabell",
        "",
    ),
    (
        "rapport utan status",
        _cells(G2="Vi har börjat."),
        "Åtgärder!F2: PV516 fel: raden för åtgärden 'nationell-kompetensplan' har en rapport "
        "men ingen status",
        "",
    ),
    (
        "rapport utan datum",
        _cells(F2="grön", I2=None),
        "Åtgärder!I2: PV516 fel: rapporten för åtgärden 'nationell-kompetensplan' saknar datum",
        "",
    ),
    (
        "avslutad utan resultat",
        _cells(F2="avslutad"),
        "Åtgärder!H2: PV517 fel: rapporten för åtgärden 'nationell-kompetensplan' avslutar "
        "åtgärden men saknar resultat",
        "",
    ),
    (
        "sanningsvärde i kommentar",
        _cells(F2="grön", G2=True),
        "Åtgärder!G2: PV520 fel: cellen har ett sanningsvärde (True), inte en text",
        "",
    ),
    (
        "dolda bladet borttaget",
        _no_meta,
        "1:1: PV504 fel: det dolda bladet planverk saknas, så det går inte att veta vilken plan "
        "och period arbetsboken gäller",
        "",
    ),
    (
        "dolda bladet ändrat",
        _tampered,
        "1:1: PV504 fel: det dolda bladet planverk har ändrats (kontrollsumman stämmer inte)",
        "",
    ),
]


def _import(*args: str) -> tuple[int, str]:
    run = cli("import", *args)
    return run.exit_code, run.stdout + run.stderr


@pytest.mark.parametrize(
    ("change", "expected", "hint"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_workbook(
    shipped: Path, change: Callable[[Any], None], expected: str, hint: str
) -> None:
    (made,) = [p for p in make() if p.name == HR]
    target = edit(made, change, INBOX / HR)
    before = plan_bytes(shipped)

    code, out = _import(str(target))

    assert code == 1, out
    lines = out.splitlines()
    assert f"{target}:{expected}" in lines, out
    if hint:
        index = lines.index(f"{target}:{expected}")
        assert hint in lines[index + 1], lines[index + 1]
    assert plan_bytes(shipped) == before


def test_every_format_names_the_cell(shipped: Path) -> None:
    (made,) = [p for p in make() if p.name == HR]
    target = edit(made, _cells(F2="lila"), INBOX / HR)
    code, out = _import("--format", "json", str(target))
    assert code == 1
    (finding,) = json.loads(out.split("\n{", 1)[0] if not out.startswith("{") else out)["findings"]
    assert finding["cell"] == "Åtgärder!F2"
    assert (finding["file"], finding["line"], finding["column"]) == (str(target), 2, 6)
    assert finding["code"] == "PV512" and finding["level"] == "fel"
    code, out = _import("--format", "github", str(target))
    assert f"::error file={target},line=2,col=6," in out
    assert "::Åtgärder!F2: 'lila' är ingen status" in out
    code, out = _import("--format", "gitlab", str(target))
    (issue,) = json.loads(out[: out.rindex("]") + 1])
    assert issue["location"] == {"path": str(target), "lines": {"begin": 2}}
    assert issue["description"].startswith("PV512: Åtgärder!F2: 'lila' är ingen status")


def test_plan_changed_since_the_workbook_says_what(shipped: Path) -> None:
    (made,) = [p for p in make() if p.name == HR]
    target = edit(made, _cells(F2="grön"), INBOX / HR)
    plan = shipped / HP
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("text: hålla ihop", "text: hålla ihop arbetet"), "utf-8")
    before = plan_bytes(shipped)
    code, out = _import(str(target))
    assert code == 1
    assert (
        f"{target}:Åtgärder!A2: PV506 fel: åtgärden 'nationell-kompetensplan' har ändrats i "
        f"{HP} sedan arbetsboken gjordes (ändrat: Uppdrag)" in out
    )
    assert plan_bytes(shipped) == before


def test_action_gone_or_moved(shipped: Path) -> None:
    (made,) = [p for p in make() if p.name == HR]
    target = edit(made, _cells(F2="grön"), INBOX / HR)
    plan = shipped / HP
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("id: nationell-kompetensplan", "id: kompetensplan"), "utf-8")
    before = plan_bytes(shipped)
    code, out = _import(str(target))
    assert code == 1
    assert (
        f"{target}:Åtgärder!A2: PV507 fel: åtgärden 'nationell-kompetensplan' finns inte längre "
        "i handlingsplanen 'ledningsgruppen-2025'" in out
    )
    assert plan_bytes(shipped) == before
    # Moved to another plan of the year: the finding says where.
    moved = text.replace("id: ledningsgruppen-2025", "id: ledningsgruppen-2025-b")
    plan.write_text(moved, "utf-8")
    code, out = _import(str(target))
    assert code == 1
    assert (
        "PV507 fel: åtgärden 'nationell-kompetensplan' finns inte längre i handlingsplanen "
        "'ledningsgruppen-2025'; den har flyttats till 'ledningsgruppen-2025-b'" in out
    )


def test_workbook_for_another_period(shipped: Path) -> None:
    (t2,) = [p for p in make("2025", "t2") if p.name == HR]
    t2 = edit(t2, _cells(F2="grön"), INBOX / "t2.xlsx")
    (helår,) = [p for p in make("2025", "helår") if p.name == HR]
    helår = edit(helår, _cells(F2="grön"), INBOX / "helår.xlsx")
    before = plan_bytes(shipped)
    code, out = _import(str(helår), str(t2))
    assert code == 1
    assert (
        f"{t2}:1:1: PV505 fel: arbetsboken gäller Tertial 2 2025, men importen gäller Helår 2025 "
        f"(som {helår})" in out
    )
    code, out = _import("--period", "t2", str(helår))
    assert code == 1
    assert "arbetsboken gäller Helår 2025, men importen gäller Tertial 2 2025 (--period)" in out
    assert plan_bytes(shipped) == before


def test_two_owners_report_differently(shipped: Path) -> None:
    made = {p.name: p for p in make()}
    crisis = edit(made["krisberedskapschefer.xlsx"], _cells(F3="grön"), INBOX / "k.xlsx")
    rd = edit(made["rd-gruppen.xlsx"], _cells(F2="röd", G2="Nätverket saknas."), INBOX / "r.xlsx")
    before = plan_bytes(shipped)
    code, out = _import(str(crisis), str(rd))
    assert code == 1
    assert (
        f"{rd}:Åtgärder!F2: PV519 fel: åtgärden 'krisberedskap-samverkansområden' har en annan "
        f"rapport i {crisis}:Åtgärder!F3" in out
    )
    assert plan_bytes(shipped) == before


# --- files that are not report workbooks ---------------------------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Rapport för tertial 2")
    document.save(out)
    return out.getvalue()


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            block = b"\0" * 2**20
            for _ in range(300):
                part.write(block)
    return out.getvalue()


def _ole2(*streams: str) -> bytes:
    """An OLE2 compound file header and a directory naming ``streams`` (how an encrypted
    OOXML or an .xls file begins); not a complete file, but what planverk looks at."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    directory = b"".join(s.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for s in streams)
    return header + directory


def _xml_bomb() -> bytes:
    """A real workbook whose workbook part declares entities (a billion-laughs start)."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    entities = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>'
    parts = {}
    with zipfile.ZipFile(buffer) as source:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/workbook.xml":
                data = f'<?xml version="1.0"?>{entities}'.encode() + data.replace(
                    b"<workbookPr/>", b"<workbookPr>&b;</workbookPr>"
                )
            parts[name] = data
    return _zip(parts)


FILES: list[tuple[str, Callable[[], bytes], str]] = [
    (
        "csv",
        lambda: b"id;status\nnationell-kompetensplan;gr\xc3\xb6n\n",
        "PV501 fel: filen är en textfil (CSV?), inte en arbetsbok",
    ),
    (
        "xls",
        lambda: _ole2("Root Entry", "Workbook"),
        "PV501 fel: filen är en arbetsbok i det gamla formatet .xls (Excel 97–2003)",
    ),
    (
        "krypterad",
        lambda: _ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        "PV502 fel: arbetsboken är krypterad med ett lösenord och kan inte läsas",
    ),
    ("word", _docx, "PV501 fel: filen är ett Word-dokument, inte en Excel-arbetsbok"),
    (
        "skadad zip",
        lambda: b"PK\x03\x04" + b"\x01" * 200,
        "PV501 fel: filen är skadad (zip-arkivet går inte att läsa)",
    ),
    (
        "zip-bomb",
        _bomb,
        "PV503 fel: arbetsboken är för stor för att läsas (3 delar, 300 MB uppackat)",
    ),
    ("xml-bomb", _xml_bomb, "PV504 fel: bladet Åtgärder saknas i arbetsboken"),  # read as is
    ("tom fil", lambda: b"", "PV501 fel: filen är ingen Excel-arbetsbok (.xlsx)"),
]


@pytest.mark.parametrize(
    ("make_bytes", "expected"), [f[1:] for f in FILES], ids=[f[0] for f in FILES]
)
def test_not_a_workbook(shipped: Path, make_bytes: Callable[[], bytes], expected: str) -> None:
    target = INBOX / "rapport.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(make_bytes())
    before = plan_bytes(shipped)
    code, out = _import(str(target))
    assert code == 1, out
    assert f"{target}:1:1: {expected}" in out.splitlines(), out
    assert plan_bytes(shipped) == before


def test_opendocument_spreadsheet_is_refused(shipped: Path, tmp_path: Path) -> None:
    import subprocess

    from tests.realclients import need

    (made,) = [p for p in make() if p.name == HR]
    soffice = need("soffice", "libreoffice")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profil').as_uri()}",
            "--headless",
            "--convert-to",
            "ods",
            "--outdir",
            str(tmp_path),
            str(made),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    target = INBOX / "rapport.xlsx"  # the name says .xlsx; the content decides
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((tmp_path / "hr-direktörsgruppen.ods").read_bytes())
    code, out = _import(str(target))
    assert code == 1
    assert f"{target}:1:1: PV501 fel: filen är ett OpenDocument-kalkylblad (.ods)" in out


def test_entities_in_a_workbook_are_never_expanded() -> None:
    """openpyxl parses with lxml and ``resolve_entities=False`` (lxml comes with
    python-docx): a billion-laughs part reads as no text at all, and breaks when openpyxl
    changes that."""
    from openpyxl.xml.functions import fromstring

    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">]><r>&a;&a;</r>'
    assert fromstring(bomb).text is None


def test_a_text_the_plan_rules_object_to_is_named_at_its_cell(shipped: Path) -> None:
    (made,) = [p for p in make() if p.name == HR]
    target = edit(made, _cells(F2="gul", G2="Väntar på besked från SKR."), INBOX / HR)
    before = plan_bytes(shipped)
    code, out = _import(str(target))
    assert code == 1
    assert (
        f"{target}:Åtgärder!G2: PV521 fel: texten ger PV304 i planen: förkortningen SKR saknas "
        "i ordlistan" in out.splitlines()
    )
    assert "Lägg till `SKR: <betydelse>` under `ordlista:`" in out
    assert plan_bytes(shipped) == before
