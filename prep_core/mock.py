"""A mock round: the questions of one round kind, asked in sequence, and the report at the end.

Pure and deterministic: ``plan_round`` picks N questions for a round kind, the weakest and those
about an uncovered must-have first (``progress.practice_order``), plus the questions every round
of that kind asks ("Tell me about yourself" in a recruiter screen), which join the question bank
when the person answers them (``add_to_bank``). The same seed gives the same round: the seed only
breaks ties between questions that are equally urgent. ``round_record`` and ``report`` turn the
feedback of each answer into the round's record (``Profile.mock_rounds``) and its report: per
question the checks and the follow-up, the trend against the previous rounds, and the three
things to fix first.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from prep_core.errors import PrepError
from prep_core.model import ROUND_KIND_LABELS, ROUND_KINDS, MockItem, MockRound, Question, utc_now
from prep_core.progress import last_attempt_weak, practice_order, practised
from prep_core.wording import normalise

if TYPE_CHECKING:
    from prep_core.model import Profile, Story
    from prep_core.practice import Feedback

DEFAULT_COUNT = 3
MAX_COUNT = 20  # questions in one round, at most
NEXT = "next"  # the kind of the profile's next round

# The categories of the bank's questions that fit each kind of round.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "recruiter_screen": ("motivation", "company", "role"),
    "technical": ("technical",),
    "system_design": ("technical",),
    "behavioral": ("behavioral",),
    "onsite": ("behavioral", "technical", "motivation", "company", "role", "other", ""),
    "interview": ("behavioral", "technical", "motivation", "company", "role", "other", ""),
    "other": ("behavioral", "technical", "motivation", "company", "role", "other", ""),
}


@dataclass(frozen=True)
class Standard:
    """A question every round of a kind asks; ``{company}`` is the profile's company."""

    id: str
    text: str
    category: str
    opener: bool = False  # asked first


_ABOUT_YOU = Standard("std-about-yourself", "Tell me about yourself.", "motivation", opener=True)
_WHY_US = Standard("std-why-company", "Why {company}?", "motivation")
STANDARD: dict[str, tuple[Standard, ...]] = {
    "recruiter_screen": (
        _ABOUT_YOU,
        _WHY_US,
        Standard("std-salary", "What are your salary expectations?", "role"),
        Standard("std-notice", "What is your notice period, and when could you start?", "role"),
    ),
    "behavioral": (
        Standard(
            "std-conflict", "Tell me about a time you disagreed with a colleague.", "behavioral"
        ),
        Standard("std-failure", "Tell me about a time something you built failed.", "behavioral"),
    ),
    "technical": (
        Standard(
            "std-system", "Walk me through a system you built: its design and its limits.",
            "technical",
        ),
    ),
    "system_design": (
        Standard(
            "std-design",
            "Design a service you know well: what breaks first at ten times the load?",
            "technical",
        ),
    ),
    "onsite": (_ABOUT_YOU, _WHY_US),
    "interview": (_ABOUT_YOU, _WHY_US),
    "other": (_ABOUT_YOU,),
}  # fmt: skip


_TECHNICAL = re.compile(
    r"\b(design\w*|architect\w*|infrastructure|scal\w+|systems?|pipelines?|deploy\w*|"
    r"debug\w*|optimi[sz]\w*|latency|throughput|distributed|algorithms?|database|api|"
    r"how would you (build|implement))\b",
    re.I,
)


class UnknownRoundKind(PrepError):
    """A round kind that is not one of ROUND_KINDS (or "next"): one line, exit 2."""


@dataclass(frozen=True)
class PlannedQuestion:
    id: str
    text: str
    why: str
    category: str = ""
    standard: bool = False  # not in the bank yet: it joins it when answered

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "text": self.text, "why": self.why}

    def as_question(self, profile: Profile) -> Question:
        """The bank's question, or a new one for a standard question not in the bank yet."""
        found = next((q for q in profile.prep.questions if q.id == self.id), None)
        return found or Question(id=self.id, text=self.text, category=self.category)


@dataclass(frozen=True)
class RoundPlan:
    kind: str
    seed: int
    questions: list[PlannedQuestion]
    available: int  # how many questions fit this kind in all
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "seed": self.seed,
            "questions": [q.to_dict() for q in self.questions],
            "notes": self.notes,
        }


def round_kind(name: str, profile: Profile | None = None, now: datetime | None = None) -> str:
    """A round kind from what a person types: "recruiter screen", "Recruiter-Screen", "next"."""
    word = "_".join(normalise(name).replace("-", " ").split())
    if word == NEXT:
        if profile is None:
            return NEXT
        from prep_core.rounds import next_round

        upcoming = next_round(profile, now or utc_now())
        return upcoming.kind if upcoming else "interview"
    if word not in ROUND_KINDS:
        kinds = ", ".join([*ROUND_KINDS, NEXT])
        raise UnknownRoundKind(f"unknown round kind {name!r}; kinds: {kinds}")
    return word


