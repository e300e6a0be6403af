"""Practice feedback: one attempt at a question checked against the company's own words.

Pure and deterministic: ``feedback`` reads the profile, the question and what the person said or
typed, and returns a checklist with reasons (no score, no model, no network). The page and
``prep practice`` show it; ``record_attempt`` keeps it on the question. The vocabulary and the
practice order live in their own modules and are re-exported here, so a caller needs only this one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from prep_core.model import Attempt, Check, Profile, Question, is_weak, utc_now
from prep_core.progress import (
    PracticeStats,
    find_question,
    history,
    is_rehearsed,
    last_attempt_weak,
    practice_order,
    practice_stats,
)
from prep_core.vocabulary import Term, TextIndex, vocabulary
from prep_core.wording import (
    content_words,
    fillers,
    has_number,
    normalise,
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
FILLERS_PER_MINUTE = 3.0  # at most, to pass
POINT_COVERED = 0.5  # share of a drafted point's content words the attempt must use

# A behavioral question asks about the past: "Tell me about a time...", "Give an example of...".
_BEHAVIORAL = re.compile(
    r"\b(tell (me|us) about a (time|situation|project)|describe a (time|situation)|"
    r"give (me |us )?an example|a time (when|you)|have you ever|how have you|"
    r"walk (me|us) through a (time|situation)|what did you do when)\b"
)
# STAR cues, matched on lower-cased sentences. They are deliberately broad: a missing part is
# reported with its cue words, so the person learns what the check listens for.
_STAR_CUES = {
    "situation": re.compile(
        r"\b(when i was|at my (previous|last|current|old|first) (job|company|role|team|employer)|"
        r"in my (previous|last|current|first) (job|role|position|team)|we were|there (was|were)|"
        r"our team|the (situation|context|problem|issue) (was|is)|back in|last year|"
        r"years? ago|(in|during) (19|20)\d\d|while (i was )?working|one time|at the time)\b"
    ),
    "task": re.compile(
        r"\b(my (task|job|role|goal|responsibility|mission) (was|is)|"
        r"i was (responsible|asked|tasked|supposed|expected|hired)|i (needed|had|wanted) to|"
        r"the (goal|task|challenge|objective|aim|ask) (was|is)|we (needed|had) to|"
        r"our goal|responsible for|in charge of|tasked with|my part)\b"
    ),
    "action": re.compile(
        r"\b(i|we|so i|then i|first i) (first |then |also |quickly |personally )?"
        r"(?!needed\b|wanted\b)(\w{3,}ed|built|led|wrote|ran|set up|took|made|chose|drove|"
        r"brought|broke|met|spoke|began|got|gave|put|split|cut|found|went|did|taught|kept|held|"
        r"sent|spent|rewrote|overcame|sat down)\b|\bmy approach was\b|\bi started by\b"
    ),
    "result": re.compile(
        r"\b(as a result|the result|results?|resulted|resulting|outcome|in the end|ultimately|"
        r"eventually|(which|this|that) (led|meant)|led to|reduced|increased|improved|saved|"
        r"grew|dropped|doubled|halved|shipped|launched|delivered|achieved|lessons?|learned)\b"
    ),
}
STAR_PARTS = tuple(_STAR_CUES)


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
        }


def is_behavioral(question: Question) -> bool:
    """Whether STAR applies: the category says so, or an uncategorised question asks for a story."""
    if question.category:
        return question.category == "behavioral"
    return bool(_BEHAVIORAL.search(normalise(question.text)))


def feedback(
    profile: Profile,
    question: Question,
    answer_text: str,
    *,
    seconds: float | None = None,
    words: int | None = None,
    rating: int | None = None,
) -> Feedback:
    """Check one attempt at ``question``.

    ``seconds`` is how long the answer took; ``words`` is given for a spoken answer (the
    transcript's word count), which also turns on the pace check. Without ``seconds`` the
    length is judged by the time the text takes to say at ``SPEAKING_WPM``.
    """
    spoken = words is not None
    count = words if words is not None else len(_words(answer_text))
    minutes = (seconds if seconds else count / SPEAKING_WPM * 60) / 60
    # a pace needs a real duration: 5e-324 s made it a division by zero, 1e-310 s infinity
    wpm = round(count / (seconds / 60), 1) if seconds and seconds >= MIN_SECONDS else None
    index = TextIndex(answer_text)

    terms = vocabulary(profile)
    used = [term for term in terms if index.uses(term)]
    missed = _by_relevance([t for t in terms if t not in used], question)
    points = _points(question.answer, index)
    star = _star(answer_text) if is_behavioral(question) else None
    result_number = _result_has_number(answer_text) if star is not None else None
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
    checks.append(_length_check(count, seconds))
    if spoken and seconds:
        checks.append(_pace_check(wpm or 0.0))
    checks.append(_fillers_check(filler_counts, per_minute, spoken=spoken))
    return Feedback(
        terms_used=[t.text for t in used],
        terms_missed=[t.text for t in missed],
        points_covered=points,
        star=star,
        result_has_number=result_number,
        words=count,
        seconds=seconds,
        wpm=wpm,
        fillers=filler_counts,
        top_words=top_words(answer_text),
        checks=checks,
        spoken=spoken,
        rating=rating,
        fillers_per_minute=per_minute,
        used_terms=used,
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


def _by_relevance(terms: list[Term], question: Question) -> list[Term]:
    """Terms the question or the drafted answer use come first; otherwise vocabulary order."""
    index = TextIndex(f"{question.text}\n{question.answer}")
    return sorted(terms, key=lambda term: not index.uses(term))


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


def _star(text: str) -> dict[str, bool]:
    lowered = [normalise(s) for s in sentences(text)]
    return {part: any(cue.search(s) for s in lowered) for part, cue in _STAR_CUES.items()}


def _result_has_number(text: str) -> bool:
    """Whether a sentence that states the result also states a quantity."""
    cue = _STAR_CUES["result"]
    return any(cue.search(normalise(s)) and has_number(s) for s in sentences(text))


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


def _length_check(count: int, seconds: float | None) -> Check:
    low, high = LENGTH_TARGET
    if seconds:
        taken, how = seconds, f"took {seconds:.0f} s"
    else:
        taken = count / SPEAKING_WPM * 60
        how = f"{count} words, about {taken:.0f} s to say"
    passed = low <= taken <= high
    advice = "" if passed else ("; say more" if taken < low else "; cut it down")
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
