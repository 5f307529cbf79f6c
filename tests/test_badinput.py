"""The bad-input corpus: every broken file a planner can make gives its finding, never a crash.

Each case of tests/badinput/ is laid over a copy of the minimal plan set and checked with
the real command in a subprocess (``python -m planverk validate``), as a user would run it:
the exact findings (code, file, line, column), the exit code, the wording a planner needs,
and no traceback. Cases that cannot live in git (huge or deeply nested files, links in a
loop, named pipes) are made here; see GENERATED.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from planverk.loading.planset import load_plan_dir
from planverk.loading.yamlfile import MAX_DEPTH
from tests.conftest import MINIMAL, cli

CORPUS = Path(__file__).resolve().parent / "badinput"
HP = "plans/handlingsplaner/trasig.yaml"
# The minimal plan set's own files, for the cases that change one of them.
LG = "plans/handlingsplaner/ledningsgruppen-2025.yaml"
AP = "plans/aktivitetsplan-2025.yaml"
VP = "plans/verksamhetsplan-2025-2028.yaml"
PROJECT = "plans/planverk.yaml"
# What the libraries planverk uses say in English. None of it may reach a planner: every
# case's output is searched for these (ruamel.yaml, Pydantic, the OS, zipfile, lxml,
# python-docx, tomllib, Click, Jinja).
ENGLISH = re.compile(
    "|".join(
        (
            r"found duplicate key",
            r"yaml\.dev",
            r"while (?:constructing|parsing|scanning)",
            r"could not find expected",
            r"found character",
            r"Read-only file system",
            r"No space left on device",
            r"Is a directory",
            r"Not a directory",
            r"Permission denied",
            r"No such file or directory",
            r"\[Errno",
            r"Input should be",
            r"Field required",
            r"Extra inputs are not permitted",
            r"String should match pattern",
            r"validation error",
            r"errors\.pydantic\.dev",
            r"\bNone\b",
            r"File is not a zip file",
            r"There is no item named",
            r"Resource limit exceeded",
            r"XML_PARSE_HUGE",
            r"Start Tag",
            r"line \d+, column \d+",
            r"Expected '='",
            r"Invalid value for",
            r"No such option",
            r"is undefined",
            r"has no attribute",
            r"Encountered unknown tag",
            r"No filter named",
            r"expected token",
            r"Unexpected end of template",
            r"is unsafe",
            r"Traceback",
        )
    )
)
_FINDING = re.compile(r"^(\S.*?):(\d+):(\d+): (PV\d{3}) ", re.MULTILINE)

Found = tuple[str, str, int, int]  # code, file, line, column


@dataclass(frozen=True)
class Case:
    """One folder of the corpus and what `planverk validate` must say about it."""

    name: str
    findings: tuple[Found, ...]  # the complete list, in the order validate prints them
    exit_code: int = 1
    says: tuple[str, ...] = ()  # words the output must hold (message, did-you-mean, hint)
    base: bool = True  # laid over a copy of tests/fixtures/minimal


CASES: tuple[Case, ...] = (
    Case(
        "unclosed-quote",
        (("PV001", HP, 3, 8),),
        says=("filen tar slut innan ett citattecken stängs", "Stäng citatet"),
    ),
    Case(
        "bad-indentation",
        (("PV001", HP, 9, 4),),
        says=("en lista och en nyckel står på samma nivå",),
    ),
    Case(
        "tab-indentation",
        (("PV001", HP, 8, 1),),
        says=("tabbtecken kan inte användas för indrag", "Ersätt tabben med mellanslag"),
    ),
    Case(
        "tab-before-colon",  # libyaml reads it, every other YAML reader (and fmt, new) refuses
        (("PV001", HP, 4, 6),),
        says=("en tabb står mellan nyckeln och kolonet", "Ta bort tabben"),
    ),
    Case(
        "duplicate-key",
        (("PV002", HP, 6, 1),),
        says=("nyckeln 'titel' finns redan på rad 3",),
    ),
    Case(
        "list-for-mapping",
        (("PV012", HP, 12, 7),),
        says=("ska vara nycklar och värden", "Ta bort '- ' framför nycklarna"),
    ),
    Case(
        "year-as-word",
        (("PV012", HP, 5, 5),),
        says=("år: ska vara ett heltal (t.ex. 2025), inte 'tjugofem'",),
    ),
    Case(
        "impossible-date",
        (("PV012", HP, 12, 13),),
        says=("'2025-13-40' är inget giltigt datum", "ÅÅÅÅ-MM-DD"),
    ),
    Case(
        "unknown-key",
        (("PV010", HP, 10, 5),),
        says=("okänd nyckel 'statuss'", "Menade du 'status'?"),
    ),
    Case("missing-key", (("PV011", HP, 1, 1),), says=("nyckeln 'ägare' saknas",)),
    Case("empty-file", (("PV005", HP, 1, 1),), says=("filen är tom",)),
    Case("only-comments", (("PV005", HP, 1, 1),), says=("bara kommentarer",)),
    Case("utf8-bom", (), exit_code=0, says=("Inga fel i 5 filer.",)),
    Case(
        "latin1",
        (("PV003", HP, 4, 1),),
        says=(
            "filen är inte UTF-8: byte 0xE4 vid position 58",
            "'ä' sparat som Latin-1",
            "Spara filen som UTF-8",
        ),
    ),
    Case("crlf", (), exit_code=0, says=("Inga fel i 5 filer.",)),
    Case("crlf-unknown-key", (("PV010", HP, 10, 5),), says=("Menade du 'status'?",)),
    Case(
        "anchor-alias",
        (("PV004", HP, 9, 16),),
        says=("YAML-ankare och alias",),
    ),
    Case(
        "alias-bomb",
        (("PV004", HP, 7, 14),),
        says=("YAML-ankare och alias", "(90 alias i filen)"),
    ),
    Case(
        "control-character-raw",
        (("PV001", HP, 8, 16),),
        # report/text.py splits source lines with str.splitlines(), which breaks at U+000B,
        # so the source line is shown up to the character (the caret right after it).
        says=("styrtecknet U+000B", "     8 |     text: Stärk␋samverkan mellan nätverken.\n"),
    ),
    Case(
        "nul-byte",
        (("PV001", HP, 8, 16),),
        says=("styrtecknet U+0000", "Stärk\u2400samverkan"),  # shown as a visible symbol
    ),
    Case(
        "control-character-escaped",
        (("PV307", HP, 8, 11),),
        exit_code=0,  # a warning: the rendered documents drop the character
        says=("texten innehåller styrtecknet U+000B",),
    ),
    Case(
        "two-documents",
        (("PV001", HP, 6, 1),),
        says=("mer än ett YAML-dokument",),
    ),
    Case(
        "unknown-kind",
        (("PV006", HP, 1, 6),),
        says=("okänd typ 'handlingsplanen'", "Menade du 'handlingsplan'?"),
    ),
    Case(
        "duplicate-plan",
        (("PV008", "plans/kopia/aktivitetsplan-2025.yaml", 3, 5),),
        says=("aktivitetsplanen för 2025 finns redan i plans/aktivitetsplan-2025.yaml",),
    ),
    Case(
        "lookalike-cyrillic",
        (("PV022", LG, 10, 26),),
        says=(
            "'stödja-närа-vård' innehåller U+0430 kyrillisk liten bokstav 'а' (Unicode-namn "
            "CYRILLIC SMALL LETTER A) som tecken 11",
            "Det ser identiskt ut med aktiviteten 'stödja-nära-vård' "
            "(plans/aktivitetsplan-2025.yaml, rad 12), men är inte samma id.",
        ),
    ),
    Case(
        "lookalike-nfd",
        (("PV022", AP, 14, 20),),
        says=(
            "har 'ä' skrivet som två tecken, 'a' och U+0308 kombinerande trema",
            "(och 1 till av samma slag)",
            "Det ser identiskt ut med målet 'nära-vård' "
            "(plans/verksamhetsplan-2025-2028.yaml, rad 12)",
        ),
    ),
    Case(
        "lookalike-zero-width",
        (("PV022", LG, 5, 15),),
        says=(
            "innehåller det osynliga tecknet U+200B nollbreddsmellanslag (Unicode-namn ZERO "
            "WIDTH SPACE) som tecken 8",
            "Det ser identiskt ut med organet 'ledningsgruppen' (plans/planverk.yaml, rad 9)",
        ),
    ),
    Case(
        "lookalike-definition",  # the VP's own id; the AP's plain reference still resolves
        (("PV022", VP, 12, 16),),
        says=("U+0430 kyrillisk", "Skriv id:t med vanliga tecken: 'nära-vård'."),
    ),
    Case(
        "bidi-override",
        (("PV321", LG, 9, 27),),
        says=(
            "texten innehåller U+202E riktningsstyrning: tvingad höger till vänster",
            "Stärk samverkan \ufffdmellan nätverken.",  # shown, never obeyed
        ),
    ),
    Case(
        "yaml-tag-binary",
        (("PV023", LG, 4, 8),),
        says=("YAML-taggen !!binary används inte i planfiler",),
    ),
    Case(
        "yaml-tag-custom",
        (("PV023", LG, 4, 8),),
        says=("YAML-taggen !plan används inte i planfiler (2 taggar i filen)",),
    ),
    Case(
        "duplicate-bool-key",
        (("PV002", PROJECT, 14, 3),),
        says=("nyckeln 'True' är samma nyckel som 'true' på rad 13: YAML läser båda som sant",),
    ),
    Case(
        "duplicate-int-key",
        (("PV002", PROJECT, 14, 3),),
        says=("nyckeln '0x1' är samma nyckel som '1' på rad 13: YAML läser båda som talet 1",),
    ),
    Case(
        "project-file-duplicate-key",  # and no "projektfilen saknas" (PV009) after it
        (("PV002", PROJECT, 5, 1),),
        says=("nyckeln 'namn' finns redan på rad 4",),
    ),
    Case(
        # One bad value is one finding: the handlingsplan's reference into the AP still
        # resolves (not "det finns ingen aktivitetsplan för 2025"); the VP's goal has no
        # activity now, which is true.
        "invalid-id-cascade",
        (("PV012", AP, 14, 18), ("PV203", VP, 12, 13)),
        says=(
            "'Nivåstrukturering' är inget giltigt id",
            "t.ex. 'nivåstrukturering'",
        ),
    ),
    Case(
        # An unknown key no longer hides the file's other findings.
        "unknown-key-and-status",
        (("PV301", LG, 14, 13), ("PV010", LG, 15, 5)),
        says=("okänd status 'grönn'", "okänd nyckel 'kommentarr'"),
    ),
    Case(
        "empty-list",
        (("PV012", AP, 11, 21), ("PV102", LG, 10, 16), ("PV203", VP, 12, 13)),
        says=("ska vara en lista (rader som börjar med '- '), inte ett tomt värde",),
    ),
    Case(
        # One typo, one finding: not also "nyckeln 'rubrik' saknas".
        "misspelt-required-key",
        (("PV010", AP, 7, 5),),
        says=("okänd nyckel 'rubirk'", "Menade du 'rubrik'?"),
    ),
    Case(
        "invisible-character-in-key",
        (("PV010", AP, 7, 5),),
        says=(
            "innehåller det osynliga tecknet U+200B nollbreddsmellanslag",
            "Skriv nyckeln med vanliga tecken: 'rubrik'.",
        ),
    ),
    Case(
        "missing-plans",
        (),
        exit_code=2,
        says=("hittar ingen planmapp",),
        base=False,
    ),
    Case(
        "suppression-in-text",  # a plan text that holds a suppression silences nothing
        (("PV102", HP, 9, 16),),
        says=("aktiviteten 'finns-inte' finns inte i Aktivitetsplan 2025",),
    ),
    Case(
        "unused-suppression",  # as ruff's RUF100: a suppression that silences nothing
        (("PV015", HP, 1, 1), ("PV015", HP, 9, 39), ("PV015", HP, 11, 5)),
        exit_code=0,  # a warning
        says=(
            "tystnaden `# planverk: ignore-file[PV203]` tystar inget (PV203)",
            "tystnaden `# planverk: ignore[PV304, PV99]` tystar inget här (PV99)",
            "= tips: PV99 är ingen regel.",
            "tystnaden `# planverk: ignore` tystar inget\n",
        ),
    ),
    Case(
        "control-character-in-key",  # ESC and BEL written as YAML escapes in a key
        (("PV010", HP, 10, 5),),
        says=("okänd nyckel 'status\u241b[2J\u2407'", "Menade du 'status'?"),
    ),
)

# Made by the tests below, not stored: name -> test that makes it.
GENERATED = {
    "deep-flow-nesting": "test_deep_nesting_is_a_finding_not_a_crash",
    "deep-block-nesting": "test_deep_nesting_is_a_finding_not_a_crash",
    "deep-compact-nesting": "test_deep_nesting_is_a_finding_not_a_crash",
    "20-mb-plan": "test_a_20_mb_plan_loads",
    "over-64-mb": "test_a_file_over_64_mb_is_refused_with_a_finding",
    "special-files": "test_links_pipes_devices_and_folders_in_plans_never_hang",
    "unreadable-file": "test_an_unreadable_file_is_a_finding",
    # Cases of other commands and other layers, in the module named before "::".
    "link-out-of-the-plan-folder": (
        "test_hostile_reads.py::test_validate_never_reads_a_link_out_of_the_plan_folder"
    ),
    "control-characters-in-every-format": (
        "test_hostile_reads.py::test_no_report_format_passes_control_characters_raw"
    ),
}


@dataclass
class Ran:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float

    @property
    def findings(self) -> list[Found]:
        return [(m[4], m[1], int(m[2]), int(m[3])) for m in _FINDING.finditer(self.stdout)]


def run_validate(folder: Path, *args: str, timeout: float = 120) -> Ran:
    """`python -m planverk validate` in ``folder``, as a user runs it; with its peak memory."""
    out, err = folder.parent / f"{folder.name}.out", folder.parent / f"{folder.name}.err"
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("FORCE_COLOR", None)
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "planverk", "validate", *args],
            cwd=folder,
            stdout=stdout,
            stderr=stderr,
            env=env,
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                process.wait()
                pytest.fail(f"planverk validate hung in {folder} (killed after {timeout} s)")
            time.sleep(0.005)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 above
    return Ran(
        process.returncode,
        out.read_text(encoding="utf-8"),
        err.read_text(encoding="utf-8"),
        seconds,
        usage.ru_maxrss / 1024,  # kilobytes on Linux
    )


def lay_out(case_name: str, target: Path, *, base: bool = True) -> Path:
    """A plan folder for one case: the minimal plan set with the case's files over it."""
    folder = target / case_name
    if base:
        shutil.copytree(MINIMAL, folder)
    else:
        folder.mkdir(parents=True)
    source = CORPUS / case_name
    if source.is_dir():
        shutil.copytree(source, folder, dirs_exist_ok=True)
    return folder


