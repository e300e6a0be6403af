"""The cheat sheet: the facts and lines to glance at just before the interview, on two pages.

Compact type and margins, key facts in a two-pair-per-row table, lists run inline where they are
short. Nothing is cut: empty parts say so in one short line instead of disappearing. The job
posting's must-haves nothing proves yet come first, short (issue 12: gaps drive the rest).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from prep_core.model import Profile
from prep_core.sections import get_section, skill_rows_with_a_point
from prep_core.writers.docx._builder import Builder, Label, format_date
from prep_core.writers.docx._content import table_header, table_rows, weak_questions
from prep_core.writers.docx._theme import CHEATSHEET

if TYPE_CHECKING:
    from prep_core.insight import Insight

NOT_YET = "Not filled in yet."
FACT_WIDTHS_CM = (3.0, 6.2, 3.0, 6.2)  # 18.4 cm: A4 between 1.3 cm margins
SKILL_WIDTHS_CM = (4.2, 5.4, 8.8)
GAPS_HEADING = "Must-haves to prove"
MAX_GAPS = 4  # the sheet stays on two pages; the Fit page lists the rest
GAP_CHARS = 110


def build_cheatsheet(profile: Profile, now: datetime, insight: Insight) -> Builder:
    """The cheat sheet of ``profile`` as a document under construction (``insight``: its
    analysis, for the must-haves nothing proves yet)."""
    b = Builder(CHEATSHEET)
    _header(b, profile, now)
    _gaps(b, profile, insight)
    _key_facts(b, profile)
    _mission(b, profile)
    prep = get_section("prep")
    _part(b, "Talking points", prep.field("talking_points").present_in(profile), b.bullets)
    _part(
        b,
        "Keywords to emphasise",
        prep.field("keywords").present_in(profile),
        lambda items: b.paragraph("Normal", "  ·  ".join(items)),
    )
    skills = prep.field("skill_map")
    _part(
        b,
        "Skills to requirements",
        skill_rows_with_a_point(profile.prep.skill_map) or None,  # a row with no point: no line
        lambda rows: b.table(table_header(skills), table_rows(skills, rows), SKILL_WIDTHS_CM),
    )
    questions = prep.field("questions").present_in(profile) or []
    if weak := weak_questions(questions):  # only once practice found some: nothing to say else
        _part(b, "Questions to rehearse", weak, b.bullets)
    _part(b, "Questions to ask", prep.field("questions_to_ask").present_in(profile), b.bullets)
    b.footer(f"{profile.title} · cheat sheet")
    return b


def _header(b: Builder, profile: Profile, now: datetime) -> None:
    b.paragraph("Title", profile.title)
    line = b.paragraph("Subtitle")
    interview = format_date(profile.interview_date) if profile.interview_date else "not set yet"
    b.run(line, "Interview: ", bold=True)
    b.run(line, interview)
    if profile.job_ref:
        b.run(line, "   ·   Job reference: ", bold=True)
        b.run(line, profile.job_ref)
    b.run(line, f"   ·   generated {format_date(now.date())}")


def _gaps(b: Builder, profile: Profile, insight: Insight) -> None:
    """The must-haves no skills row, story or drafted answer proves yet, one short line each;
    nothing at all when every must-have is proven (or there is no posting)."""
    if not profile.job_posting.strip() and not profile.requirements:
        return
    missing = insight.coverage.uncovered_musts()
    if not missing:
        return
    b.heading(GAPS_HEADING, 1)
    lines = [_short(row.text) for row in missing[:MAX_GAPS]]
    if len(missing) > MAX_GAPS:
        lines.append(f"and {len(missing) - MAX_GAPS} more: see the Fit page")
    b.bullets(lines)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= GAP_CHARS else text[: GAP_CHARS - 1].rstrip() + "…"


def _key_facts(b: Builder, profile: Profile) -> None:
    facts = [(spec.label, spec.present_in(profile)) for spec in get_section("overview").fields]
    tech = get_section("tech_stack")
    for name in ("languages", "frameworks", "cloud"):
        facts.append((tech.field(name).label, tech.field(name).present_in(profile)))
    facts.append(("Competitors", get_section("competitors").field("direct").present_in(profile)))
    pairs = [(label, ", ".join(v) if isinstance(v, list) else v) for label, v in facts if v]
    b.heading("Key facts", 1)
    if not pairs:
        b.paragraph("Placeholder", NOT_YET)
        return
    if len(pairs) % 2:
        pairs.append(("", ""))
    rows = [
        (Label(a), va, Label(c), vc)
        for (a, va), (c, vc) in zip(pairs[::2], pairs[1::2], strict=True)
    ]
    b.table((), rows, FACT_WIDTHS_CM, borders=False)


def _mission(b: Builder, profile: Profile) -> None:
    mission = get_section("mission")
    statement, values, culture = (
        mission.field(name).present_in(profile) for name in ("statement", "core_values", "culture")
    )
    b.heading("Mission and values", 1)
    if not (statement or values or culture):
        b.paragraph("Placeholder", NOT_YET)
    if statement:
        b.fact("Mission", statement)
    if values:
        b.fact("Values", "  ·  ".join(values))
    if culture:
        b.fact("Culture", culture)


def _part(b: Builder, title: str, value, render) -> None:
    b.heading(title, 1)
    if value is None:
        b.paragraph("Placeholder", NOT_YET)
    else:
        render(value)
