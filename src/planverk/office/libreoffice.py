"""LibreOffice, headless, in a private folder: the one place planverk runs it.

Each run gets its own temporary LibreOffice profile (-env:UserInstallation), so parallel
runs and CI jobs do not fight over one profile, and a time limit, so a hung soffice cannot
hang planverk.

``--convert-to pdf`` prints a table of contents as the .docx holds it, without page numbers
(only Word or LibreOffice can lay out pages). So the profile gets a small Basic macro that
opens the document, updates its indexes and fields, and exports the PDF; should that fail,
the plain ``--convert-to pdf`` is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from planverk.core.errors import UserError
from planverk.core.oserrors import read_reason

TIMEOUT_SECONDS = 180


class LibreOfficeError(UserError):
    """LibreOffice is missing, timed out or failed; the message says which."""


PACKAGE = "libreoffice-writer-nogui"


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">
Sub PlanverkPdf(sIn As String, sOut As String)
    Dim aLoad(0) As New com.sun.star.beans.PropertyValue
    aLoad(0).Name = &quot;Hidden&quot;
    aLoad(0).Value = True
    oDoc = StarDesktop.loadComponentFromURL(sIn, &quot;_blank&quot;, 0, aLoad())
    oIndexes = oDoc.getDocumentIndexes()
    For i = 0 To oIndexes.getCount() - 1
        oIndexes.getByIndex(i).update()
    Next i
    oDoc.getTextFields().refresh()
    Dim aStore(0) As New com.sun.star.beans.PropertyValue
    aStore(0).Name = &quot;FilterName&quot;
    aStore(0).Value = &quot;writer_pdf_Export&quot;
    oDoc.storeToURL(sOut, aStore())
    oDoc.close(True)
End Sub
</script:module>
"""


def _run(command: list[str], work: Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            command,
            capture_output=True,
            timeout=timeout,
            env=dict(os.environ, HOME=str(work)),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LibreOfficeError(
            f"LibreOffice blev inte klart med PDF:en på {int(timeout)} sekunder",
            "Försök igen; skriv annars .docx och spara som PDF i Word.",
        ) from None
    except OSError as err:
        raise LibreOfficeError(
            f"LibreOffice kunde inte startas: {read_reason(err)[0]}",
            "Installera LibreOffice (paketet libreoffice-writer-nogui), eller skriv .docx.",
        ) from None


def _with_updated_indexes(
    program: str, work: Path, source: Path, target: Path, timeout: float
) -> bool:
    """Export through the macro; False when the profile or the macro did not work out."""
    profile = work / "profil"
    base = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    _run([*base, "--terminate_after_init"], work, timeout)  # creates the profile
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.parent.is_dir():
        return False
    module.write_text(MACRO, encoding="utf-8")
    call = f'macro:///Standard.Module1.PlanverkPdf("{source.as_uri()}","{target.as_uri()}")'
    _run([*base, call], work, timeout)
    return target.is_file() and target.stat().st_size > 0


def docx_to_pdf(docx: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert .docx bytes to PDF bytes with LibreOffice."""
    program = soffice()
    if program is None:
        raise LibreOfficeError(
            "PDF kräver LibreOffice (soffice), som inte är installerat",
            f"Installera det, t.ex. `sudo apt-get install {PACKAGE}`, eller skriv .docx och "
            "spara som PDF i Word.",
        )
    with tempfile.TemporaryDirectory(prefix="planverk-pdf-") as folder:
        work = Path(folder)
        source = work / "dokument.docx"
        source.write_bytes(docx)
        target = work / "dokument.pdf"
        if _with_updated_indexes(program, work, source, target, timeout):
            return target.read_bytes()
        profile = (work / "profil-2").as_uri()
        result = _run(
            [
                program,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(work),
                str(source),
            ],
            work,
            timeout,
        )
        if result.returncode != 0 or not target.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
            raise LibreOfficeError(
                f"LibreOffice kunde inte göra PDF (slutstatus {result.returncode})"
                + (f": {detail[-300:]}" if detail else ""),
                "Öppna .docx-filen i LibreOffice eller Word för att se vad som är fel.",
            )
        return target.read_bytes()
