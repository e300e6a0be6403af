"""Practice feedback: one attempt at a question checked against the company's own words.

Pure and deterministic: ``feedback`` reads the profile, the question and what the person said or
typed, and returns a checklist with reasons (no score, no model, no network). The page and
``prep practice`` show it; ``record_attempt`` keeps it on the question. The vocabulary and the
practice order live in their own modules and are re-exported here, so a caller needs only this one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from prep_core.delivery import Delivery
from prep_core.errors import PrepError
from prep_core.followup import FollowUp, follow_up, is_culture, reply_check
from prep_core.model import MAX_TEXT, Attempt, Check, Profile, Question, is_weak, utc_now
from prep_core.progress import (
    PracticeStats,
    find_question,
    history,
    is_rehearsed,
    last_attempt_weak,
    practice_order,
    practice_stats,
)
from prep_core.star import PARTS, asks_for_story, story_parts
from prep_core.vocabulary import Term, TextIndex, vocabulary
from prep_core.wording import (
    content_words,
    fillers,
    language,
    sentences,
    top_words,
    words,
)

__all__ = [
    "LENGTH_TARGET",
    "Feedback",
    "PracticeStats",
    "Term",
    "feedback",
    "find_question",
    "history",
    "is_behavioral",
    "is_rehearsed",
    "last_attempt_weak",
    "practice_order",
    "practice_stats",
    "record_attempt",
    "vocabulary",
]

LENGTH_TARGET = (60, 120)  # seconds: a spoken answer of one to two minutes
MIN_SECONDS = 1.0  # the shortest timed answer: a pace is computed from this on
PACE_TARGET = (110, 170)  # words per minute, spoken
SPEAKING_WPM = 140  # to estimate how long a typed answer takes to say
TERMS_TARGET = 3  # company terms worth using in one answer
RAMBLING = "; cut it: lead with the result, then the one action that got it"
FILLERS_PER_MINUTE = 3.0  # at most, to pass
POINT_COVERED = 0.5  # share of a drafted point's content words the attempt must use

STAR_PARTS = PARTS
ENGLISH_ONLY = (
    "STAR, the result's number, fillers and the follow-up read English answers only: "
    "not checked here"
)
NO_WORDS = "nothing to check: the answer has no words (type or say an answer first)"
# Which vocabulary sources fit a question of each category (terms the question or the drafted
# answer use, and those of the must-haves it asks about, always fit).
SOURCES_FOR = {
    "behavioral": ("core_values", "keywords"),
    "motivation": ("company", "core_values", "products", "names"),
    "company": ("company", "core_values", "products", "competitors", "names"),
    "technical": ("tech_stack", "posting", "keywords"),
    "role": ("responsibilities", "posting", "keywords", "names"),
}


class AnswerTooLong(PrepError):
    """An attempt longer than a profile keeps: one line, nothing saved."""


@dataclass(frozen=True)
class Feedback:
    """The feedback on one attempt; ``to_dict`` is the JSON form the CLI prints."""

    terms_used: list[str]
    terms_missed: list[str]  # most relevant first: those in the question or the drafted answer
    points_covered: list[dict[str, Any]]  # [{"point": str, "covered": bool}] in drafted order
    star: dict[str, bool] | None  # None: not a behavioral question
    result_has_number: bool | None
    words: int
    seconds: float | None
    wpm: float | None
    fillers: dict[str, int]
    top_words: list[tuple[str, int]]
    checks: list[Check]
    spoken: bool = False  # words came from a transcript: fillers are "at least" that many
    rating: int | None = None
    fillers_per_minute: float = 0.0
    used_terms: list[Term] = field(default_factory=list, repr=False)
    follow_up: FollowUp | None = None
    clock_seconds: float | None = None  # typed: time on the clock, thinking and typing
    notes: list[str] = field(default_factory=list)  # checks that do not apply, and why
    delivery: Delivery | None = None  # spoken: pauses and pace over time, from the audio

    @property
    def weak(self) -> bool:
        return is_weak(self.checks, self.rating)

    @property
    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check.passed]

    def with_rating(self, rating: int | None) -> Feedback:
        """The same feedback with the person's self-rating (which can make it weak)."""
        return replace(self, rating=rating)

    def to_dict(self) -> dict[str, Any]:
        return {
            "terms_used": self.terms_used,
            "terms_missed": self.terms_missed,
            "points_covered": self.points_covered,
            "star": self.star,
            "result_has_number": self.result_has_number,
            "words": self.words,
            "seconds": self.seconds,
            "wpm": self.wpm,
            "fillers": self.fillers,
            "fillers_per_minute": self.fillers_per_minute,
            "top_words": [[word, count] for word, count in self.top_words],
            "checks": [check.model_dump() for check in self.checks],
            "spoken": self.spoken,
            "rating": self.rating,
            "weak": self.weak,
            "follow_up": self.follow_up.to_dict() if self.follow_up else None,
            "clock_seconds": self.clock_seconds,
            "notes": self.notes,
        } | (self.delivery.to_dict() if self.delivery else {})


