"""Time `planverk lsp` as an editor meets it, on the generated 10,000-activity plan set.

    .venv/bin/python bench/lsp.py              # 30 edits of each kind, figures printed
    .venv/bin/python bench/lsp.py --readme     # ... and written into bench/README.md

The server is started as an editor starts it (`planverk lsp --stdio`) and driven by pygls's
own LanguageClient over stdio. It is initialized on bench/corpus/scale-10000 (generated when
missing) with ``debounceMs: 0``, so a latency is the server's work alone: from the moment the
client sends ``textDocument/didChange`` to the moment it has read the
``textDocument/publishDiagnostics`` for that document version (parsing the changed file
again, checking the parts of the set it touches, converting and sending the findings). An
editor adds its pause before checking (250 ms by default) to that; a last row measures it
with that pause, to show that it adds only the pause.

Edits, in turn, in aktivitetsplan-2025.yaml (the largest file, 290 kB with 1,000 activities)
open in the editor: a word changed in one activity's text (no finding), a goal reference
broken (one PV101) and put right again. Then a goal id renamed in the VP 2025–2028 and back,
timed until the findings in the aktivitetsplaner (not open) arrive, and a line of one
handlingsplan changed. Memory is the server's resident set (VmRSS) and its peak (VmHWM)
from /proc, with the plan set loaded and after the edits.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/ is not a package)

README = BENCH / "README.md"
START, END = "<!-- lsp-table:start -->", "<!-- lsp-table:end -->"
TARGET = 0.150  # seconds, median, didChange to publishDiagnostics (issue 17)


@dataclass
class Recorder:
    """Every publishDiagnostics the client read, with when."""

    seen: list[tuple[float, types.PublishDiagnosticsParams]] = field(default_factory=list)
    event: asyncio.Event = field(default_factory=asyncio.Event)

    async def wait(self, uri: str, version: int | None, after: float, timeout: float = 60) -> float:
        """The time the first publication for ``uri`` (at ``version``) after ``after`` came."""
        deadline = time.monotonic() + timeout
        while True:
            for when, params in self.seen:
                if (
                    when >= after
                    and params.uri == uri
                    and (version is None or params.version == version)
                ):
                    return when
            if time.monotonic() > deadline:
                raise TimeoutError(f"inga fynd för {uri} version {version}")
            self.event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.event.wait(), timeout=1)


def cpu(pid: int) -> float:
    """Seconds the server's threads have run on a CPU (schedstat: nanoseconds, exact)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int((task / "schedstat").read_text().split()[0])
    return total / 1e9


