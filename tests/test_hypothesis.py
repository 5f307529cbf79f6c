"""Property: whatever a planner does to a plan file, planverk answers, never crashes.

Hypothesis takes a shipped plan and mutates it the ways hand editing does: lines deleted,
duplicated, moved or re-indented, keys and values renamed or given another type, the file
cut off anywhere, and tabs, control characters, odd Unicode and bytes that are not UTF-8
inserted anywhere. For every such plan set `validate`, `render`, `diff`, `status`, `new`
and `fmt` must end with exit code 0, 1 or 2, raise nothing and print no traceback; `fmt`
must either refuse or give a file that loads to the same data with the same comments,
`status` never writes into the plan folder, and `new` writes all its plans or none. The
commands run in-process (Typer's CliRunner), so 500 examples take seconds, not minutes.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from planverk.cli.app import app
from planverk.edit.canonical import FormatRefused, comments, format_bytes, same_data
from planverk.loading.yamlfile import decode, parse
from tests.conftest import ROOT
from tests.test_badinput import english_in

PLANS = ROOT / "plans"
FILES = sorted(str(p.relative_to(ROOT)) for p in PLANS.rglob("*.yaml"))
ORIGINALS = {rel: (ROOT / rel).read_bytes() for rel in FILES}

INSERTS = [
    b"\t",
    b"\x0b",
    b"\x00",
    b"\x1b[31m",
    b"\x7f",
    b"\r",
    b"\r\n",
    b"\xef\xbb\xbf",  # a BOM in the middle of the file
    "\u202e".encode(),  # right-to-left override
    "\u2028".encode(),  # line separator
    "\x85".encode(),  # next line (C1)
    "\ufffe".encode(),
    "😀".encode(),
    "e\u0301".encode(),  # combining accent
    "å".encode("latin-1"),  # a byte that is not UTF-8
    b"\xff",
    b"\xed\xa0\x80",  # an encoded surrogate
    b": ",
    b"- ",
    b"? ",
    b"&a ",
    b"*a ",
    b"!!python/object/apply:os.system ",
    b"!!binary ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"'",
    b'"',
    b"#",
    b"|",
    b">",
    b"%",
    b"@",
    b"`",
    b"\\",
    b"---\n",
    b"...\n",
    b"\n",
    b"  ",
]

VALUES = [
    b"123",
    b"-1",
    b"0x1F",
    b"0o17",
    b"1e400",
    b".nan",
    b"-.inf",
    b"true",
    b"no",
    b"null",
    b"~",
    b"[]",
    b"{}",
    b"''",
    b'""',
    b"tjugofem",
    b"2025-13-40",
    b"2025-02-30",
    b"2025-01-01",
    b"2025-01-01 10:00:00",
    b"10000-01-01",
    b"[a, b]",
    b"{a: 1}",
    b"- x",
    b"|",
    b'"\\x0b"',
    b'"\\u0000"',
    b'"\\q"',
    b"99999999999999999999999999",
    b"x" * 300,
    "grön".encode(),
    b"gul",
    "röd".encode(),
    b"avslutad",
    "GRÖN".encode(),
    b"TODO",
    b"XXX",
    b"levande",
]

_KEY_VALUE = re.compile(rb"^(\s*(?:- )?)([^:#\s][^:#]*?):(?: (.*))?$")


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    match = _KEY_VALUE.match(line.rstrip(b"\r\n"))
    ending = line[len(line.rstrip(b"\r\n")) :]
    kind = draw(
        st.sampled_from(
            [
                "delete",
                "duplicate",
                "move",
                "indent",
                "retype",
                "rename-key",
                "rename-value",
                "insert",
                "truncate",
            ]
        )
    )
    if kind == "delete":
        del lines[index]
    elif kind == "duplicate":
        lines.insert(index, line)
    elif kind == "move":
        lines.insert(draw(st.integers(0, len(lines))), lines.pop(index))
    elif kind == "indent":
        shift = draw(st.integers(-3, 3))
        lines[index] = line[-shift:] if shift < 0 else b" " * shift + line
    elif kind == "retype" and match:
        lines[index] = match[1] + match[2] + b": " + draw(st.sampled_from(VALUES)) + ending
    elif kind == "rename-key" and match:
        key = match[2].decode("utf-8", "replace")
        other = [m[2] for m in map(_KEY_VALUE.match, lines) if m]
        new_key = draw(
            st.one_of(
                st.sampled_from(other),
                st.just(key[:-1].encode()),
                st.just((key + "n").encode()),
                st.just(key.upper().encode()),
                st.text(min_size=1, max_size=12).map(str.encode),
            )
        )
        rest = b": " + match[3] if match[3] is not None else b":"
        lines[index] = match[1] + new_key + rest + ending
    elif kind == "rename-value" and match and match[3]:
        values = [m[3] for m in map(_KEY_VALUE.match, lines) if m and m[3]]
        new_value = draw(
            st.one_of(
                st.sampled_from(values),
                st.just(match[3][:-1]),
                st.just(match[3] + b"x"),
                st.text(max_size=20).map(str.encode),
            )
        )
        lines[index] = match[1] + match[2] + b": " + new_value + ending
    else:
        joined = b"".join(lines)
        offset = draw(st.integers(0, len(joined)))
        if kind == "truncate":
            return joined[:offset]
        return joined[:offset] + draw(st.sampled_from(INSERTS)) + joined[offset:]
    return b"".join(lines)


@st.composite
def mutated_plan(draw: st.DrawFn) -> tuple[str, bytes]:
    """One shipped plan file, mutated one to three times."""
    rel = draw(st.sampled_from(FILES))
    data = ORIGINALS[rel]
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return rel, data


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped plans (and templates) that each example edits and restores."""
    root = tmp_path_factory.mktemp("hypothesis") / "repo"
    root.mkdir()
    shutil.copytree(PLANS, root / "plans")
    if (ROOT / "templates").is_dir():
        shutil.copytree(ROOT / "templates", root / "templates")
    return root


