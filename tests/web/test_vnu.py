"""The Nu HTML checker (vnu.jar, on Java) finds no error on any page of the site, nor in
its stylesheet."""

from __future__ import annotations

from tests.browser import vnu
from tests.web.conftest import Site


def test_no_html_errors_on_any_page(shipped_site: Site, agreement_site: Site) -> None:
    pages = shipped_site.pages() + agreement_site.pages()
    css = [shipped_site.folder / "stil" / "webb.css"]
    assert vnu([*pages, *css], css=True) == []