def memory(pid: int) -> tuple[float, float]:
    """VmRSS and VmHWM of ``pid`` in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


class Session:
    def __init__(self, client: LanguageClient, recorder: Recorder, root: Path) -> None:
        self.client = client
        self.recorder = recorder
        self.root = root
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    def uri(self, relative: str) -> str:
        return (self.root / relative).resolve().as_uri()

    def open(self, relative: str) -> str:
        uri = self.uri(relative)
        text = (self.root / relative).read_text(encoding="utf-8")
        self.versions[uri], self.texts[uri] = 1, text
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "yaml", 1, text))
        )
        return uri

    def change(self, uri: str, old: str, new: str) -> tuple[float, int]:
        """Replace the first ``old`` with ``new`` (one incremental change); when it was sent."""
        text = self.texts[uri]
        offset = text.index(old)
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1)
        start = types.Position(line, len(text[offset - column : offset].encode("utf-16-le")) // 2)
        end_offset = offset + len(old)
        end_line = text.count("\n", 0, end_offset)
        end_column = end_offset - (text.rfind("\n", 0, end_offset) + 1)
        end = types.Position(
            end_line, len(text[end_offset - end_column : end_offset].encode("utf-16-le")) // 2
        )
        self.texts[uri] = text[:offset] + new + text[end_offset:]
        self.versions[uri] += 1
        sent = time.perf_counter()
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    version=self.versions[uri], uri=uri
                ),
                content_changes=[
                    types.TextDocumentContentChangePartial(types.Range(start, end), new)
                ],
            )
        )
        return sent, self.versions[uri]


async def run(root: Path, edits: int, debounce_ms: int) -> dict[str, object]:
    client = LanguageClient("planverk-bench", "1")
    recorder = Recorder()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        recorder.seen.append((time.perf_counter(), params))
        recorder.event.set()

    env = {k: v for k, v in os.environ.items() if k != "CI"}
    await client.start_io(
        sys.executable, "-m", "planverk", "lsp", "--stdio", cwd=str(root), env=env
    )
    assert client._server is not None  # pygls's handle on the process
    pid = client._server.pid
    result: dict[str, object] = {}
    try:
        started = time.perf_counter()
        await client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=root.as_uri(),
                initialization_options={"debounceMs": debounce_ms},
            )
        )
        client.initialized(types.InitializedParams())
        session = Session(client, recorder, root)
        ap = session.open("plans/aktivitetsplan-2025.yaml")
        await recorder.wait(ap, 1, started)
        result["load"] = time.perf_counter() - started
        result["memory_loaded"] = memory(pid)
        text = session.texts[ap]
        goal = re.search(r"(\n\s+mål: )(\S+)", text)
        words = re.findall(r"\n\s+text: (\S+) ", text)
        assert goal and words
        kinds: dict[str, list[float]] = {"text": [], "break": [], "fix": []}
        work: dict[str, list[float]] = {"text": [], "break": [], "fix": []}

        async def timed(kind: str, uri: str, old: str, new: str) -> None:
            before = cpu(pid)
            sent, version = session.change(uri, old, new)
            kinds[kind].append(await recorder.wait(uri, version, sent) - sent)
            work[kind].append(cpu(pid) - before)

        for index in range(edits):
            word = words[0]
            old, new = (f"text: {word} ", f"text: {word}x ")
            await timed("text", ap, *((old, new) if index % 2 == 0 else (new, old)))
            await timed("break", ap, goal.group(0), f"{goal.group(1)}trasig-{index}")
            await timed("fix", ap, f"{goal.group(1)}trasig-{index}", goal.group(0))
        vp = session.open("plans/verksamhetsplan-2025-2028.yaml")
        await recorder.wait(vp, 1, 0)
        goal_id = goal.group(2)
        renames: list[float] = []
        for index in range(max(3, edits // 5)):
            old, new = (f"id: {goal_id}\n", f"id: {goal_id}-{index}\n")
            sent, _ = session.change(vp, old, new)
            other = session.uri("plans/aktivitetsplan-2026.yaml")
            renames.append(await recorder.wait(other, None, sent) - sent)
            sent, _ = session.change(vp, new, old)
            renames.append(await recorder.wait(other, None, sent) - sent)
        kinds["vp"] = renames
        hp_path = sorted((root / "plans" / "handlingsplaner" / "2025").glob("*.yaml"))[0]
        hp = session.open(hp_path.relative_to(root).as_posix())
        await recorder.wait(hp, 1, 0)
        kinds["hp"], work["hp"] = [], []
        hp_words = re.findall(r"\n\s+text: (\S+) ", session.texts[hp])
        for index in range(edits):
            old, new = (f"text: {hp_words[0]} ", f"text: {hp_words[0]}y ")
            await timed("hp", hp, *((old, new) if index % 2 == 0 else (new, old)))
        result["kinds"] = kinds
        result["work"] = work
        result["memory_after"] = memory(pid)
        await client.shutdown_async(None)
        client.exit(None)
    finally:
        await asyncio.sleep(0.2)
        if client._server is not None and client._server.returncode is None:
            client._server.kill()
        await client.stop()
    return result


def ms(value: float) -> str:
    return f"{value * 1000:.0f}".replace(".", ",")


def mb(value: float) -> str:
    return f"{value:.0f}"


def table(quick: dict[str, object], paused: dict[str, object] | None, debounce_ms: int) -> str:
    kinds = quick["kinds"]
    assert isinstance(kinds, dict)
    labels = {
        "text": "ett ord i en aktivitets text (AP 2025, öppen)",
        "break": "en målhänvisning bryts (AP 2025: ett PV101)",
        "fix": "hänvisningen rättas (PV101 försvinner)",
        "vp": "ett mål byter id i VP 2025–2028, tills fynden i AP 2026 kommer",
        "hp": "ett ord i en åtgärds text (handlingsplan 2025, öppen)",
    }
    work = quick["work"]
    assert isinstance(work, dict)
    lines = [
        "| ändring (debounceMs 0) | median (ms) | min–max (ms) | serverns CPU, median (ms) "
        "| ändringar | mål |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for kind, label in labels.items():
        values = kinds[kind]
        median = statistics.median(values)
        goal = f"< {ms(TARGET)} ms {'✓' if median < TARGET else '✗'}" if kind != "vp" else ""
        spread = f"{ms(min(values))}–{ms(max(values))}"
        used = ms(statistics.median(work[kind])) if work.get(kind) else ""
        lines.append(f"| {label} | {ms(median)} | {spread} | {used} | {len(values)} | {goal} |")
    if paused is not None:
        pk = paused["kinds"]
        assert isinstance(pk, dict)
        values = pk["text"]
        lines.append(
            f"| ett ord i en aktivitets text, med editorns paus debounceMs {debounce_ms} | "
            f"{ms(statistics.median(values))} | {ms(min(values))}–{ms(max(values))} |  | "
            f"{len(values)} | pausen + arbetet |"
        )
    loaded = quick["memory_loaded"]
    after = quick["memory_after"]
    assert isinstance(loaded, tuple) and isinstance(after, tuple)
    lines.append("")
    lines.append(
        f"Servern med planmängden inläst (10 000 aktiviteter, 262 filer, 7,2 MB): "
        f"{mb(loaded[0])} MB minne (RSS); efter ändringarna {mb(after[0])} MB, högst "
        f"{mb(after[1])} MB. Från start till de första fynden för den öppnade filen: "
        f"{quick['load']:.2f} s.".replace(".", ",", 1)
    )
    return "\n".join(lines)


def machine() -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    load = ", ".join(f"{x:.2f}".replace(".", ",") for x in os.getloadavg())
    return (
        f"{dt.date.today().isoformat()}, {os.cpu_count()} kärnor, Python "
        f"{platform.python_version()}, planverk {commit}; belastning vid start {load}"
    )


def write_readme(text: str) -> None:
    content = README.read_text(encoding="utf-8")
    if START not in content or END not in content:
        print(f"{README}: hittar inte {START} … {END}; tabellen skrevs inte", file=sys.stderr)
        return
    head, rest = content.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--edits", type=int, default=30, help="edits of each kind (30)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--debounce", type=int, default=250, help="the editor's pause, ms (250)")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)
    root = generate.CORPUS / "scale-10000"
    if not (root / "plans").is_dir():
        print(generate.generate("scale", root, 10_000, args.seed), file=sys.stderr)
    started = machine()
    quick = asyncio.run(run(root.resolve(), args.edits, 0))
    paused = asyncio.run(run(root.resolve(), max(3, args.edits // 5), args.debounce))
    text = f"Mätt {started}.\n\n{table(quick, paused, args.debounce)}"
    print(text)
    if args.readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
