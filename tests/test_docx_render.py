"""The Word export rendered by LibreOffice: it opens, and the cheat sheet fits on two pages.

One ``soffice`` run converts every document (starting LibreOffice dominates the cost), with a
private user profile so parallel or CI runs never share one.
"""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prep_core.model import Attempt, Profile, Requirement
from tests.builders import hostile_profile
from tests.builders import write_docx as write
from tests.conftest import require_executable

pytestmark = pytest.mark.render

CONVERT_TIMEOUT_S = 180


def _pages(pdfinfo: str, pdf: Path) -> int:
    out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE).group(1))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, _sample_json) -> dict[str, int]:
    """Page counts of the sample's dossier and cheat sheets (as shipped, and with every
    question weak in practice and nine long must-haves to prove), and of the hostile dossier."""
    soffice = require_executable("soffice", "libreoffice")
    pdfinfo = require_executable("pdfinfo")
    tmp = tmp_path_factory.mktemp("render")
    now = datetime(2026, 11, 27, 14, 2, 11, tzinfo=UTC)
    sample = Profile.model_validate_json(_sample_json)
    practised = Profile.model_validate_json(_sample_json)
    for question in practised.prep.questions:  # the longest cheat sheet: every question weak
        question.attempts = [Attempt(text="Um.", rating=1)]
    long = "Experience running very large distributed Fortran systems in production " * 3
    practised.requirements = [  # ... and more must-haves to prove than the sheet lists
        Requirement(text=f"{long}({n})", kind="must", terms=["Fortran"]) for n in range(9)
    ]
    documents = {
        "dossier": write(sample, now=now),
        "cheatsheet": write(sample, now=now, variant="cheatsheet"),
        "practised": write(practised, now=now, variant="cheatsheet"),
        "hostile": write(hostile_profile(), now=now),
    }
    for name, data in documents.items():
        (tmp / f"{name}.docx").write_bytes(data)
    command = [
        soffice,
        f"-env:UserInstallation=file://{tmp}/lo-profile",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp),
        *(str(tmp / f"{name}.docx") for name in documents),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
    assert result.returncode == 0, result.stderr
    missing = [name for name in documents if not (tmp / f"{name}.pdf").exists()]
    assert missing == [], f"LibreOffice made no PDF for {missing}: {result.stdout}{result.stderr}"
    return {name: _pages(pdfinfo, tmp / f"{name}.pdf") for name in documents}


def test_sample_cheatsheet_fits_on_two_pages(rendered):
    assert 1 <= rendered["cheatsheet"] <= 2


def test_sample_cheatsheet_with_every_question_weak_still_fits_on_two_pages(rendered):
    assert 1 <= rendered["practised"] <= 2


def test_sample_dossier_renders_to_several_pages(rendered):
    assert rendered["dossier"] > 2


def test_hostile_dossier_renders(rendered):
    # 50,000 characters in one field wrap onto many lines but must not break the layout
    assert rendered["hostile"] >= 2
