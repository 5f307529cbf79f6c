"""The text edits the import makes: any text reads back as itself, in any file's layout."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planverk.edit.textedit import EditError, TextEditor, scalar
from planverk.loading.yamlfile import parse

TRICKY = [
    "ja: nej",
    "#1 i regionen",
    "- en punkt",
    "'citat'",
    '"citat"',
    "true",
    "Null",
    "71",
    "0,71",
    "1e5",
    "2025-01-01",
    "rad ett\nrad två",
    "rad ett\n  indragen",
    " inledande mellanslag",
    "tab\tinne",
    "radskift\u2028unicode",
    "kolon på slutet:",
    "@person",
    "=SUMMA(A1)",
    "ö",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_scalar_reads_back(text: str) -> None:
    assert parse(f"k: {scalar(text, 3)}\n", "").data == {"k": text}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_reads_back(text: str) -> None:
    document = f"a:\n  k: {scalar(text, 5)}\n  n: 1\n"
    assert parse(document, "").data == {"a": {"k": text, "n": 1}}


PLAN = (
    "typ: handlingsplan\r\n"
    "åtgärder:\r\n"
    "- id: a  # första\r\n"
    "  text: Text.\r\n"
    "  status: grön\r\n"
    "  # om b\r\n"
    "- id: b\r\n"
    "  text: Text.\r\n"
)


def test_crlf_file_and_dashes_at_the_key_column_keep_their_style() -> None:
    doc = parse(PLAN, "x.yaml")
    editor = TextEditor(doc)
    editor.add_list_key(("åtgärder", 0), "rapporter", [{"period": "t1", "status": "gul"}])
    editor.add_key_after(("åtgärder", 0), "status", "kommentar", "Två: regioner")
    editor.set_scalar(("åtgärder", 0, "status"), "gul")
    text = editor.apply()
    assert text == (
        "typ: handlingsplan\r\n"
        "åtgärder:\r\n"
        "- id: a  # första\r\n"
        "  text: Text.\r\n"
        "  status: gul\r\n"
        '  kommentar: "Två: regioner"\r\n'
        "  rapporter:\r\n"
        "  - period: t1\r\n"
        "    status: gul\r\n"
        "  # om b\r\n"
        "- id: b\r\n"
        "  text: Text.\r\n"
    )


def test_flow_style_is_refused() -> None:
    doc = parse("åtgärder:\n  - {id: a, text: T}\n", "x.yaml")
    editor = TextEditor(doc)
    with pytest.raises(EditError, match="flödesstil"):
        editor.add_list_key(("åtgärder", 0), "rapporter", [{"period": "t1"}])
