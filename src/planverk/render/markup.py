"""The Jinja step: a template in ``templates/`` plus the plan data gives document markup.

The environment is sandboxed (a template is text a planner edits, not code), undefined names
are errors (a misspelt key must not vanish silently), and autoescaping is off because the
markup is Markdown, not HTML: plan text arrives already escaped for Markdown
(:mod:`planverk.render.context`). The website's HTML templates run in the same set-up with
autoescaping on (:func:`template_environment`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planverk.render.context import bullet_list, join_names, paragraphs, set_as, swedish_date
from planverk.render.errors import RenderError
from planverk.render.plaintext import SafeMarkdown

if TYPE_CHECKING:
    from planverk.render.sandbox import BoundedEnvironment

TEMPLATE_SUFFIX = ".md.j2"
TEMPLATE_DIR = "templates"
# planverk's own templates: installed as planverk/templates/ (see pyproject.toml), or in a
# source checkout the top-level templates/ they are installed from.
_INSTALLED = Path(__file__).resolve().parents[1] / TEMPLATE_DIR
BUNDLED_TEMPLATES = (
    _INSTALLED if _INSTALLED.is_dir() else Path(__file__).resolve().parents[3] / TEMPLATE_DIR
)


def _finalize(value: object) -> object:
    return "" if value is None else value


def heading_marks(level: int) -> SafeMarkdown:
    """Template function ``rubrik(n)``: the Markdown marks of a heading of level n."""
    return SafeMarkdown("#" * max(1, min(int(level), 6)))


def indent(depth: int) -> SafeMarkdown:
    """Template function ``indrag(n)``: the indentation of a list nested n levels deep."""
    return SafeMarkdown("  " * max(0, int(depth)))


def template_path(template_dir: Path, kind: str) -> Path:
    return template_dir / f"{kind}{TEMPLATE_SUFFIX}"


def search_path(template_dir: Path) -> list[Path]:
    """Where templates are looked up: the region's folder, then planverk's own, so a region's
    templates/ need only hold the templates it changes (and one that predates a new document
    kind keeps working)."""
    folders = [template_dir]
    if template_dir.resolve() != BUNDLED_TEMPLATES.resolve():
        folders.append(BUNDLED_TEMPLATES)
    return folders


def template_file(template_dir: Path, kind: str) -> Path:
    """The template file a render of ``kind`` uses (the first on the search path)."""
    for folder in search_path(template_dir):
        candidate = template_path(folder, kind)
        if candidate.is_file():
            return candidate
    return template_path(template_dir, kind)


@functools.cache
def _sandbox() -> type[BoundedEnvironment]:
    """The bounded sandbox (:mod:`planverk.render.sandbox`), with a quicker way to a key of a
    plain dict.

    ``x.name`` in a template asks for the attribute first and, when the object has none,
    for the item: for the template data (plain dicts) that is an AttributeError raised and
    caught on every lookup, most of the time a large site takes to render. A dict has no
    attributes but its class's, so when the class has no attribute ``name`` the answer is
    the item, exactly as the sandbox would give it, without the exception. Everything else
    goes through the sandbox unchanged.
    """
    from planverk.render.sandbox import BoundedEnvironment

    class Sandbox(BoundedEnvironment):
        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and not hasattr(dict, attribute):
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

    return Sandbox


def template_environment(folders: Sequence[Path], *, html: bool = False) -> BoundedEnvironment:
    """The one Jinja set-up every planverk template runs in: the bounded sandbox (a template
    is text a planner edits, not code, and may not take the machine's memory or time), only
    files really inside the template folders, undefined names are errors, None prints as
    nothing, and the Swedish filters ``datum`` and ``uppräkning``.

    ``html=False`` (the documents): no autoescaping, since the markup is Markdown and plan
    text arrives escaped for Markdown, plus the Markdown helpers ``stycken``, ``rubrik`` and
    ``indrag``. ``html=True`` (the website): every value is escaped for HTML unless it is
    already markup (``markupsafe.Markup``); the caller adds its own HTML helpers.
    """
    from jinja2 import StrictUndefined

    from planverk.render.sandbox import ContainedLoader

    env = _sandbox()(
        loader=ContainedLoader([str(folder) for folder in folders]),
        undefined=StrictUndefined,
        autoescape=html,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["datum"] = swedish_date
    env.filters["uppräkning"] = lambda items: join_names(str(i) for i in items)
    if not html:
        env.filters["stycken"] = paragraphs
        env.filters["sätt"] = set_as
        env.filters["punktlista"] = bullet_list
        env.globals["rubrik"] = heading_marks
        env.globals["indrag"] = indent
    return env


def render_markup(template_dir: Path, kind: str, data: Mapping[str, Any]) -> str:
    """Render the template for ``kind`` with ``data``; template mistakes raise RenderError."""
    env = template_environment(search_path(template_dir))
    name = f"{kind}{TEMPLATE_SUFFIX}"
    return run_template(env, name, data, template_file(template_dir, kind), template_dir)


def run_template(
    env: BoundedEnvironment,
    name: str,
    data: Mapping[str, Any],
    shown: Path,
    template_dir: Path,
) -> str:
    """Render template ``name`` of ``env`` with ``data`` within the sandbox's limits. A
    mistake in the template (syntax, an unknown name, something the sandbox forbids, a
    limit) raises RenderError naming ``shown`` (the template file as the user sees it) and
    the line."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    from planverk.render.sandbox import (
        OutsideTemplate,
        TemplateLimit,
        UnreadableTemplate,
        render_bounded,
    )

    try:
        template = env.get_template(name)
        return render_bounded(template, dict(data))
    except OutsideTemplate as err:
        raise RenderError(
            f"{err.message}; den används inte",
            "Bara filer som verkligen ligger i mallmappen är mallar: kopiera filen dit i "
            "stället för att länka till den.",
        ) from None
    except UnreadableTemplate as err:
        raise RenderError(err.message or "", err.hint) from None
    except TemplateNotFound as err:
        raise RenderError(
            f"mallen {err.name} finns inte i {template_dir}",
            f"Lägg en mall {name} i mallmappen, eller kopiera standardmallarna från planverks "
            "templates/.",
        ) from None
    except TemplateSyntaxError as err:
        raise RenderError(
            f"{err.filename or shown}:{err.lineno}: fel i mallen: {_syntax(err.message or '')}",
            "Kontrollera {% %}- och {{ }}-taggarna på raden.",
        ) from None
    except TemplateLimit as err:
        raise _limit(err, name, shown, str(err)) from None
    except SecurityError as err:
        line = _template_line(err, name)
        where = f"{shown}:{line}" if line else str(shown)
        raise RenderError(
            f"{where}: mallen försöker nå något den inte får{_reached(str(err))}",
            "Mallar körs i en sandlåda och kan bara läsa planernas data; ta bort uttrycket.",
        ) from None
    except OverflowError as err:  # the sandbox's range() limit, or a number too large
        what = (
            "mallen gör ett intervall (range) med fler än 100 000 tal"
            if "range too big" in str(err).lower()
            else "ett tal i mallen blir för stort"
        )
        raise _limit(err, name, shown, what) from None
    except MemoryError as err:
        raise _limit(err, name, shown, "mallen behöver mer minne än en mall får använda") from None
    except RecursionError as err:
        raise _limit(err, name, shown, "mallen anropar sig själv för djupt (makro?)") from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as err:
        # Raised by an expression of the template ({{ [1, 'a']|sort }}, {{ 1/0 }}); one
        # raised outside every template frame is planverk's own bug and goes on.
        line = _template_line(err, name)
        if line is None:
            raise
        raise RenderError(
            f"{shown}:{line}: fel i mallen: uttrycket går inte att räkna ut ({_computation(err)})",
            "Kontrollera uttrycket på raden: jämför och räkna bara med värden av samma slag.",
        ) from None
    except TemplateError as err:
        line = _template_line(err, name)
        where = f"{shown}:{line}" if line else str(shown)
        raise RenderError(
            f"{where}: fel i mallen: {_swedish(err)}",
            "Namnen i mallen följer nycklarna i planfilerna, med _ i stället för - "
            "(strategisk_inriktning).",
        ) from None


