"""Render one Word file with LibreOffice and count its pages (for tests outside the render
module, which converts its documents in one batch)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.conftest import require_executable

CONVERT_TIMEOUT_S = 180


def render_pages(docx: Path) -> int:
    """The page count of ``docx`` as LibreOffice lays it out (a PDF next to it)."""
    soffice = require_executable("soffice", "libreoffice")
    pdfinfo = require_executable("pdfinfo")
    folder = docx.parent
    command = [
        soffice,
        f"-env:UserInstallation=file://{folder}/lo-profile",  # private: parallel runs
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(docx),
    ]
    subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=True)
    out = subprocess.run(
        [pdfinfo, str(docx.with_suffix(".pdf"))], capture_output=True, text=True, check=True
    ).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE)[1])
