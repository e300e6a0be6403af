"""The brief of one round: one page to read just before it (``Insight.brief`` gathers what).

The cheat sheet's compact look; every part that has nothing says so in one short line, and
``prep_core.brief`` caps each list so that the page stays one page.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from prep_core.model import Profile
from prep_core.writers.docx._builder import Builder, format_date
from prep_core.writers.docx._theme import CHEATSHEET

if TYPE_CHECKING:
    from prep_core.insight import Brief

BRIEF_TITLE = "Brief"


def build_brief(profile: Profile, now: datetime, brief: Brief) -> Builder:
    b = Builder(CHEATSHEET)
    item = brief.round
    b.paragraph("Title", f"Round {brief.number}: {item.label} · {profile.company or 'Interview'}")
    line = b.paragraph("Subtitle")
    b.run(line, "When: ", bold=True)
    b.run(line, brief.when)
    if brief.where:
        b.run(line, "   ·   Where: ", bold=True)
        b.run(line, brief.where)
    b.run(line, f"   ·   generated {format_date(now.date())}")

    b.heading("Who", 1)
    if not brief.people:
        b.paragraph(
            "Placeholder", "No interviewers named yet: add them on the Company Profile page."
        )
    for person in brief.people:
        p = b.paragraph("List Bullet")
        b.run(p, person.name, bold=True)
        if person.role:
            b.run(p, f", {person.role}")
        if person.note:
            b.run(p, f" — {person.note}", italic=True)
    if brief.more_people:
        b.paragraph("Placeholder", f"and {brief.more_people} more")

    b.heading("What this round is about", 1)
    b.bullets(brief.focus)

    if brief.proofs or brief.more_proofs:
        b.heading("Must-haves to prove", 1)
        for proof in brief.proofs:
            p = b.paragraph("List Bullet")
            b.run(p, proof.requirement, bold=True)
            b.run(p, f" — {proof.text}")
        if brief.more_proofs:
            b.paragraph("Placeholder", f"and {brief.more_proofs} more: see the Fit page")

    b.heading("Fresh facts", 1)
    if not brief.facts:
        b.paragraph("Placeholder", "No dated facts that are still fresh.")
    for fact in brief.facts:
        when = f" ({fact.as_of.isoformat()})" if fact.as_of else ""
        label = "News" if fact.key.startswith("news:") else fact.label
        b.fact(label, f"{_short(fact.text, 160)}{when}")

    b.heading("Questions to ask", 1)
    if not brief.questions:
        b.paragraph("Placeholder", "None left that your research does not already answer.")
    b.bullets(brief.questions)
    b.footer(f"{profile.title} · brief for round {brief.number}")
    return b


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