def plan_round(
    profile: Profile,
    kind: str,
    *,
    count: int = DEFAULT_COUNT,
    seed: int = 0,
    stories: Iterable[Story] = (),
) -> RoundPlan:
    """The round's questions: gaps and weakest first, standard questions of the kind among the
    never practised; the opener ("Tell me about yourself") asked first."""
    kind = round_kind(kind, profile)
    count = max(1, min(count, MAX_COUNT))
    fits = CATEGORIES[kind]
    bank = [q for q in _bank_order(profile, stories) if _fits(q, fits)]
    texts = {normalise(q.text) for q in profile.prep.questions}
    ids = {q.id for q in profile.prep.questions}
    standard = [
        _planned_standard(s, profile)
        for s in STANDARD.get(kind, ())
        if s.id not in ids and normalise(_text(s, profile)) not in texts
    ]
    gaps = _gap_ids(profile, stories)
    openers = {s.id for s in STANDARD.get(kind, ()) if s.opener}
    ranked = _rank(bank, standard, gaps, random.Random(seed))
    ranked.sort(key=lambda q: q.id not in openers)  # every such round opens with it
    chosen = ranked[:count]
    notes = []
    if count > len(ranked):
        notes.append(
            f"only {len(ranked)} question{'s' * (len(ranked) != 1)} fit a "
            f"{ROUND_KIND_LABELS[kind].lower()} round ({len(bank)} in the bank, "
            f"{len(standard)} standard): the round has {len(ranked)}"
        )
    return RoundPlan(kind=kind, seed=seed, questions=chosen, available=len(ranked), notes=notes)


def add_to_bank(profile: Profile, planned: PlannedQuestion) -> Profile:
    """A copy of ``profile`` with a standard question in the bank (the profile itself when it
    is there already), so its attempt can be kept like any other."""
    if any(q.id == planned.id for q in profile.prep.questions):
        return profile
    updated = profile.model_copy(deep=True)
    updated.prep.questions = [*updated.prep.questions, planned.as_question(profile)]
    return updated


# --- the record and the report ----------------------------------------------------------------


@dataclass(frozen=True)
class Answered:
    """One question of the round as it went: the feedback on the answer (and on the reply to
    its follow-up, when there was one)."""

    question: PlannedQuestion
    result: Feedback
    follow_up: Any = None  # the FollowUp asked after the answer, if any
    replied: Feedback | None = None  # the feedback on answer and reply together


def round_record(
    plan: RoundPlan, answered: list[Answered], *, now: datetime | None = None
) -> MockRound:
    """The round as kept in the profile."""
    items = []
    for one in answered:
        final = one.replied or one.result
        reply = next((c for c in final.checks if c.name == "follow_up"), None)
        items.append(
            MockItem(
                question_id=one.question.id,
                question=one.question.text,
                passed=sum(c.passed for c in one.result.checks),
                checks=len(one.result.checks),
                failed=[c.name for c in one.result.checks if not c.passed],
                follow_up_kind=one.follow_up.kind if one.follow_up else "",
                follow_up=one.follow_up.text if one.follow_up else "",
                replied=bool(reply and reply.passed),
                seconds=one.result.seconds,
            )
        )
    return MockRound(kind=plan.kind, seed=plan.seed, time=now or utc_now(), items=items)


# What to fix, by a failed check or a follow-up's kind, most important first.
FIXES: dict[str, str] = {
    "action": "Say what you did yourself, step by step: the action is missing",
    "result": "End every story with its result: what came of it",
    "number": "Put a number on each result (how much, how many, what share)",
    "result_number": "Put a number on each result (how much, how many, what share)",
    "star": "Tell each story whole: situation, task, action, result",
    "ownership": 'Say "I" for your part: "we" hides what you did',
    "specifics": "Name the tools and systems: which database, which queue",
    "situation": "Open with the situation: where and when, in one sentence",
    "task": "Say what you were asked to do, or your goal",
    "value": "Tie culture answers to one of the company's values, by name",
    "length": "Keep answers to one or two minutes: lead with the result, then cut",
    "pace": "Speak at an even pace: 110 to 170 words a minute",
    "fillers": "Cut the fillers: pause instead of um and like",
    "terms": "Use the company's own words: its products, stack and values",
    "points": "Cover the points of your drafted answer",
}


