"""The dossier: every section of the profile, in the registry's order, to read and print.

Layout: a title block, a table of contents, one Heading 1 per section (Heading 2 per ``###``
subsection), then a "Still to research" checklist of everything empty. A section with nothing
filled still shows its heading, so the outline always matches the registry.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from prep_core.model import ExtraSection, Profile
from prep_core.sections import BASICS, SECTIONS, FieldSpec, Section, all_fields
from prep_core.writers.docx._builder import Builder, format_date
from prep_core.writers.docx._content import (
    PRACTICE_HEADER,
    practice_rows,
    still_to_research,
    table_header,
    table_rows,
    yes_no,
)
from prep_core.writers.docx._rounds import ROUNDS_TITLE, rounds_part
from prep_core.writers.docx._theme import DOSSIER

if TYPE_CHECKING:
    from prep_core.insight import Insight

STILL_TO_RESEARCH = "Still to research"
NOTHING_YET = "Nothing here yet — see Still to research."
NOT_DRAFTED = "Answer not drafted yet."
SKILL_WIDTHS_CM = (4.4, 5.0, 7.2)  # 16.6 cm: the A4 text width between 2.2 cm margins
PRACTICE_WIDTHS_CM = (9.4, 2.2, 2.4, 2.6)
PRACTICE_LOG = "Practice log"
APPENDED = tuple(spec for _, spec in all_fields() if spec.shown_under)


def build_dossier(profile: Profile, now: datetime, insight: Insight) -> Builder:
    """The whole dossier of ``profile`` as a document under construction (``insight``: its
    analysis, for the coverage matrix and the fields still empty)."""
    b = Builder(DOSSIER)
    _title_block(b, profile, now)
    for extra in profile.extra_sections:
        if _home_of(extra) is BASICS:
            if extra.title:
                b.heading(extra.title, 2)
            _extra_body(b, extra)
    _contents(b, outline(profile))
    for section in SECTIONS:
        if section is not BASICS:
            _section(b, profile, section)
            if section.key == "prep":
                _coverage(b, insight)
    for extra in profile.extra_sections:
        if _home_of(extra) is None:
            b.heading(extra.title or "Notes", 1)
            _extra_body(b, extra)
    rounds_part(b, profile)
    _checklist(b, insight)
    b.footer(profile.title)
    return b


def outline(profile: Profile) -> list[str]:
    """The Heading 1 texts of the dossier, in order: what the navigation pane shows."""
    extras = [e.title or "Notes" for e in profile.extra_sections if _home_of(e) is None]
    rounds = [ROUNDS_TITLE] if profile.rounds else []
    return [s.title for s in SECTIONS if s is not BASICS] + extras + rounds + [STILL_TO_RESEARCH]


def _title_block(b: Builder, profile: Profile, now: datetime) -> None:
    b.paragraph("Title", profile.company or "Company profile")
    b.paragraph("Subtitle", profile.role_title or "Interview preparation dossier")
    meta = b.paragraph("Meta")
    parts = []
    if profile.job_ref:
        parts.append(("Job reference", profile.job_ref))
    interview = format_date(profile.interview_date) if profile.interview_date else "not set yet"
    parts.append(("Interview", interview))
    parts.append(("Generated", format_date(now.date())))
    for index, (label, value) in enumerate(parts):
        b.run(meta, ("   ·   " if index else "") + f"{label}: ", bold=True)
        b.run(meta, value)


def _contents(b: Builder, titles: list[str]) -> None:
    """A TOC field whose stored result lists the sections, so it reads well before Word
    updates it (LibreOffice and python-docx never compute page numbers)."""
    b.paragraph("TOC Heading", "Contents")
    first = b.paragraph("Contents")
    b.field_start(first, 'TOC \\o "1-2" \\h \\z \\u')
    b.run(first, titles[0])
    last = first
    for title in titles[1:]:
        last = b.paragraph("Contents", title)
    b.field_end(last)


def _section(b: Builder, profile: Profile, section: Section) -> None:
    b.heading(section.title, 1)
    extras = [e for e in profile.extra_sections if _home_of(e) is section]
    filled = {spec.path: spec.present_in(profile) for spec in section.fields}
    appended = [(s, s.present_in(profile)) for s in APPENDED if s.shown_under == section.key]
    appended = [(spec, value) for spec, value in appended if value is not None]
    if not any(v is not None for v in filled.values()) and not extras and not appended:
        b.paragraph("Placeholder", NOTHING_YET)
        return
    current_heading = ""
    for spec in section.fields:
        if spec.heading and spec.heading != current_heading:
            current_heading = spec.heading
            b.heading(spec.heading, 2)
            if not any(
                filled[s.path] is not None for s in section.fields if s.heading == current_heading
            ):
                b.paragraph("Placeholder", NOTHING_YET)
        value = filled[spec.path]
        if value is not None:
            _field(b, spec, value)
    for spec, value in appended:  # the job posting, after the role it describes
        b.heading(f"The {spec.label.lower()}", 2)
        for part in value.split("\n\n"):
            b.paragraph("Normal", part)
    for extra in extras:
        b.heading(extra.title or "More notes", 2)
        _extra_body(b, extra)


COVERAGE_HEADING = "Fit: the posting's requirements"
COVERAGE_WIDTHS_CM = (6.6, 2.4, 1.9, 1.9, 1.9, 1.9)  # 16.6 cm
_KINDS = {"must": "Must-have", "nice": "Nice to have", "responsibility": "Responsibility"}


def _coverage(b: Builder, insight: Insight) -> None:
    """The coverage matrix as a table: one row per requirement, what proves it."""
    report = insight.coverage
    if not report.requirements:
        return
    b.heading(COVERAGE_HEADING, 2)
    b.paragraph("Meta", f"Must-haves covered: {report.must_covered} of {report.must_total}")
    mark = {True: "yes", False: "—"}
    rows = [
        (
            row.text,
            _KINDS[row.kind],
            mark[bool(row.skills)],
            mark[bool(row.stories)],
            mark[bool(row.answers)],
            mark[row.in_talking_points],
        )
        for row in report.requirements
    ]
    header = ("Requirement", "Kind", "Skills row", "Story", "Answer", "Words")
    b.table(header, rows, COVERAGE_WIDTHS_CM)
    b.paragraph("Meta")


def _field(b: Builder, spec: FieldSpec, value) -> None:
    kind = spec.kind
    if kind in ("line", "text"):
        b.fact(spec.label, value)
    elif kind == "date":
        b.fact(spec.label, format_date(value))
    elif kind == "yesno":
        b.fact(spec.label, yes_no(value))
    elif kind == "inline_list":
        b.fact(spec.label, ", ".join(value))
    elif kind == "list":
        if not spec.bare:
            b.keep_with_next(b.paragraph("Fact", spec.label, bold=True))
        b.bullets(value)
    elif kind == "news":
        _news(b, value)
    elif kind == "skills":
        b.table(table_header(spec), table_rows(spec, value), SKILL_WIDTHS_CM)
        b.paragraph("Meta")  # breathing room: Word glues a following paragraph to the table
    elif kind == "questions":
        _questions(b, value)
        _practice_log(b, value)
    elif kind == "sources":
        _sources(b, value)


def _news(b: Builder, items) -> None:
    for item in items:
        p = b.paragraph("List Bullet")
        if item.date:
            b.run(p, f"{item.date}: ", bold=True)
        b.run(p, item.text)
        if item.url:
            b.run(p, "  " if item.text else "")
            b.hyperlink(p, "source" if item.text else item.url, item.url)


def _questions(b: Builder, questions) -> None:
    for number, question in enumerate(questions, 1):
        b.paragraph("Question", f"Q{number}.\t{question.text}")
        meta = [question.category.capitalize()] if question.category else []
        if question.confidence is not None:
            meta.append(f"Confidence {question.confidence}/5")
        if meta:
            b.paragraph("Question Meta", "  ·  ".join(meta))
        if question.answer:
            for part in question.answer.split("\n\n"):
                b.paragraph("Answer", part)
        else:
            b.paragraph("Answer", NOT_DRAFTED, italic=True)


def _practice_log(b: Builder, questions) -> None:
    """Per practised question: attempts, last rating, weak or not (nothing if none practised)."""
    rows = practice_rows(questions)
    if not rows:
        return
    b.keep_with_next(b.paragraph("Fact", PRACTICE_LOG, bold=True))
    b.table(PRACTICE_HEADER, rows, PRACTICE_WIDTHS_CM)
    b.paragraph("Meta")  # breathing room: Word glues a following paragraph to the table


def _sources(b: Builder, sources) -> None:
    for source in sources:
        p = b.paragraph("List Bullet")
        if source.url:
            b.hyperlink(p, source.title or source.url, source.url)
        else:
            b.run(p, source.title)


def _extra_body(b: Builder, extra: ExtraSection) -> None:
    """Text the template has no place for, as written: one paragraph per blank-line block."""
    for part in extra.body.split("\n\n"):
        if part.strip():
            b.paragraph("Normal", part)


def _home_of(extra: ExtraSection) -> Section | None:
    """The section an extra belongs in (by key or title), or None for a section of its own.

    Text found under the title line (parent "basics") follows the title block.
    """
    parent = extra.parent.strip()
    if not parent:
        return None
    for section in SECTIONS:
        if parent in (section.key, section.title):
            return section
    return None  # a parent nobody knows: shown as a section of its own, never dropped


def _checklist(b: Builder, insight: Insight) -> None:
    b.heading(STILL_TO_RESEARCH, 1)
    groups = still_to_research(insight)
    if not groups:
        b.paragraph("Normal", "Everything in the template is filled in.")
        return
    count = sum(len(specs) for _, specs in groups)
    b.paragraph(
        "Meta",
        f"{count} field{'s' if count != 1 else ''} still empty. Tick them off as you research.",
    )
    for section, specs in groups:
        b.paragraph("Group", section.title)
        for spec in specs:
            p = b.paragraph("Checklist")  # a hanging indent keeps wrapped lines under the text
            b.run(p, "☐\t")
            b.run(p, spec.label, bold=True)
            b.run(p, f" — {spec.hint}", italic=True)
