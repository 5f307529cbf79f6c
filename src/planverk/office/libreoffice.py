"""LibreOffice, headless, in a private folder: the one place planverk runs it.

Each run gets its own folder ``planverk-pdf-*`` in the temporary directory, holding a
LibreOffice profile (-env:UserInstallation, so parallel runs and CI jobs do not fight over one
profile) and the files converted. LibreOffice runs in a process group of its own
(``start_new_session``): on a time limit, Ctrl+C or SIGTERM the whole group is ended
(soffice is a shell script that starts oosplash, which starts soffice.bin), so no LibreOffice
outlives planverk. A folder left behind by a run that was killed outright (SIGKILL, power) is
removed by a later run: only folders older than :data:`STALE_AFTER` seconds whose lock no
living process holds.

Conversions are plain ``--convert-to`` runs with the PDF export's filter options as JSON
(LibreOffice 7.4 and later): tagged PDF for PDF/UA, bookmarks from the headings, and Word's
bookmarks as named destinations (which is how :mod:`planverk.render.pagination` learns on
which page each heading landed).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import IO, Any

from planverk.core.errors import UserError
from planverk.core.oserrors import read_reason

PACKAGE = "libreoffice-writer-nogui"
PREFIX = "planverk-pdf-"
LOCK = ".planverk-lock"
STALE_AFTER = 6 * 3600  # a folder this old whose lock is free belongs to a run that died
TIMEOUT_ENV = "PLANVERK_TIDSGRANS"
MIN_TIMEOUT = 120.0  # seconds: LibreOffice's start, a new profile, a short document
SECONDS_PER_MB = 120.0  # of document XML: the 5 000-row handlingsplan takes minutes

# The PDF export's options (filter data of writer_pdf_Export).
PDF_UA: Mapping[str, bool] = {
    "UseTaggedPDF": True,  # structure tree: headings, lists, tables with header cells, figures
    "PDFUACompliance": True,  # PDF/UA-1 identification and its checks in LibreOffice
    "ExportBookmarks": True,  # the outline (bookmarks panel) from the headings
    "ExportBookmarksToPDFDestination": True,  # Word bookmarks as named destinations
    "UseLosslessCompression": False,
}
# What a layout pass needs: where each Word bookmark landed (the page numbers for the table
# of contents). Untagged, the PDF of a 377-page document is 1,7 MB instead of 15 MB and
# 2 s quicker to write, and much quicker to read back; the pages are the same.
LAYOUT: Mapping[str, bool] = {"ExportBookmarksToPDFDestination": True}


class LibreOfficeError(UserError):
    """LibreOffice is missing, timed out or failed; the message says which."""


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing_error() -> LibreOfficeError:
    return LibreOfficeError(
        "PDF kräver LibreOffice (soffice), som inte är installerat",
        f"Installera det, t.ex. `sudo apt-get install {PACKAGE}`, eller skriv .docx och "
        "spara som PDF i Word.",
    )


def timeout_for(document_bytes: int, given: float | None = None) -> float:
    """The time limit of one conversion: ``given`` (``--tidsgräns``), else the environment's
    PLANVERK_TIDSGRANS, else one that grows with the document (its XML's size in bytes)."""
    if given is not None:
        return given
    text = os.environ.get(TIMEOUT_ENV, "").strip()
    if text:
        try:
            value = float(text)
        except ValueError:
            raise LibreOfficeError(
                f"{TIMEOUT_ENV}={text!r} är inget antal sekunder", "Ange t.ex. 600."
            ) from None
        if value > 0:
            return value
    return MIN_TIMEOUT + SECONDS_PER_MB * document_bytes / 1_000_000


# -- stale folders ------------------------------------------------------------------------


def _lock(path: Path) -> IO[bytes] | None:
    """An exclusive lock on ``path`` held by the returned file (None where locks do not exist);
    it ends when the file is closed or the process dies, however it dies."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    handle = path.open("ab")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise
    return handle


def clean_stale(folder: Path | None = None, *, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove the ``planverk-pdf-*`` folders of runs that died: older than ``older_than``
    seconds, this user's, not a symbolic link, and with no process holding their lock. The
    folders removed (errors are ignored: it is housekeeping)."""
    base = folder or Path(tempfile.gettempdir())
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = sorted(base.glob(PREFIX + "*"))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for candidate in candidates:
        try:
            info = candidate.lstat()
        except OSError:
            continue
        import stat

        if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid):
            continue
        if now - info.st_mtime < older_than:
            continue
        lock_file = candidate / LOCK
        holder: IO[bytes] | None = None
        try:
            if lock_file.exists():
                holder = _lock(lock_file)
        except OSError:
            continue  # a living run holds it
        try:
            shutil.rmtree(candidate, ignore_errors=True)
        finally:
            if holder is not None:
                holder.close()
        if not candidate.exists():
            removed.append(candidate)
    return removed