def assert_clean_exit(ran: Ran, exit_code: int) -> None:
    output = ran.stdout + ran.stderr
    assert "Traceback" not in output, output
    assert "internt fel" not in output, output
    assert ran.exit_code == exit_code, output
    english = english_in(output)
    assert english is None, f"English from a library: {english!r} in\n{output[:3000]}"


# The source lines a finding shows (`  12 | text`, and the caret line under it) are the
# planner's own text, which may hold any word.
_EXCERPT = re.compile(r"^ +(?:\d+ )?\|.*$", re.MULTILINE)


def english_in(output: str) -> str | None:
    """The first English library phrase in ``output`` outside the quoted source lines."""
    found = ENGLISH.search(_EXCERPT.sub("", output))
    return found.group() if found else None


def test_every_corpus_folder_has_a_case_and_every_case_a_folder() -> None:
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert folders == {case.name for case in CASES}
    assert not folders & set(GENERATED)
    here = Path(__file__).resolve().parent
    for test in GENERATED.values():
        module, _, name = test.rpartition("::")
        source = (here / (module or Path(__file__).name)).read_text(encoding="utf-8")
        assert f"def {name}(" in source, test


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_corpus_case(case: Case, tmp_path: Path) -> None:
    folder = lay_out(case.name, tmp_path, base=case.base)
    ran = run_validate(folder)
    assert_clean_exit(ran, case.exit_code)
    assert ran.findings == list(case.findings), ran.stdout
    for words in case.says:
        assert words in ran.stdout + ran.stderr, f"{words!r} not in:\n{ran.stdout}{ran.stderr}"
    for code, file, line, column in case.findings:
        head = next(m for m in _FINDING.finditer(ran.stdout) if m[1] == file and m[4] == code)
        block = ran.stdout[head.start() :].split("\n\n", 1)[0]
        assert "= tips: " in block, f"{code} at {file}:{line}:{column} has no hint"