@contextlib.contextmanager
def planted(workspace: Path, rel: str, data: bytes) -> Iterator[None]:
    """The workspace with one file replaced by ``data``, as the working folder."""
    path = workspace / rel
    path.write_bytes(data)
    try:
        with contextlib.chdir(workspace):
            yield
    finally:
        path.write_bytes(ORIGINALS[rel])


def assert_handled(result: Result, args: list[str], rel: str) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"planverk {' '.join(args)} raised (mutated {rel})") from (
            result.exception
        )
    output = result.stdout + result.stderr
    event(f"{args[0]}: exit {result.exit_code}")
    assert result.exit_code in (0, 1, 2), f"planverk {' '.join(args)}: {result.exit_code}"
    assert "Traceback" not in output
    english = english_in(output)
    assert english is None, f"planverk {' '.join(args)}: English {english!r} in\n{output[:3000]}"


RUNNER = CliRunner()
SETTINGS = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

VALIDATE = [
    ["validate"],
    ["validate", "--format", "json"],
    ["validate", "--format", "github", "--fail-level", "info"],
]


@SETTINGS
@given(plan=mutated_plan(), args=st.sampled_from(VALIDATE))
def test_validate_never_crashes(workspace: Path, plan: tuple[str, bytes], args: list[str]) -> None:
    rel, data = plan
    with planted(workspace, rel, data):
        result = RUNNER.invoke(app, args)
    assert_handled(result, args, rel)


# Mostly Markdown and HTML, which are fast; docx now and then.
RENDER = [
    ["render", "2025", "-f", "md"],
    ["render", "2024", "-f", "html"],
    ["render", "2025", "--kind", "handlingsplan", "-f", "md"],
    ["render", "--kind", "handlingsplan", "--plan", "rpo-hjärta-kärl-levande", "-f", "html"],
    ["render", "2025", "--kind", "verksamhetsplan", "-f", "md"],
    ["render", "2025", "-f", "docx"],
]
DIFF = [
    ["diff", "2024", "2025"],
    ["diff", "2024", "2025", "-f", "md"],
    ["diff", "2024", "2025", "-f", "json", "--exit-code"],
    ["diff", "2021-2024", "2025-2028", "--kind", "verksamhetsplan"],
    ["diff", "2024", "2025", "-f", "docx", "-o", "build/ändringar.docx"],
]


