"""The debrief after a round: the questions they asked, and a thank-you note from the profile.

The questions asked go into the question bank tagged with the round (``Question.asked_in``), so
practice takes them up like any other (never practised: first). The thank-you draft uses what
the profile knows: the interviewer's name, something specific from the round (a question they
asked, else a follow-up, else the note kept on the interviewer) and one of the company's values.
"""

from __future__ import annotations

from prep_core.model import Interviewer, Profile, Question, Round

__all__ = ["ask", "asked_in", "thank_you_draft"]


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


def thank_you_draft(profile: Profile, item: Round, person: Interviewer | None = None) -> str:
    """A short thank-you note to ``person`` (the round's first interviewer when None)."""
    person = person or next((p for p in item.interviewers if p.name), None)
    name = person.name.split()[0] if person and person.name else "[Name]"
    company = profile.company or "[Company]"
    role = profile.role_title or "the role"
    when = f"on {item.day:%A}"
    specific = _specific(profile, item, person)
    value = next((v for v in profile.mission.core_values if v), "")
    lines = [
        f"Dear {name},",
        "",
        f"Thank you for taking the time to talk with me {when} about the {role} role at "
        f"{company}. {specific}",
    ]
    if value:
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


def _specific(profile: Profile, item: Round, person: Interviewer | None) -> str:
    asked = asked_in(profile, item)
    if asked:
        return f"I especially enjoyed our discussion of “{asked[0].text}”."
    if item.debrief.follow_ups:
        return f"As promised, I will follow up on {item.debrief.follow_ups[0]}."
    if person and person.note:
        return f"I especially enjoyed hearing about {person.note}."
    return "I enjoyed the conversation and learning more about the team."
