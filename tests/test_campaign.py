"""Cases a second fault campaign (issue 11, "Done when") found: each ran as a user would,
in a subprocess on a copy of the shipped plans, and ended in a hang, an exit 3 or English
library text, or carried what it must not into a published file."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.test_badinput import english_in

AP = "plans/aktivitetsplan-2025.yaml"
TEMPLATE = "templates/aktivitetsplan.md.j2"


def run(root: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANVERK_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "planverk", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**env, "NO_COLOR": "1"},
    )


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for top in ("plans", "templates")
        for p in sorted((root / top).rglob("*"))
        if p.is_file()
    }


def _swedish_error(done: subprocess.CompletedProcess[str], says: str) -> None:
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert says in done.stderr, output
    assert "tips: " in done.stderr, output
    assert english_in(output) is None, output
    assert "internt fel" not in output, output


# -- output to something that is not a regular file -----------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("diff", "2024", "2025", "-f", "md", "-o", "/dev/full"),
        ("status", "2025", "-f", "md", "-o", "/dev/full"),
        ("status", "2025", "-f", "json", "-o", "/dev/zero"),
    ],
    ids=["diff-dev-full", "status-dev-full", "status-dev-zero"],
)
def test_output_to_a_device_is_refused_at_once(shipped: Path, args: tuple[str, ...]) -> None:
    # Before: the old bytes of the "file" were read first (all-or-none writes keep them to
    # put back): endless zeros until the kernel killed planverk, then the rename would have
    # replaced the device itself.
    done = run(shipped, *args, timeout=30)
    _swedish_error(done, "det är ingen vanlig fil utan en enhet")


def test_output_to_a_named_pipe_is_refused_without_waiting(shipped: Path) -> None:
    (shipped / "build").mkdir()
    os.mkfifo(shipped / "build" / "rör.md")
    done = run(shipped, "render", "2025", "-f", "md", "-o", "build/rör.md", timeout=30)
    _swedish_error(done, "vägrar skriva build/rör.md: det är ingen vanlig fil")


def test_write_all_never_reads_or_replaces_a_device(tmp_path: Path) -> None:
    from planverk.core.atomic import write_all, write_atomic

    for write in (lambda p: write_all([(p, b"x")]), lambda p: write_atomic(p, b"x")):
        with pytest.raises(OSError) as caught:
            write(Path("/dev/zero"))
        assert caught.value.errno == __import__("errno").ENXIO
    assert Path("/dev/zero").is_char_device()


def test_an_output_name_past_the_systems_limit_is_told_in_swedish(shipped: Path) -> None:
    deep = "/".join(["d" * 200] * 25)
    done = run(shipped, "diff", "2024", "2025", "-f", "json", "-o", f"build/{deep}/x.json")
    _swedish_error(done, "filnamnet är för långt")


def test_an_output_link_in_a_loop_is_told_in_swedish(shipped: Path) -> None:
    (shipped / "build").mkdir()
    os.symlink("slinga.md", shipped / "build" / "slinga.md")
    done = run(shipped, "render", "2025", "-f", "md", "-o", "build/slinga.md")
    _swedish_error(done, "länken pekar i en slinga")


def test_a_config_link_in_a_loop_is_a_usage_error(shipped: Path) -> None:
    os.symlink("slinga.yaml", shipped / "slinga.yaml")
    done = run(shipped, "validate", "-c", "slinga.yaml")
    _swedish_error(done, "slinga.yaml kan inte läsas: länken pekar i en slinga")


@pytest.mark.parametrize(
    "args", [("regler", "--markdown"), ("validate",), ("status", "2025", "-f", "json")]
)
def test_stdout_on_a_full_disk_is_an_environment_error(
    shipped: Path, args: tuple[str, ...]
) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run(
            [sys.executable, "-m", "planverk", *args],
            cwd=shipped,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert "planverk: fel: utdata kan inte skrivas: disken är full" in done.stderr
    assert english_in(done.stderr) is None, done.stderr


# -- templates that cannot be read or computed ----------------------------------------------


def test_a_template_that_is_not_utf8_is_a_template_error(shipped: Path) -> None:
    (shipped / TEMPLATE).write_bytes(b"\xff\xfe\x00\x00skr\xe4p")
    done = run(shipped, "render", "2025", "-f", "md", "-o", "build/ap.md")
    _swedish_error(
        done, "aktivitetsplan.md.j2 kan inte läsas: mallen är inte UTF-8-text (byte 0xFF"
    )


def test_an_included_template_that_is_not_utf8_is_a_template_error(shipped: Path) -> None:
    (shipped / "templates" / "del.md.j2").write_bytes(b"\xe5\xe4\xf6")
    (shipped / TEMPLATE).write_text("# R\n\n{% include 'del.md.j2' %}\n", encoding="utf-8")
    done = run(shipped, "render", "2025", "-f", "md", "-o", "build/ap.md")
    _swedish_error(done, "del.md.j2 kan inte läsas: mallen är inte UTF-8-text (byte 0xE5")


@pytest.mark.parametrize(
    ("expression", "says"),
    [
        ("{{ [1, 'a', none]|sort }}", "värden av olika slag"),
        ("{{ 1 / 0 }}", "division med noll"),
        ("{{ 'a' < 1 }}", "värden av olika slag"),
    ],
)
def test_a_template_expression_that_cannot_be_computed(
    shipped: Path, expression: str, says: str
) -> None:
    (shipped / TEMPLATE).write_text(f"# R\n\n{expression}\n", encoding="utf-8")
    done = run(shipped, "render", "2025", "-f", "md", "-o", "build/ap.md")
    _swedish_error(
        done, f"aktivitetsplan.md.j2:3: fel i mallen: uttrycket går inte att räkna ut ({says}"
    )


def test_an_unreadable_template_is_a_template_error(shipped: Path) -> None:
    prefix: list[str] = []
    if os.geteuid() == 0:  # root reads every file: run the command without that capability
        # (as root still, so the checkout and the venv stay readable wherever they are)
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    (shipped / TEMPLATE).chmod(0)
    out = str(Path(tempfile.gettempdir()) / "planverk-campaign.md")
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "planverk", "render", "2025", "-f", "md", "-o", out],
        cwd=shipped,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
    )
    _swedish_error(done, "aktivitetsplan.md.j2 kan inte läsas: behörighet att läsa saknas")


# -- a PowerPoint template that lacks its layouts --------------------------------------------


def test_a_powerpointmall_without_its_layouts_is_a_swedish_error(shipped: Path) -> None:
    import io
    import zipfile

    with zipfile.ZipFile(shipped / "templates" / "powerpointmall.pptx") as source:
        parts = {n: source.read(n) for n in source.namelist() if "slideLayout" not in n}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    (shipped / "utan-layouter.pptx").write_bytes(buffer.getvalue())
    done = run(
        shipped,
        *("render", "-k", "handlingsplan", "-p", "ledningsgruppen-2025", "-f", "pptx"),
        *("--powerpointmall", "utan-layouter.pptx", "-o", "build/hp.pptx"),
    )
    _swedish_error(done, "powerpointmallen utan-layouter.pptx är skadad")
    assert not (shipped / "build" / "hp.pptx").exists()


# -- control characters from a plan text in the diff's text and Markdown --------------------


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_diff_never_passes_a_control_character_raw(shipped: Path, fmt: str) -> None:
    ap = shipped / AP
    ap.write_text(
        ap.read_text(encoding="utf-8").replace(
            "text: Underlätta samordning av vårdproduktion mellan regionerna.",
            'text: "Underlätta \\e[31mRÖD\\e[0m \\a\\r samordning."',
        ),
        encoding="utf-8",
    )
    done = run(shipped, "diff", "2024", "2025", "-f", fmt)
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if "RÖD" in line)
    assert not [c for c in line if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0], repr(line)
    assert "\u241b" in line and "\u2407" in line, repr(line)  # shown, not obeyed


# -- fmt rewrites only plan files in the plan folder -----------------------------------------


@pytest.mark.parametrize("where", ["utanför.yaml", "../grannen.yaml", ".gitlab-ci.yml"])
def test_fmt_never_rewrites_a_yaml_file_outside_the_plan_folder(shipped: Path, where: str) -> None:
    path = shipped / where
    text = "typ:    aktivitetsplan\når:   2025   # en kommentar\n"
    path.write_text(text, encoding="utf-8")
    done = run(shipped, "fmt", where)
    _swedish_error(done, f"vägrar formatera {where}: filen ligger inte i en planmapp (plans/)")
    assert path.read_text(encoding="utf-8") == text


# -- the language server and a client that sends garbage -------------------------------------


def _message(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _lsp(root: Path, data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "planverk", "lsp"],
        cwd=root,
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_a_message_announcing_gigabytes_ends_the_server_in_swedish(shipped: Path) -> None:
    done = _lsp(shipped, b"Content-Length: 99999999999\r\n\r\n{")
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 0, stderr  # the stream ended; no MemoryError, no exit 3
    assert "editorn skickade ett meddelande på 99999999999 byte, mer än 64 MB" in stderr
    assert "internt fel" not in stderr and english_in(stderr) is None, stderr


@pytest.mark.parametrize(
    "body",
    [
        b"{\xff\xfe}",  # not UTF-8
        b'{"jsonrpc":"2.0","id":2,"method":"textDocument/definition","params":'
        b'{"textDocument":{"uri":"nope:"},"position":{"line":-1,"character":9}}}',
    ],
    ids=["not-utf8", "invalid-params"],
)
def test_a_broken_message_is_one_swedish_line_never_a_traceback(shipped: Path, body: bytes) -> None:
    exit_ = _message(b'{"jsonrpc":"2.0","method":"exit"}')
    done = _lsp(shipped, _message(body) + exit_)
    stderr = done.stderr.decode("utf-8")
    assert "ett meddelande från editorn kunde inte läsas eller hanteras" in stderr, stderr
    assert "Error" not in stderr, stderr  # not even the exception's name
    assert "Traceback" not in stderr and english_in(stderr) is None, stderr
    assert "codec can't decode" not in stderr and "Invalid Params" not in stderr, stderr
    assert b"window/logMessage" in done.stdout  # and the editor is told, in Swedish
    told = done.stdout.decode("utf-8").encode().decode("unicode_escape")
    assert "kunde inte l\u00e4sas eller hanteras; servern forts\u00e4tter" in told, told
    assert "Error" not in told and "Invalid" not in told, told


# -- an empty revision (an unset CI variable) is never "no changes" --------------------------


def _git_repo(root: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b.c"}
    env |= {"GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b.c"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "planer"]):
        subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)


@pytest.mark.parametrize(
    "args",
    [("diff", "2025", "--since", ""), ("diff", "2025", "--since=  "), ("webb", "--sedan", "")],
    ids=["diff", "diff-blank", "webb"],
)
def test_an_empty_revision_is_a_usage_error(shipped: Path, args: tuple[str, ...]) -> None:
    _git_repo(shipped)
    ap = shipped / AP
    ap.write_text(ap.read_text(encoding="utf-8").replace("Underlätta", "Främja"), "utf-8")
    done = run(shipped, *args, "--utan-pdf" if args[0] == "webb" else "--brief")
    _swedish_error(done, "revisionen är tom")
    assert not [p for p in (shipped / "build").rglob("*") if p.is_file()]


# -- init: a year no plan can have is a usage error, not silently this year ------------------


@pytest.mark.parametrize("year", ["0", "99999", "-5"])
def test_init_with_a_year_no_plan_can_have_is_a_usage_error(tmp_path: Path, year: str) -> None:
    done = run(tmp_path, "init", "ny", f"--år={year}")
    _swedish_error(done, f"--år {year}: året ska vara mellan 1900 och 2200")
    assert not (tmp_path / "ny").exists()


# -- diff -f docx: the author's name goes into the XML of every change -----------------------


@pytest.mark.parametrize(("author", "code"), [("Kansliet\x1b[2J", "001B"), ("A\u202eB", "202E")])
def test_an_author_word_cannot_hold_is_a_usage_error(shipped: Path, author: str, code: str) -> None:
    done = run(shipped, "diff", "2024", "2025", "-f", "docx", "--författare", author)
    _swedish_error(done, f"--författare innehåller tecknet U+{code}")
    assert not (shipped / "build").exists()


def test_an_author_with_swedish_letters_and_markup_is_written_as_text(shipped: Path) -> None:
    import docx

    author = 'Åsa <Öberg> & "Ärlig"'
    done = run(
        shipped, "diff", "2024", "2025", "-f", "docx", "-o", "build/e.docx", "--författare", author
    )
    assert done.returncode == 0, done.stderr
    document = docx.Document(str(shipped / "build" / "e.docx"))
    xml = document.element.xml
    assert 'w:author="Åsa &lt;Öberg&gt; &amp; &quot;Ärlig&quot;"' in xml


# -- init: what goes into the CI files and the pre-commit configuration as written -----------


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--planverk-repo", "https://x.example/p.git\n  evil: true\n#", "ingen adress"),
        ("--planverk-repo", "https://x.example/p.git # kommentar", "ingen adress"),
        ("--planverk-repo", "--upload-pack=touch /tmp/x", "ingen adress"),
        ("--planverk-rev", 'abc"\nx: 1', "ingen incheckning eller tagg"),
        ("--planverk-rev", "v1 ; rm", "ingen incheckning eller tagg"),
    ],
)
def test_init_refuses_what_would_break_or_inject_into_its_files(
    tmp_path: Path, option: str, value: str, says: str
) -> None:
    done = run(
        tmp_path, "init", "ny", "--planverk-repo=https://x.example/p.git", f"{option}={value}"
    )
    _swedish_error(done, says)
    assert not (tmp_path / "ny").exists()


def test_init_with_a_local_repository_and_a_tag_writes_files_that_parse(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    done = run(tmp_path, "init", "ny", "--planverk-repo", "../planverk", "--planverk-rev", "v1.2.0")
    assert done.returncode == 0, done.stderr
    config = YAML(typ="safe").load((tmp_path / "ny" / ".pre-commit-config.yaml").read_text("utf-8"))
    assert config["repos"][0]["repo"] == "../planverk"
    assert config["repos"][0]["rev"] == "v1.2.0"


# -- a template or dokumentmall that is there but no file: never the default without a word --


def _not_a_file(path: Path, how: str) -> None:
    path.unlink()
    if how == "folder":
        path.mkdir()
    elif how == "loop":
        os.symlink(path.name, path)
    else:
        os.symlink("saknas" + path.suffix, path)


@pytest.mark.parametrize("how", ["folder", "loop", "dangling"])
def test_a_template_that_is_no_file_is_an_error_not_the_default(shipped: Path, how: str) -> None:
    _not_a_file(shipped / TEMPLATE, how)
    done = run(shipped, "render", "2025", "-f", "md", "-o", "build/ap.md")
    _swedish_error(done, "aktivitetsplan.md.j2 kan inte läsas: det är ingen vanlig fil")
    assert not (shipped / "build" / "ap.md").exists()


@pytest.mark.parametrize("how", ["folder", "loop", "dangling"])
def test_a_dokumentmall_that_is_no_file_is_an_error_not_the_default(
    shipped: Path, how: str
) -> None:
    _not_a_file(shipped / "templates" / "dokumentmall.docx", how)
    done = run(shipped, "render", "2025", "-o", "build/ap.docx")
    _swedish_error(done, "dokumentmall.docx kan inte läsas: det är ingen vanlig fil")
    assert not (shipped / "build" / "ap.docx").exists()
    status = run(shipped, "status", "2025", "-f", "xlsx", "-o", "build/s.xlsx")
    assert status.returncode == 0, status.stderr  # what needs no dokumentmall still works
