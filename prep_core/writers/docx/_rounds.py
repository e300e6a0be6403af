"""The dossier's part on the interview rounds: when, who, and each round's debrief.

Kept in its own module so the dossier itself changes by two calls (``_dossier.py``).
"""

from __future__ import annotations

from prep_core.model import Profile
from prep_core.writers.docx._builder import Builder, format_date

ROUNDS_TITLE = "Interview Rounds and Debriefs"


def rounds_part(b: Builder, profile: Profile) -> None:
    """One Heading 2 per round: its time and place, the interviewers, then the debrief."""
    if not profile.rounds:
        return
    b.heading(ROUNDS_TITLE, 1)
    for n, item in enumerate(profile.rounds, 1):
        b.heading(f"Round {n}: {item.label}", 2)
        when = format_date(item.day)
        if not item.all_day:
            when += f", {item.start_time:%H:%M} ({item.timezone})"
        b.fact("When", when)
        if item.location:
            b.fact("Where", item.location)
        people = [
            " — ".join(part for part in (p.name, p.role, p.note) if part) for p in item.interviewers
        ]
        if any(people):
            b.fact("Interviewers", "; ".join(filter(None, people)))
        asked = [q for q in profile.prep.questions if q.asked_in == item.id and q.text]
        if asked:
            b.paragraph("Fact", "Questions they asked", bold=True)
            b.bullets(f"{q.text} — {q.how_it_went}" if q.how_it_went else q.text for q in asked)
        debrief = item.debrief
        if debrief.notes:
            b.fact("How it went", debrief.notes)
        if debrief.follow_ups:
            b.paragraph("Fact", "Follow-ups", bold=True)
            b.bullets(debrief.follow_ups)
        if debrief.thank_you:
            b.fact("Thank-you note", debrief.thank_you)