def is_behavioral(question: Question) -> bool:
    """Whether STAR applies: the category says so, or an uncategorised question asks for a story."""
    return asks_for_story(question)


def feedback(
    profile: Profile,
    question: Question,
    answer_text: str,
    *,
    seconds: float | None = None,
    words: int | None = None,
    rating: int | None = None,
    delivery: Delivery | None = None,
) -> Feedback:
    """Check one attempt at ``question``.

    Spoken (``words``, the transcript's word count, given): ``seconds`` is the speaking time and
    turns on the pace check. Typed: the length is the time the words take to say at
    ``SPEAKING_WPM``; ``seconds`` is then the time on the clock (thinking and typing), shown
    apart and never judged.
    """
    spoken = words is not None
    count = words if words is not None else len(_words(answer_text))
    lang = language(answer_text)
    if not lang:
        return _nothing_said(answer_text, count, seconds if spoken else None, spoken, rating)
    said = seconds if spoken else round(count / SPEAKING_WPM * 60, 1)
    # a pace and a rate need a real duration: 5e-324 s made them a division by zero
    timed = said if said and said >= MIN_SECONDS else count / SPEAKING_WPM * 60
    minutes = timed / 60
    wpm = (
        round(count / (seconds / 60), 1) if spoken and seconds and seconds >= MIN_SECONDS else None
    )
    index = TextIndex(answer_text)

    terms = vocabulary(profile)
    used = [term for term in terms if index.uses(term)]
    missed = [t for t in suggested_terms(profile, question, terms) if t not in used]
    points = _points(question.answer, index)
    english = lang == "en"
    parts = story_parts(answer_text) if english and is_behavioral(question) else None
    star = parts.as_dict() if parts else None
    result_number = parts.result_has_number if parts else None
    filler_counts = fillers(answer_text)
    per_minute = round(sum(filler_counts.values()) / minutes, 1) if minutes else 0.0

    checks = []
    if terms:
        checks.append(_terms_check(used, len(terms)))
    if points:
        checks.append(_points_check(points))
    if star is not None:
        missing = [part for part in STAR_PARTS if not star[part]]
        checks.append(
            Check(
                name="star",
                passed=not missing,
                message="situation, task, action and result are all there"
                if not missing
                else f"missing: {', '.join(missing)}",
            )
        )
        checks.append(
            Check(
                name="result_number",
                passed=bool(result_number),
                message="the result carries a number"
                if result_number
                else "give the result a number (how much faster, how many users, what share)",
            )
        )
    checks.append(_length_check(count, said, spoken=spoken))
    if spoken and seconds:
        checks.append(_pace_check(wpm or 0.0))
    if english:
        checks.append(_fillers_check(filler_counts, per_minute, spoken=spoken))
    return Feedback(
        terms_used=[t.text for t in used],
        terms_missed=[t.text for t in missed],
        points_covered=points,
        star=star,
        result_has_number=result_number,
        words=count,
        seconds=said,
        wpm=wpm,
        fillers=filler_counts,
        top_words=top_words(answer_text),
        checks=checks,
        spoken=spoken,
        rating=rating,
        fillers_per_minute=per_minute,
        used_terms=used,
        follow_up=follow_up(profile, question, answer_text) if english else None,
        clock_seconds=None if spoken else seconds,
        notes=[] if english else [ENGLISH_ONLY],
        delivery=delivery,
    )


def feedback_on_reply(
    profile: Profile,
    question: Question,
    answer_text: str,
    asked: FollowUp,
    reply: str,
    **timing: Any,
) -> Feedback:
    """Feedback on an answer and the reply to its follow-up, as the interviewer heard both:
    whether the reply gave what was asked, then every check on the two together (no second
    follow-up: one per answer)."""
    together = f"{answer_text}\n\n{reply}"
    result = feedback(profile, question, together, **timing)
    gave = reply_check(profile, asked, reply)
    return replace(result, checks=[gave, *result.checks], follow_up=None)


def pair_text(answer_text: str, asked: FollowUp, reply: str) -> str:
    """How an answer and its follow-up are kept in one attempt."""
    return f"{answer_text}\n\nFollow-up: {asked.text}\n{reply}"


def suggested_terms(profile: Profile, question: Question, terms: list[Term]) -> list[Term]:
    """The terms worth working into this answer: those the question or the drafted answer use
    and those of the must-haves it asks about first, then the sources that fit its category
    ("Worth working in" for a technical question is not every company value)."""
    asked = TextIndex(f"{question.text}\n{question.answer}")
    linked: set[str] = set()
    for requirement in profile.requirements:
        kept = requirement.kind == "must" and not requirement.dropped
        if kept and any(asked.uses(term) for term in requirement.terms):
            linked.update(requirement.terms)
    first = [t for t in terms if asked.uses(t) or t.text in linked]
    fitting = SOURCES_FOR.get(question.category) or SOURCES_FOR.get(_kind_of(question), ())
    rest = [t for t in terms if t.source in fitting and t not in first]
    return first + rest


