"""The two private APIs of a dependency planverk uses, each behind one function because a
bench showed it pays (see the comments at TESTED_PYDANTIC and TESTED_PYTHON_DOCX). These
tests fail loudly when a new release of the dependency changes what the function relies
on, or is newer than the versions it was checked on: then check it again and widen the
range, or drop the private API."""

from __future__ import annotations

import io
from importlib.metadata import version

from docx import Document
from docx.oxml import parse_xml

from planverk.loading.compact import TESTED_PYDANTIC, use_fields_set
from planverk.model.common import Strict
from planverk.render.default_template import build
from planverk.render.docx_writer import TESTED_PYTHON_DOCX, replace_part_element

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _minor(package: str) -> tuple[int, int]:
    major, minor = version(package).split(".")[:2]
    return int(major), int(minor)


def test_pydantic_is_a_version_use_fields_set_was_checked_on() -> None:
    first, last = TESTED_PYDANTIC
    assert first <= _minor("pydantic") <= last, (
        f"pydantic {version('pydantic')} is outside {first}–{last}: check "
        "planverk.loading.compact.use_fields_set against it"
    )


def test_use_fields_set_is_what_model_fields_set_returns() -> None:
    class Item(Strict):
        id: str
        text: str = ""

    one, two = Item(id="a", text="x"), Item(id="b", text="y")
    shared = one.model_fields_set
    use_fields_set(two, shared)
    assert two.model_fields_set is shared
    copied = two.model_copy(update={"text": "z"})
    assert shared == {"id", "text"}  # a copy never adds to the shared set in place
    assert copied.text == "z"


def test_python_docx_is_a_version_replace_part_element_was_checked_on() -> None:
    first, last = TESTED_PYTHON_DOCX
    assert first <= _minor("python-docx") <= last, (
        f"python-docx {version('python-docx')} is outside {first}–{last}: check "
        "planverk.render.docx_writer.replace_part_element against it"
    )


def test_replace_part_element_is_what_the_part_saves() -> None:
    document = Document(io.BytesIO(build()))
    part = document.part
    text = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>ersatt</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    element = parse_xml(text.encode("utf-8"))
    replace_part_element(part, element)
    assert part.element is element
    out = io.BytesIO()
    document.save(out)
    assert [p.text for p in Document(io.BytesIO(out.getvalue())).paragraphs] == ["ersatt"]
