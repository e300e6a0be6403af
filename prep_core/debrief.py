"""The debrief after a round: the questions they asked, and a thank-you note from the profile.

The questions asked go into the question bank tagged with the round (``Question.asked_in``), so
practice takes them up like any other (never practised: first). A thank-you note is drafted
per interviewer from what the profile knows: their name, something specific from the debrief (a
question they asked, else a follow-up) and one of the company's values. The private note kept on
an interviewer is for the person's own prep and is never quoted.
"""

from __future__ import annotations

from dataclasses import dataclass

from prep_core.model import Interviewer, Profile, Question, Round

__all__ = ["ThankYou", "ask", "asked_in", "thank_you_draft", "thank_you_notes"]


def asked_in(profile: Profile, item: Round) -> list[Question]:
    """The questions of the bank tagged with ``item``, in the bank's order."""
    return [q for q in profile.prep.questions if q.asked_in == item.id]


def ask(profile: Profile, item: Round, text: str) -> Question:
    """Add a question they asked in ``item`` to the bank (or tag the same question already there).

    Raises ValueError for empty text.
    """
    question = Question(text=text, asked_in=item.id)  # cleaned by the model
    if not question.text:
        raise ValueError("type the question they asked first")
    same = next((q for q in profile.prep.questions if q.text == question.text), None)
    if same is not None:
        same.asked_in = item.id
        return same
    profile.prep.questions = [*profile.prep.questions, question]
    return question


@dataclass(frozen=True)
class ThankYou:
    """One thank-you note: to whom (a name, or "" when the round names nobody) and its text."""

    interviewer: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"interviewer": self.interviewer, "text": self.text}


def thank_you_notes(profile: Profile, item: Round, *, drafts_only: bool = False) -> list[ThankYou]:
    """One note per named interviewer of ``item`` (one note to "[Name]" when it names nobody):
    the note the person kept, else a draft (``drafts_only``: always the draft)."""
    people = [p for p in item.interviewers if p.name]
    if not people:
        kept = "" if drafts_only else item.debrief.thank_you
        return [ThankYou("", kept or thank_you_draft(profile, item))]
    return [
        ThankYou(p.name, ("" if drafts_only else p.thank_you) or thank_you_draft(profile, item, p))
        for p in people
    ]


def thank_you_draft(profile: Profile, item: Round, person: Interviewer | None = None) -> str:
    """A short thank-you note to ``person`` (the round's first named interviewer when None).

    What it names comes from the debrief (a question they asked, else a follow-up) and the
    company's values; each interviewer of a round gets a different question and value when
    there are several. The private note on an interviewer is never quoted.
    """
    named = [p for p in item.interviewers if p.name]
    person = person or (named[0] if named else None)
    n = next((i for i, p in enumerate(named) if person and p.id == person.id), 0)
    name = person.name.split()[0] if person and person.name else "[Name]"
    company = profile.company or "[Company]"
    role = profile.role_title or "the role"
    when = f"on {item.day:%A}"
    values = [v for v in profile.mission.core_values if v]
    lines = [
        f"Dear {name},",
        "",
        f"Thank you for taking the time to talk with me {when} about the {role} role at "
        f"{company}. {_specific(profile, item, n)}",
    ]
    if values:
        value = values[n % len(values)]
        lines.append(
            f"What you said about how the team works made {company}'s value of “{value}” "
            "concrete for me, and it is a big part of why I would like to join."
        )
    lines += [
        "",
        "I look forward to hearing about the next steps.",
        "",
        "Best regards,",
    ]
    return "\n".join(lines)


def _specific(profile: Profile, item: Round, n: int) -> str:
    """What was discussed, from the debrief: the n-th question they asked (round robin), else
    the first follow-up. Never the private note on an interviewer."""
    asked = [q for q in asked_in(profile, item) if q.text]
    if asked:
        return f"I especially enjoyed our discussion of “{_short(asked[n % len(asked)].text)}”."
    if item.debrief.follow_ups:
        return f"As promised, I will follow up on {item.debrief.follow_ups[0]}."
    return "I enjoyed the conversation and learning more about the team."


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