def test_alias_bomb_is_rejected_fast_with_bounded_memory(tmp_path: Path) -> None:
    folder = lay_out("alias-bomb", tmp_path)
    tracemalloc.start()
    try:
        planset = load_plan_dir(folder / "plans")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [f.code for f in planset.findings] == ["PV004"]
    # Expanded, the bomb would need gigabytes; rejected, it stays small (its speed is a
    # benchmark matter, bench/README.md, and a hang fails run_validate's timeout).
    assert peak < 200 * 2**20, f"{peak / 2**20:.0f} MB"
    # The whole command in its own process, interpreter included.
    ran = run_validate(folder, timeout=30)
    assert_clean_exit(ran, 1)
    assert ran.max_rss_mb < 200, f"{ran.max_rss_mb:.0f} MB"


def _deep(kind: str, levels: int) -> tuple[str, int, int]:
    """A handlingsplan whose `inledning` nests ``levels`` deep, and where the finding lands:
    on the first collection deeper than MAX_DEPTH."""
    head = (CORPUS / "missing-key" / HP).read_text(encoding="utf-8").split("åtgärder:")[0]
    head = head.replace("år: 2025\n", "ägare: ledningsgruppen\når: 2025\n")
    first = head.count("\n") + 1  # the line of `inledning:`
    if kind == "flow":  # inledning: [[[[ ... ]]]]
        text = "inledning: " + "[" * levels + "]" * levels + "\n"
        return head + text, first, len("inledning: ") + MAX_DEPTH + 1
    if kind.startswith(("-", "?")):  # compact: inledning:\n  - - - - ... x
        text = "inledning:\n  " + kind * levels + "x\n"
        return head + text, first + 1, 3 + len(kind) * MAX_DEPTH
    # block: each mapping one space further in than its parent
    text = "inledning:\n" + "".join(" " * i + "k:\n" for i in range(1, levels + 1))
    return head + text, first + MAX_DEPTH + 1, MAX_DEPTH + 2


