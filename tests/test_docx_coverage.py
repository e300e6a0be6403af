"""The Word dossier carries the coverage matrix under Interview Preparation; the cheat sheet
opens with the must-haves nothing proves yet."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx

from prep_core.coverage import coverage
from prep_core.formats import export
from prep_core.model import Profile, Requirement, Story
from prep_core.writers.docx._cheatsheet import GAP_CHARS, GAPS_HEADING, MAX_GAPS
from prep_core.writers.docx._dossier import COVERAGE_HEADING

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _matrix(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert COVERAGE_HEADING in headings
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Requirement")
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_sample_dossier_has_the_matrix(sample_profile):
    story = Story(title="Cloud move", action="Moved the jobs to AWS", result="A third cheaper")
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


# --- the cheat sheet: uncovered must-haves at the top, short (issue 12) -------------------


def _cheatsheet(profile: Profile, stories=()) -> list[docx.text.paragraph.Paragraph]:
    data = export(profile, "docx", now=NOW, variant="cheatsheet", stories=stories)
    return docx.Document(io.BytesIO(data)).paragraphs


def _headings(paragraphs) -> list[str]:
    return [p.text for p in paragraphs if p.style.name == "Heading 1"]


def test_the_cheatsheet_opens_with_the_must_haves_to_prove(sample_profile):
    paragraphs = _cheatsheet(sample_profile)
    assert _headings(paragraphs)[0] == GAPS_HEADING
    start = [p.text for p in paragraphs].index(GAPS_HEADING)
    lines = [p.text for p in paragraphs[start + 1 :]]
    assert lines[0] == "Experience with cloud platforms such as AWS"
    assert paragraphs[start + 1].style.name == "List Bullet"
    assert paragraphs[start + 2].style.name.startswith("Heading")  # one line: the one gap


def test_a_proven_must_have_leaves_the_cheatsheet(sample_profile):
    story = Story(title="Cloud move", action="Moved the jobs to AWS", result="A third cheaper")
    assert GAPS_HEADING not in _headings(_cheatsheet(sample_profile, [story]))
    assert GAPS_HEADING not in _headings(_cheatsheet(Profile(company="Acme")))


def test_many_gaps_stay_short(sample_profile):
    long = "Experience with " + "very " * 40 + "large distributed Fortran systems"
    sample_profile.requirements = [
        Requirement(text=f"{long} number {n}", kind="must", terms=["Fortran"])
        for n in range(MAX_GAPS + 3)
    ]
    paragraphs = _cheatsheet(sample_profile)
    start = [p.text for p in paragraphs].index(GAPS_HEADING)
    lines = [p.text for p in paragraphs[start + 1 : start + MAX_GAPS + 2]]
    assert all(len(line) <= GAP_CHARS for line in lines)
    assert lines[0].endswith("…")
    assert lines[-1] == "and 3 more: see the Fit page"
    assert paragraphs[start + MAX_GAPS + 2].style.name.startswith("Heading")