def _kind_of(question: Question) -> str:
    if is_behavioral(question):
        return "behavioral"
    return "motivation" if is_culture(question) else ""


def _nothing_said(
    text: str, count: int, seconds: float | None, spoken: bool, rating: int | None
) -> Feedback:
    return Feedback(
        terms_used=[],
        terms_missed=[],
        points_covered=[],
        star=None,
        result_has_number=None,
        words=count,
        seconds=seconds,
        wpm=None,
        fillers={},
        top_words=[],
        checks=[],
        spoken=spoken,
        rating=rating,
        notes=[NO_WORDS],
    )


def record_attempt(
    profile: Profile,
    question_id: str,
    answer_text: str,
    result: Feedback,
    *,
    rating: int | None = None,
    now: datetime | None = None,
) -> Profile:
    """A copy of ``profile`` with the attempt kept on the question (only the last 20 are kept).

    Save the copy through the Store, which writes it atomically and refuses a stale revision.
    """
    if len(answer_text) > MAX_TEXT:
        raise AnswerTooLong(
            f"the answer is too long to keep ({len(answer_text):,} characters; an attempt keeps "
            f"up to {MAX_TEXT:,})"
        )
    updated = profile.model_copy(deep=True)
    question = find_question(updated, question_id)
    attempt = Attempt(
        text=answer_text,
        seconds=result.seconds,
        checks=result.checks,
        rating=rating if rating is not None else result.rating,
        time=now or utc_now(),
    )
    question.attempts = [*question.attempts, attempt]  # assignment re-validates: keeps the last 20
    return updated


# --- the checks -------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return words(text)


def _points(drafted: str, attempt: TextIndex) -> list[dict[str, Any]]:
    """Each sentence or bullet of the drafted answer, and whether the attempt reflects it:
    at least half of its content words are in the attempt (stemmed)."""
    said = set(content_words(words(attempt.text)))
    points = []
    for point in sentences(drafted):
        own = set(content_words(words(point)))
        if not own:
            continue
        share = len(own & said) / len(own)
        points.append({"point": point, "covered": share >= POINT_COVERED})
    return points


def _terms_check(used: list[Term], available: int) -> Check:
    target = min(TERMS_TARGET, available)
    # "; " between terms: a term may hold a comma ("Context, not Control")
    shown = "; ".join(t.text for t in used[:5]) + ("; ..." if len(used) > 5 else "")
    return Check(
        name="terms",
        passed=len(used) >= target,
        message=f"{len(used)} company terms used ({shown})"
        if used
        else f"no company terms used; aim for {target} (values, products, tech stack, keywords)",
    )


def _points_check(points: list[dict[str, Any]]) -> Check:
    covered = sum(p["covered"] for p in points)
    need = math.ceil(len(points) / 2)
    return Check(
        name="points",
        passed=covered >= need,
        message=f"{covered} of {len(points)} drafted points covered"
        + ("" if covered >= need else f"; aim for {need}"),
    )


def _length_check(count: int, seconds: float | None, *, spoken: bool) -> Check:
    low, high = LENGTH_TARGET
    taken = seconds or 0.0
    how = f"took {taken:.0f} s" if spoken else f"{count} words, about {taken:.0f} s to say"
    passed = low <= taken <= high
    advice = "" if passed else ("; say more" if taken < low else RAMBLING)
    return Check(name="length", passed=passed, message=f"{how} (target {low}–{high} s){advice}")


def _pace_check(wpm: float) -> Check:
    low, high = PACE_TARGET
    passed = low <= wpm <= high
    advice = "" if passed else ("; speed up a little" if wpm < low else "; slow down")
    return Check(
        name="pace",
        passed=passed,
        message=f"{wpm:.0f} words a minute (target {low}–{high}){advice}",
    )


def _fillers_check(counts: dict[str, int], per_minute: float, *, spoken: bool) -> Check:
    total = sum(counts.values())
    if not total:
        return Check(name="fillers", passed=True, message="no fillers")
    listed = ", ".join(f'"{phrase}" ×{n}' for phrase, n in counts.items())
    at_least = "at least " if spoken else ""  # transcription drops many "um"s
    return Check(
        name="fillers",
        passed=per_minute <= FILLERS_PER_MINUTE,
        message=f"{at_least}{total} fillers, {per_minute:g} a minute ({listed}); "
        f"target {FILLERS_PER_MINUTE:g} a minute or fewer",
    )