@pytest.mark.parametrize(
    ("kind", "levels"),
    [
        ("flow", 60),
        ("flow", 10_000),
        ("flow", 100_000),  # crashed the C parser (segmentation fault) before the depth guard
        ("- ", 60),
        ("- ", 30_000),  # likewise
        ("-  ", 30_000),
        ("? ", 30_000),
        ("block", 60),
        ("block", 2_000),  # a 2 MB file; 10,000 levels need 50 MB and behave the same
    ],
)
def test_deep_nesting_is_a_finding_not_a_crash(kind: str, levels: int, tmp_path: Path) -> None:
    folder = lay_out("deep", tmp_path)
    text, line, column = _deep(kind, levels)
    (folder / HP).write_text(text, encoding="utf-8")
    ran = run_validate(folder, timeout=60)
    assert_clean_exit(ran, 1)
    assert ran.findings == [("PV001", HP, line, column)], ran.stdout[:2000]
    assert f"nästlad djupare än {MAX_DEPTH} nivåer" in ran.stdout


def _big_aktivitetsplan(target_bytes: int) -> str:
    """A valid aktivitetsplan of about ``target_bytes``: the minimal one and many activities."""
    original = (MINIMAL / "plans" / "aktivitetsplan-2025.yaml").read_text(encoding="utf-8")
    parts = [original]
    size = len(original.encode("utf-8"))
    number = 0
    while size < target_bytes:
        item = (
            f"          - id: aktivitet-{number}\n"
            f"            text: Stödja samverkan mellan regionerna inom Nära vård, steg "
            f"{number}.\n"
            f"            mål: nära-vård\n"
        )
        parts.append(item)
        size += len(item.encode("utf-8"))
        number += 1
    return "".join(parts)


