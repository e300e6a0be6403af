"""The Word dossier carries the coverage matrix under Interview Preparation."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx

from prep_core.coverage import coverage
from prep_core.formats import export
from prep_core.model import Profile, Story
from prep_core.writers.docx._dossier import COVERAGE_HEADING

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _matrix(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert COVERAGE_HEADING in headings
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Requirement")
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_sample_dossier_has_the_matrix(sample_profile):
    story = Story(title="Cloud move", action="Moved the jobs to AWS")
    rows = _matrix(export(sample_profile, "docx", now=NOW, stories=[story]))
    report = coverage(sample_profile, [story])
    assert rows[0] == ["Requirement", "Kind", "Skills row", "Story", "Answer", "Words"]
    assert [r[0] for r in rows[1:]] == [r.text for r in report.requirements]
    aws = next(r for r in rows if r[0].endswith("such as AWS"))
    assert aws[1:] == ["Must-have", "—", "yes", "—", "—"]


def test_no_posting_no_matrix():
    data = export(Profile(company="Acme"), "docx", now=NOW)
    document = docx.Document(io.BytesIO(data))
    assert COVERAGE_HEADING not in [p.text for p in document.paragraphs]