@dataclass(frozen=True)
class Report:
    items: list[MockItem]
    share: float | None  # checks passed over the round
    trend: list[tuple[datetime, str, float]]  # previous rounds: (time, kind, share), oldest first
    fixes: list[str]  # the three things to fix first

    @property
    def change(self) -> float | None:
        """This round's share of checks passed against the previous round's."""
        if self.share is None or not self.trend:
            return None
        return round(self.share - self.trend[-1][2], 3)

    def to_dict(self) -> dict[str, Any]:
        return {
            "questions": [item.model_dump() for item in self.items],
            "passed_share": self.share,
            "previous": [
                {"time": t.isoformat(), "kind": k, "passed_share": s} for t, k, s in self.trend
            ],
            "change": self.change,
            "fix_first": self.fixes,
        }


def report(profile: Profile, record: MockRound) -> Report:
    """The round report: per question, the trend against the profile's earlier mock rounds
    (those before ``record``), and the three things to fix first."""
    earlier = [r for r in profile.mock_rounds if r.id != record.id and r.time <= record.time]
    trend = [(r.time, r.kind, round(s, 3)) for r in earlier if (s := r.passed_share) is not None]
    share = record.passed_share
    return Report(
        items=record.items,
        share=round(share, 3) if share is not None else None,
        trend=trend,
        fixes=fix_first(record),
    )


def fix_first(record: MockRound, limit: int = 3) -> list[str]:
    """The fixes for what went wrong most often, the more important first among equals."""
    seen: Counter[str] = Counter()
    for item in record.items:
        reasons = set(item.failed)
        if item.follow_up_kind and not item.replied:
            reasons.add(item.follow_up_kind)
        seen.update({FIXES[r] for r in reasons if r in FIXES})
    order = list(dict.fromkeys(FIXES.values()))
    ranked = sorted(seen, key=lambda fix: (-seen[fix], order.index(fix)))
    return ranked[:limit]


# --- choosing ---------------------------------------------------------------------------------


def _bank_order(profile: Profile, stories: Iterable[Story]) -> list[Question]:
    """The bank in practice order (gaps, then never practised and weak first)."""
    return practice_order(profile, stories=stories)


def _gap_ids(profile: Profile, stories: Iterable[Story]) -> set[str]:
    if not (profile.requirements or profile.job_posting):
        return set()
    from prep_core.coverage import gap_questions

    return gap_questions(profile, stories)


def _fits(question: Question, categories: tuple[str, ...]) -> bool:
    """Whether a question fits the round: by its category, or, uncategorised, by its words."""
    return "" in categories or category_of(question) in categories


def category_of(question: Question) -> str:
    """The question's category; for an uncategorised one, a guess from its words ("" when
    none fits): a story, why this company, or a technical question."""
    if question.category:
        return question.category
    from prep_core.followup import is_culture
    from prep_core.star import asks_for_story

    if asks_for_story(question):
        return "behavioral"
    if is_culture(question):
        return "motivation"
    return "technical" if _TECHNICAL.search(question.text) else ""


def _rank(
    bank: list[Question], standard: list[PlannedQuestion], gaps: set[str], rng: random.Random
) -> list[PlannedQuestion]:
    """Gaps first, then never practised (standard questions among them), then weak, then the
    rest, each group in practice order with ties shuffled by the seed."""
    groups: list[list[PlannedQuestion]] = [[], [], [], []]
    for question in bank:
        if question.id in gaps:
            group, why = 0, "asks about a must-have of the posting nothing covers yet"
        elif not practised(question):
            group, why = 1, "never practised"
        elif last_attempt_weak(question):
            group, why = 2, _weak_reason(question)
        else:
            group, why = 3, "rehearsed: the least recently or lowest rated"
        groups[group].append(PlannedQuestion(question.id, question.text, why, question.category))
    groups[1] += standard
    for group in groups[:3]:  # the rest keep practice order: oldest and lowest rated first
        rng.shuffle(group)
    return [question for group in groups for question in group]


def _weak_reason(question: Question) -> str:
    last = question.attempts[-1]
    failed = sum(not c.passed for c in last.checks)
    rated = f", rated {last.rating}/5" if last.rating else ""
    return f"last attempt weak ({failed} check{'s' * (failed != 1)} failed{rated})"


def _text(standard: Standard, profile: Profile) -> str:
    return standard.text.format(company=profile.company or "this company")


def _planned_standard(standard: Standard, profile: Profile) -> PlannedQuestion:
    return PlannedQuestion(
        standard.id,
        _text(standard, profile),
        "every such round asks it; it joins your question bank when you answer it",
        standard.category,
        standard=True,
    )


__all__ = [
    "CATEGORIES",
    "FIXES",
    "STANDARD",
    "Answered",
    "PlannedQuestion",
    "Report",
    "RoundPlan",
    "UnknownRoundKind",
    "add_to_bank",
    "fix_first",
    "plan_round",
    "report",
    "round_kind",
    "round_record",
]