# -- running soffice ----------------------------------------------------------------------


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice's whole process group: SIGTERM, then SIGKILL after a grace period."""
    try:
        group = os.getpgid(process.pid)
    except OSError:
        group = process.pid
    for sig, grace in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(OSError):
            os.killpg(group, sig)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; children of the group may linger a moment.
        with contextlib.suppress(OSError):
            os.killpg(group, signal.SIGKILL)
        return


class _Interrupted(BaseException):
    """SIGTERM or SIGHUP while LibreOffice runs: end it, then end planverk."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _signals_end_the_group() -> Iterator[None]:
    """While LibreOffice runs, SIGTERM and SIGHUP raise (so the group is ended) instead of
    ending planverk on the spot. Only in the main thread, where Python delivers signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        raise _Interrupted(signum)

    previous: dict[int, Any] = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            previous[sig] = signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run(command: list[str], *, home: Path, timeout: float) -> tuple[int, bytes]:
    """Run a LibreOffice command in its own process group; its exit code and output. On the
    time limit, Ctrl+C or SIGTERM the whole group is ended (and the error raised again)."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, HOME=str(home)),
            start_new_session=True,
        )
    except OSError as err:
        raise LibreOfficeError(
            f"LibreOffice kunde inte startas: {read_reason(err)[0]}",
            f"Kontrollera installationen ({PACKAGE}).",
        ) from None
    try:
        with _signals_end_the_group():
            output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end_group(process)
        raise LibreOfficeError(
            f"LibreOffice blev inte klart på {int(timeout)} sekunder och avbröts",
            f"Ge mer tid med --tidsgräns SEKUNDER (eller {TIMEOUT_ENV}), eller skriv .docx "
            "och spara som PDF i Word.",
        ) from None
    except _Interrupted as stop:
        _end_group(process)
        raise SystemExit(128 + stop.signum) from None  # the temporary folder goes on the way
    except BaseException:  # Ctrl+C (KeyboardInterrupt) and anything else: no orphans
        _end_group(process)
        raise
    finally:
        if process.poll() is None:  # pragma: no cover - defensive
            _end_group(process)
    # soffice.bin may leave helpers (javaldx, oosplash) behind in its group.
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, output or b""


class Session:
    """One run's private LibreOffice: a folder in TMPDIR with its profile, locked while in use.
    Use as a context manager; every conversion of one render shares the profile (only the
    first start creates it)."""

    def __init__(self, program: str) -> None:
        self.program = program
        clean_stale()
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX))
        self._lock = _lock(self.folder / LOCK)
        self._count = 0

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def convert(
        self,
        data: bytes,
        *,
        suffix: str = "docx",
        options: Mapping[str, bool | int | str] | None = None,
        timeout: float | None = None,
    ) -> bytes:
        """``data`` (a .docx, .xlsx, .pptx, ... as ``suffix`` says) as PDF bytes."""
        self._count += 1
        name = f"dokument-{self._count}"
        source = self.folder / f"{name}.{suffix}"
        target = self.folder / f"{name}.pdf"
        source.write_bytes(data)
        limit = timeout_for(_unpacked_size(data), timeout)
        profile = (self.folder / "profil").as_uri()
        export = "pdf:writer_pdf_Export" if suffix in ("docx", "odt", "rtf") else "pdf"
        if options:
            export += ":" + json.dumps(
                {key: {"type": _uno_type(v), "value": _uno_value(v)} for key, v in options.items()}
            )
        command = [
            self.program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nologo",
            "--convert-to",
            export,
            "--outdir",
            str(self.folder),
            str(source),
        ]
        code, output = run(command, home=self.folder, timeout=limit)
        try:
            if code != 0 or not target.is_file() or target.stat().st_size == 0:
                detail = output.decode("utf-8", "replace").strip()
                raise LibreOfficeError(
                    f"LibreOffice kunde inte göra PDF (slutstatus {code})"
                    + (f": {detail[-300:]}" if detail else ""),
                    "Öppna .docx-filen i LibreOffice eller Word för att se vad som är fel.",
                )
            return target.read_bytes()
        finally:
            for path in (source, target):
                with contextlib.suppress(OSError):
                    path.unlink()


def _unpacked_size(data: bytes) -> int:
    """The size of an Office file's XML unzipped (what LibreOffice's layout work grows with)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError):
        return len(data)


def _uno_type(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    return "string"


def _uno_value(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def session() -> Session:
    """A LibreOffice session, or LibreOfficeError naming the package when it is missing."""
    program = soffice()
    if program is None:
        raise missing_error()
    return Session(program)


def docx_to_pdf(
    docx: bytes,
    *,
    timeout: float | None = None,
    options: Mapping[str, bool | int | str] | None = PDF_UA,
) -> bytes:
    """Convert .docx bytes to (tagged) PDF bytes with LibreOffice, as the file holds it."""
    with session() as office:
        return office.convert(docx, options=options, timeout=timeout)
