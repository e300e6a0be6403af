"""Practice progress: which question to rehearse next, and how many are rehearsed.

Reads ``Question.attempts`` (no feedback is recomputed) and, for the order, the posting's
coverage (uncovered must-haves first), so the order and the figures are cheap enough for every
page and ``prep check``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Literal

from prep_core.coverage import gap_questions
from prep_core.errors import PrepError
from prep_core.model import Profile, Question, Story
from prep_core.sections import weak_tag as weak_tag  # where the Export page finds it

Mode = Literal["weakest", "never", "weak", "all"]
MODES: tuple[str, ...] = Mode.__args__  # type: ignore[attr-defined]
_NEVER = datetime.min.replace(tzinfo=None)


class UnknownQuestion(PrepError):
    """No question with that number or id (a user can cause it: one line, exit 2)."""


def practised(question: Question) -> bool:
    return bool(question.attempts)


def last_attempt_weak(question: Question) -> bool:
    """Whether the question's last attempt was weak (never practised: not weak, just new)."""
    return bool(question.attempts) and question.attempts[-1].weak


def is_rehearsed(question: Question) -> bool:
    """Practised, and the last attempt was not weak: what Readiness counts as rehearsed."""
    return practised(question) and not question.attempts[-1].weak


def practice_order(
    profile: Profile,
    *,
    category: str | None = None,
    mode: Mode = "weakest",
    stories: Iterable[Story] = (),
    gaps: Collection[str] | None = None,
) -> list[Question]:
    """The questions to practise, in order; only questions with text.

    ``mode``: ``weakest`` (every question: questions about a must-have of the posting that
    nothing covers yet first (``coverage.gap_questions``; ``stories`` is the story bank), then
    never practised and weak, then by lowest last self-rating, then oldest last attempt),
    ``never`` (never practised only), ``weak`` (last attempt weak only), ``all`` (every
    question in the profile's order). ``category`` restricts to one category ("behavioral",
    "technical", ...). ``gaps``: the gap questions' ids when known (``Insight.gap_questions``);
    otherwise they are computed from ``stories``.
    """
    if mode not in MODES:
        raise ValueError(f"unknown practice mode {mode!r}; modes: {', '.join(MODES)}")
    questions = [q for q in profile.prep.questions if q.text]
    if category:
        questions = [q for q in questions if q.category == category]
    if mode == "all":
        return questions
    if mode == "never":
        questions = [q for q in questions if not practised(q)]
    elif mode == "weak":
        questions = [q for q in questions if last_attempt_weak(q)]
    position = {q.id: i for i, q in enumerate(questions)}
    if gaps is None:
        posting = profile.requirements or profile.job_posting
        gaps = gap_questions(profile, stories) if posting else set()
    return sorted(questions, key=lambda q: (q.id not in gaps, *_urgency(q), position[q.id]))


def _urgency(question: Question) -> tuple[int, int, datetime]:
    """Smaller comes first: (needs work?, last rating or confidence, time of last attempt)."""
    if not question.attempts:
        return (0, question.confidence or 0, _NEVER)
    last = question.attempts[-1]
    return (0 if last.weak else 1, last.rating or 0, last.time.replace(tzinfo=None))


@dataclass(frozen=True)
class PracticeStats:
    questions: int  # questions with text
    practised: int  # with at least one attempt
    weak: int  # last attempt weak
    rehearsed: int  # practised and last attempt not weak
    attempts: int  # attempts kept, over all questions

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def practice_stats(profile: Profile) -> PracticeStats:
    """How far practice has come, for Readiness and ``prep check``."""
    asked = [q for q in profile.prep.questions if q.text]
    return PracticeStats(
        questions=len(asked),
        practised=sum(practised(q) for q in asked),
        weak=sum(last_attempt_weak(q) for q in asked),
        rehearsed=sum(is_rehearsed(q) for q in asked),
        attempts=sum(len(q.attempts) for q in asked),
    )


def history(question: Question) -> list[dict[str, object]]:
    """One row per kept attempt, oldest first, for the progress view's chart and table."""
    return [
        {
            "time": attempt.time,
            "rating": attempt.rating,
            "weak": attempt.weak,
            "passed": sum(check.passed for check in attempt.checks),
            "checks": len(attempt.checks),
            "seconds": attempt.seconds,
        }
        for attempt in question.attempts
    ]


def find_question(profile: Profile, ref: str) -> Question:
    """A question by its number in the bank (from 1, ``question_bank.numbered``), or by id."""
    questions = profile.prep.questions
    if not any(q.text for q in questions):
        raise UnknownQuestion(
            f"{profile.title} has no questions yet: add one under Interview Preparation "
            "(the Question bank page, or 'Potential Questions to Prepare For' in the .md file)"
        )
    by_id = next((q for q in questions if q.id == ref), None)
    if by_id is not None:
        return by_id
    # ASCII digits only, and few: str.isdigit() also takes "²", and int() refuses 4,301 digits
    if _NUMBER.fullmatch(ref) and 1 <= int(ref) <= len(questions):
        return questions[int(ref) - 1]
    shown = ref if len(ref) <= 40 else ref[:39] + "…"
    raise UnknownQuestion(
        f"no question {shown!r} in {profile.title}: give a number from 1 to {len(questions)} "
        "or a question's id"
    )


_NUMBER = re.compile(r"[0-9]{1,9}")