def _computation(err: Exception) -> str:
    """What went wrong in a template expression, in Swedish."""
    if isinstance(err, ZeroDivisionError):
        return "division med noll"
    if isinstance(err, TypeError):
        return "värden av olika slag, t.ex. text och tal"
    if isinstance(err, LookupError):
        return "ett index eller en nyckel som inte finns"
    return "ett värde som inte passar"


def _limit(err: BaseException, name: str, shown: Path, what: str) -> RenderError:
    """A template that went past a limit of the sandbox: where, what, and what to do."""
    line = _template_line(err, name)
    where = f"{shown}:{line}" if line else str(shown)
    return RenderError(
        f"{where}: fel i mallen: {what}",
        "Mallar ska bara lägga ut planernas data; ta bort uttrycket eller loopen som växer.",
    )


def _template_line(err: BaseException, name: str) -> int | None:
    """The template line of the innermost traceback frame that ran the template."""
    line = None
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _swedish(err: Exception) -> str:
    """A Jinja error in Swedish (Jinja's own words are English and never shown)."""
    text = str(err)
    match = _UNDEFINED.search(text)
    if match:
        return f"okänt namn '{match.group(1) or match.group(2)}'"
    return "mallen kunde inte fyllas i med planernas data"


_UNDEFINED = re.compile(r"^'(.+?)' is undefined|has no attribute '(.+?)'")
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "slutet av mallen",
    "name": "ett namn",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, f"'{text}'")


_SYNTAX: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"^Unexpected end of template.*closed is '(\w+)'", re.S),
        lambda m: f"mallen tar slut innan {{% {m[1]} %}} stängs med {{% end{m[1]} %}}",
    ),
    (re.compile(r"^Encountered unknown tag '(.+?)'"), lambda m: f"okänd tagg {{% {m[1]} %}}"),
    (re.compile(r"^No filter named '(.+?)'"), lambda m: f"okänt filter '{m[1]}'"),
    (re.compile(r"^No test named '(.+?)'"), lambda m: f"okänt test '{m[1]}'"),
    (
        re.compile(r"^expected token '(.+?)', got '(.+?)'"),
        lambda m: f"{_token(m[2])} står där {_token(m[1])} väntas",
    ),
    (re.compile(r"^Expected an expression"), lambda m: "ett uttryck saknas"),
    (re.compile(r"^unexpected '(.+?)'"), lambda m: f"oväntat {_token(m[1])}"),
    (re.compile(r"^unexpected char '(.+?)'"), lambda m: f"oväntat tecken '{m[1]}'"),
)


def _syntax(message: str) -> str:
    """A Jinja syntax error message in Swedish."""
    for pattern, say in _SYNTAX:
        match = pattern.search(message)
        if match:
            return say(match)
    return "taggarna {% %} eller {{ }} är felskrivna"


def _reached(message: str) -> str:
    match = re.search(r"attribute '(.+?)'", message)
    return f" (attributet '{match.group(1)}')" if match else ""