def test_a_20_mb_plan_loads(tmp_path: Path) -> None:
    """Decision: a 20 MB plan is valid input and loads (the loader refuses files over 64 MB)."""
    folder = lay_out("big", tmp_path)
    ap = folder / "plans" / "aktivitetsplan-2025.yaml"
    ap.write_text(_big_aktivitetsplan(20 * 2**20), encoding="utf-8")
    assert ap.stat().st_size >= 20 * 2**20
    ran = run_validate(folder, timeout=300)
    assert_clean_exit(ran, 0)
    assert ran.stdout.strip().endswith("Inga fel i 4 filer."), ran.stdout[-2000:]
    print(f"20 MB plan: validate took {ran.seconds:.1f} s, peak memory {ran.max_rss_mb:.0f} MB")


def test_a_file_over_64_mb_is_refused_with_a_finding(tmp_path: Path) -> None:
    folder = lay_out("huge", tmp_path)
    huge = folder / "plans" / "jätte.yaml"
    with huge.open("wb") as handle:  # sparse: the size is checked before anything is read
        handle.truncate(65 * 2**20)
    ran = run_validate(folder)
    assert_clean_exit(ran, 1)
    assert ran.findings == [("PV007", "plans/jätte.yaml", 1, 1)]
    assert "filen är 65 MB; planverk läser högst 64 MB" in ran.stdout
    assert "Dela upp planen i flera filer." in ran.stdout