@SETTINGS
@given(plan=mutated_plan(), args=st.sampled_from(RENDER + DIFF))
def test_render_and_diff_never_crash(
    workspace: Path, plan: tuple[str, bytes], args: list[str]
) -> None:
    rel, data = plan
    with planted(workspace, rel, data):
        result = RUNNER.invoke(app, args)
    assert_handled(result, args, rel)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=mutated_plan())
def test_fmt_keeps_data_and_comments_or_refuses(plan: tuple[str, bytes]) -> None:
    rel, data = plan
    try:
        new = format_bytes(data, rel)
    except FormatRefused as refused:
        event(f"fmt: refused ({'findings' if refused.findings else refused.problem})")
        return  # left alone, with the reason; nothing written
    event(f"fmt: {'unchanged' if new is None else 'changed'}")
    if new is None:
        return
    before_text, _ = decode(data, rel)
    after_text, _ = decode(new, rel)
    assert before_text is not None and after_text is not None
    before = parse(before_text.replace("\r\n", "\n"), rel)
    after = parse(after_text.replace("\r\n", "\n"), rel)
    assert after.findings == []
    assert same_data(before.data, after.data)
    assert comments(before_text) <= comments(after_text)
    assert format_bytes(new, rel) is None, "formatting is idempotent"


# --- status, new and fmt on a mutated plan set ----------------------------------------------

STATUS = [
    ["status", "2025", "--datum", "2025-09-15"],
    ["status", "2025", "-f", "json"],
    ["status", "2025", "-f", "md", "-o", "build/status.md"],
    ["status", "2025", "-f", "xlsx", "-o", "build/status.xlsx"],
]


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "plans").rglob("*"))
        if p.is_file()
    }


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=mutated_plan(), args=st.sampled_from(STATUS))
def test_status_never_crashes_and_never_writes_a_plan(
    workspace: Path, plan: tuple[str, bytes], args: list[str]
) -> None:
    rel, data = plan
    with planted(workspace, rel, data):
        before = _snapshot(workspace)
        result = RUNNER.invoke(app, args)
        after = _snapshot(workspace)
    assert_handled(result, args, rel)
    assert after == before, "status wrote into the plan folder"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=mutated_plan(), dry=st.booleans())
def test_new_writes_all_its_plans_or_none(
    workspace: Path, plan: tuple[str, bytes], dry: bool
) -> None:
    rel, data = plan
    args = ["new", "2026", "--from", "2025", *(["--dry-run"] if dry else [])]
    with planted(workspace, rel, data):
        before = _snapshot(workspace)
        try:
            result = RUNNER.invoke(app, args)
            after = _snapshot(workspace)
        finally:
            for name in set(_snapshot(workspace)) - set(before):  # the new plans go again
                (workspace / name).unlink()
    assert_handled(result, args, rel)
    assert {k: v for k, v in after.items() if k in before} == before, "new changed a plan"
    added = set(after) - set(before)
    if dry or result.exit_code == 2:
        assert added == set(), f"new wrote {sorted(added)} and exited {result.exit_code}"
    else:  # every plan it says it wrote, and nothing else
        said = set(re.findall(r": skrev (\S+) ur ", result.stdout))
        assert added == said, (sorted(added), sorted(said))
        event(f"new: wrote {len(added)} files")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=mutated_plan(), check=st.booleans())
def test_fmt_on_the_plan_folder_keeps_every_plan(
    workspace: Path, plan: tuple[str, bytes], check: bool
) -> None:
    """`planverk fmt` (and `--check`) on a plan folder with one mutated file: the other
    files stay byte for byte; the mutated one is left alone or keeps its data and comments."""
    rel, data = plan
    args = ["fmt", "--check"] if check else ["fmt"]
    with planted(workspace, rel, data):
        result = RUNNER.invoke(app, args)
        after = _snapshot(workspace)
    assert_handled(result, args, rel)
    for name, blob in after.items():
        if name != rel:
            assert blob == ORIGINALS.get(name, blob), f"fmt changed {name}"
    new = after[rel]
    if check or new == data:
        assert new == data
        return
    before_text, _ = decode(data, rel)
    after_text, _ = decode(new, rel)
    assert before_text is not None and after_text is not None
    before_doc = parse(before_text.replace("\r\n", "\n"), rel)
    after_doc = parse(after_text.replace("\r\n", "\n"), rel)
    assert same_data(before_doc.data, after_doc.data)
    assert comments(before_text) <= comments(after_text)
