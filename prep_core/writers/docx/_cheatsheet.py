"""The cheat sheet: the facts and lines to glance at just before the interview, on two pages.

Compact type and margins, key facts in a two-pair-per-row table, lists run inline where they are
short. Nothing is cut: empty parts say so in one short line instead of disappearing.
"""

from __future__ import annotations

from datetime import datetime

from prep_core.model import Profile
from prep_core.sections import SECTION_BY_KEY
from prep_core.writers.docx._builder import Builder, format_date
from prep_core.writers.docx._content import present, table_header, table_rows
from prep_core.writers.docx._table import Label
from prep_core.writers.docx._theme import CHEATSHEET

NOT_YET = "Not filled in yet."
FACT_WIDTHS_CM = (3.0, 6.2, 3.0, 6.2)  # 18.4 cm: A4 between 1.3 cm margins
SKILL_WIDTHS_CM = (4.2, 5.4, 8.8)


def build_cheatsheet(profile: Profile, now: datetime) -> Builder:
    """The cheat sheet of ``profile`` as a document under construction."""
    b = Builder(CHEATSHEET)
    _header(b, profile, now)
    _key_facts(b, profile)
    _mission(b, profile)
    prep = SECTION_BY_KEY["prep"]
    talking, keywords, skills, _questions, to_ask = prep.fields
    _part(b, "Talking points", present(talking, profile), b.bullets)
    _part(
        b,
        "Keywords to emphasise",
        present(keywords, profile),
        lambda items: b.paragraph("Normal", "  ·  ".join(items)),
    )
    _part(
        b,
        "Skills to requirements",
        present(skills, profile),
        lambda rows: b.table(table_header(skills), table_rows(skills, rows), SKILL_WIDTHS_CM),
    )
    _part(b, "Questions to ask", present(to_ask, profile), b.bullets)
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


def _key_facts(b: Builder, profile: Profile) -> None:
    facts = [(spec.label, present(spec, profile)) for spec in SECTION_BY_KEY["overview"].fields]
    for spec in SECTION_BY_KEY["tech_stack"].fields[:3]:
        facts.append((spec.label, present(spec, profile)))
    facts.append(("Competitors", present(SECTION_BY_KEY["competitors"].fields[0], profile)))
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
    statement, values, culture = (
        present(spec, profile) for spec in SECTION_BY_KEY["mission"].fields
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
