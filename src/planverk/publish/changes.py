"""`planverk diff` as a library call: a comparison written as text, Markdown, JSON or Word.

Every file goes through the output guard; the Word document (the newer plan with the
changes as tracked changes) is a published document, so the newer plans must be free of
errors, as for `planverk render`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from planverk.core.chars import UNWRITABLE
from planverk.core.errors import UserError
from planverk.core.findings import Finding
from planverk.core.progress import phase
from planverk.diff.sources import Comparison
from planverk.lint.validate import check_rendered
from planverk.publish.gate import require_clean
from planverk.publish.guard import BUILD_DIR
from planverk.publish.write import write_outputs
from planverk.render import BUNDLED_TEMPLATES, dokumentmall_path, template_dir_for

REPORT_FORMATS = ("text", "md", "json")


@dataclass(slots=True)
class WrittenChanges:
    path: Path
    warnings: list[Finding] = field(default_factory=list)


def report(comparison: Comparison, fmt: str, *, brief: bool = False) -> str:
    """The comparison as text, md or json."""
    result = comparison.result
    if fmt == "md":
        from planverk.diff.mdout import render as render_md

        return render_md(result, brief=brief)
    if fmt == "json":
        from planverk.diff.jsonout import render as render_json

        return render_json(result)
    from planverk.diff.textout import render as render_text

    return render_text(result, brief=brief)


def write_report(comparison: Comparison, fmt: str, output: Path, *, brief: bool = False) -> Path:
    """Write the comparison as text, md or json to ``output`` (checked by the guard)."""
    text = report(comparison, fmt, brief=brief).rstrip("\n") + "\n"
    planset = comparison.new_set
    folder = template_dir_for(planset, None)
    write_outputs(
        planset,
        [(output, text.encode("utf-8"))],
        explicit=True,
        template_dirs=(folder, BUNDLED_TEMPLATES),
        protected=(dokumentmall_path(planset, folder, None),),
    )
    return output


def _check_author(author: str) -> None:
    """The author's name goes into every change's w:author: text Word can hold."""
    found = UNWRITABLE.search(author) or _DIRECTION.search(author)
    if found:
        raise UserError(
            f"--författare innehåller tecknet U+{ord(found.group()):04X}, som inte kan stå i "
            "ett Word-dokument",
            "Skriv namnet med vanliga bokstäver, t.ex. --författare 'Kansliet'.",
        )


_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069\x80-\x9f]")


def write_tracked(
    comparison: Comparison,
    output: Path | None,
    *,
    author: str = "planverk",
    date: dt.date | None = None,
) -> WrittenChanges:
    """Write the newer plan with the changes tracked (default ``build/<plan>-ändringsmarkerad
    .docx``). The comparison must have been made with every file loaded (``everything``).
    Raises PlansHaveErrors when the newer plans have errors, or a UserError."""
    from planverk.diff.tracked import tracked_document

    _check_author(author)
    planset = comparison.new_set
    with phase("Kontrollerar planerna"):
        require_clean(planset)
    with phase("Gör Word-dokumentet med spårade ändringar"):
        document = tracked_document(
            comparison.result, comparison.old_set, planset, author=author, date=date
        )
    warnings = check_rendered(planset, document.new)
    target = output or planset.root / BUILD_DIR / document.file_name
    folder = template_dir_for(planset, None)
    write_outputs(
        planset,
        [(target, document.data)],
        explicit=output is not None,
        template_dirs=(folder, BUNDLED_TEMPLATES),
        protected=(dokumentmall_path(planset, folder, None),),
    )
    return WrittenChanges(target, warnings)