@pytest.fixture
def special_files(tmp_path: Path) -> Iterator[Path]:
    folder = lay_out("special", tmp_path)
    plans = folder / "plans"
    (plans / "slinga.yaml").symlink_to("slinga.yaml")  # a link to itself
    (plans / "saknas.yaml").symlink_to("finns-inte.yaml")  # a dangling link
    os.mkfifo(plans / "pipe.yaml")  # reading would wait for a writer forever
    (plans / "noll.yaml").symlink_to("/dev/zero")  # reading would never end
    (plans / "mapp.yaml").mkdir()  # a folder is searched like any other folder
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(plans / "uttag.yaml"))  # a Unix socket cannot be opened at all
    try:
        yield folder
    finally:
        server.close()


def test_links_pipes_devices_and_folders_in_plans_never_hang(special_files: Path) -> None:
    ran = run_validate(special_files, timeout=30)
    assert_clean_exit(ran, 1)
    assert ran.findings == [
        ("PV014", "plans/noll.yaml", 1, 1),  # a link out of the plan folder is never read
        ("PV007", "plans/pipe.yaml", 1, 1),
        ("PV007", "plans/saknas.yaml", 1, 1),
        ("PV007", "plans/slinga.yaml", 1, 1),
        ("PV007", "plans/uttag.yaml", 1, 1),
    ]
    for words in (
        "länken pekar i en slinga",
        "filen finns inte (en länk som pekar på en fil som saknas?)",
        "det är ingen vanlig fil",
        "Ta bort den ur planmappen",
        "filen är en länk till /dev/zero, utanför planmappen",
    ):
        assert words in ran.stdout


def test_an_unreadable_file_is_a_finding(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, for whom chmod 000 changes nothing; so the refusal is injected."""
    secret = minimal / "plans" / "hemlig.yaml"
    secret.write_text("typ: handlingsplan\n", encoding="utf-8")
    if os.geteuid() != 0:
        secret.chmod(0)
    else:
        real_open = os.open

        def deny(path: object, *args: object, **kwargs: object) -> int:
            if Path(str(path)).name == "hemlig.yaml":
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", deny)
    run = cli("validate")
    assert run.exit_code == 1
    assert "plans/hemlig.yaml:1:1: PV007 fel: filen kan inte läsas: behörighet att läsa" in (
        run.stdout
    )
    assert "chmod u+r" in run.stdout


def test_one_bad_id_in_the_shipped_ap_is_one_finding(shipped: Path) -> None:
    """The case from the campaign: `mål: Nivåstrukturering` in AP 2025 gave, besides its
    own finding, six findings claiming that the aktivitetsplan does not exist."""
    ap = shipped / "plans" / "aktivitetsplan-2025.yaml"
    text = ap.read_text(encoding="utf-8")
    assert "        mål: nivåstrukturering\n" in text
    ap.write_text(text.replace("mål: nivåstrukturering", "mål: Nivåstrukturering"), "utf-8")
    run = cli("validate")
    assert run.exit_code == 1
    assert re.findall(r"^\S+:\d+:\d+: PV\d{3}", run.stdout, re.M) == [
        "plans/aktivitetsplan-2025.yaml:52:14: PV012"
    ], run.stdout
    assert "det finns ingen aktivitetsplan" not in run.stdout
