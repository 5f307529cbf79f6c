"""The site's templates run in render's Jinja set-up: sandboxed, strict about unknown names,
HTML-escaped. The quick way to a plain dict's key gives what the bounded sandbox gives, so
a change in Jinja that would make them differ breaks this test."""

from __future__ import annotations

from typing import Any

import pytest
from jinja2 import DictLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from planverk.render import template_environment
from planverk.render.sandbox import BoundedEnvironment
from planverk.web.build import paragraphs_html

TEMPLATES = {
    "nyckel": "{{ a.b }}",
    "saknas": "{{ a.c }}",
    "metod": "{{ a.items() | list | length }}",
    "dunder": "{{ a.__class__ }}",
    "format": "{{ a.b.__class__.__mro__ }}",
    "objekt": "{{ 'x'.upper() }}",
}


def _outcome(env: Any, name: str, data: dict[str, Any]) -> tuple[str, str]:
    try:
        return "ok", env.get_template(name).render(**data)
    except TemplateError as err:
        return type(err).__name__, str(err)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_dict_lookup_is_the_sandboxs(name: str) -> None:
    ours = template_environment([], html=True)
    ours.loader = DictLoader(TEMPLATES)
    plain = BoundedEnvironment(
        loader=DictLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True
    )
    data = {"a": {"b": "<i>x</i> & y", "items": "skuggar inte metoden"}}
    assert _outcome(ours, name, data) == _outcome(plain, name, data)


def test_html_environment_escapes_and_documents_do_not() -> None:
    html = template_environment([], html=True)
    markdown = template_environment([])
    assert html.from_string("{{ t }}").render(t="<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert markdown.from_string("{{ t }}").render(t="<b>&</b>") == "<b>&</b>"
    assert "stycken" in markdown.filters and "rubrik" in markdown.globals
    assert "rubrik" not in html.globals


def test_paragraphs_are_escaped_html() -> None:
    result = paragraphs_html("Första <stycket>\nsamma stycke\n\n  Andra & sista  ")
    assert isinstance(result, Markup)
    assert result == "<p>Första &lt;stycket&gt; samma stycke</p>\n<p>Andra &amp; sista</p>"
    assert paragraphs_html(None) == ""
