"""The plan: a day-by-day list from today to the next interview round, built from the profile.

Nothing is ticked off by hand: every item comes from the profile's state, so an item disappears
when the thing is done (a section filled in, a question rehearsed with an attempt that was not
weak) and the plan is simply computed again. What goes in, and where:

- **research**: each section with counted fields still empty (``completeness``), two sections a
  day from today, in template order;
- **fit**: each must-have of the job posting that nothing proves yet (``coverage``, with the
  story bank), with the research, as each is a gap to close before the day;
- **practice**: questions never practised or whose last attempt was weak (the practice order,
  weakest first, as on the Practice page), three a day from today;
- **review**: the Anki deck, every day; on long runways a mock round once a week;
- **the day before** is review only: no new research, the cheat sheet, the weakest answers
  once more, and "re-check these N facts" for the dated facts older than the profile's
  threshold (``freshness``);
- **the round** itself on its day, and the debrief right after it.

The days are bounded whatever the date: a round more than ``HORIZON_DAYS`` away is *far away*,
and the plan is those first weeks, then the round's day (no day before yet), so a typo such as
2062 for 2026 costs what a six-week plan costs.

With the interview tomorrow today *is* the day before, so the two most important gaps come in as
"if there is time". A round in the past, or no date at all, gives a one-day plan that says what
to do. Every input comes from one ``Insight`` (its clock ``now``, its coverage, practice order,
stale facts and rounds), so the Plan page, the calendar and Practice agree by construction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from prep_core.model import Profile, Question, Round, day_problem
from prep_core.progress import last_attempt_weak, practised
from prep_core.question_bank import numbered

if TYPE_CHECKING:
    from prep_core.insight import Insight

__all__ = ["Day", "Item", "Plan", "plan"]

ItemKind = Literal["research", "fit", "practice", "review", "facts", "round", "debrief", "setup"]
Status = Literal["ok", "no_date", "past"]

RESEARCH_PER_DAY = 2  # sections
PRACTICE_PER_DAY = 3  # questions
LAST_MINUTE = 2  # gaps taken in on the day before when there is no other day
MOCK_EVERY = 7  # days: a mock round on long runways
HORIZON_DAYS = 42  # six weeks of days at most; a round further away is "far away"
_MOCK = "Mock round: three questions aloud, against the clock"
_WEAKEST = "Rehearse your two weakest answers again"
_NOT_RESEARCH = {"interview_date"}  # the date is the plan's input, not a gap to research


@dataclass(frozen=True)
class Item:
    kind: ItemKind
    text: str
    page: str  # the page it links to: a section key, "practice", "export", "plan", "debrief"
    ref: str = ""  # what it is about: a section key or a question id (stable, for calendars)

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text, "page": self.page}


@dataclass(frozen=True)
class Day:
    date: date
    items: tuple[Item, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "items": [i.to_dict() for i in self.items]}


@dataclass(frozen=True)
class Plan:
    status: Status
    message: str  # one line a person reads above the days
    days: tuple[Day, ...] = ()
    round: Round | None = field(default=None)  # the round the plan leads to

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "message": self.message,
            "round": _round_dict(self.round),
            "days": [d.to_dict() for d in self.days],
        }


def plan(insight: Insight) -> Plan:
    """The plan from ``insight.now``'s day to the next round (``Insight.plan`` keeps it)."""
    today = insight.now.date()
    rounds = insight.rounds
    target = insight.next_round
    if target is None and not rounds:
        return Plan("no_date", _NO_DATE, (Day(today, (_setup_item(),)),))
    if target is None:
        last = rounds[-1]
        ago = (today - last.day).days
        when = "today" if ago == 0 else f"{_days(ago)} ago"
        message = (
            f"Your last round ({last.label}) was on {last.day.isoformat()}, {when}: write its "
            "debrief while you remember it, and add the next round when you hear back."
        )
        items = (
            Item("debrief", f"Write the debrief of the {last.label.lower()} round", "debrief"),
            Item("setup", "Add the next round when you hear back", "basics"),
        )
        return Plan("past", message, (Day(today, items),))
    return _countdown(insight, target, today)


_NO_DATE = (
    "No interview date yet: add your rounds (or just the interview date) on the Company Profile "
    "page, and the plan counts down to the next one."
)


def _setup_item() -> Item:
    return Item("setup", "Add your interview rounds or date", "basics")


def _countdown(insight: Insight, target: Round, today: date) -> Plan:
    profile = insight.profile
    days_left = (target.day - today).days
    research = _research(insight) + _fit(insight)
    number = _numbers(profile)
    practice = [
        _practice(q, number[q.id])
        for q in insight.practice_order
        if not practised(q) or last_attempt_weak(q)
    ]
    far = days_left - 1 > HORIZON_DAYS
    work_days = [today + timedelta(n) for n in range(min(max(0, days_left - 1), HORIZON_DAYS))]
    schedule: dict[date, list[Item]] = {day: [] for day in work_days}
    for items, per_day in ((research, RESEARCH_PER_DAY), (practice, PRACTICE_PER_DAY)):
        if work_days:  # front-loaded; a short runway takes more a day rather than drop any
            per_day = max(per_day, math.ceil(len(items) / len(work_days)))
        for n, item in enumerate(items[: per_day * len(work_days)]):
            schedule[work_days[n // per_day]].append(item)
    has_questions = any(q.text for q in profile.prep.questions)
    for n, day in enumerate(work_days):
        if n and n % MOCK_EVERY == 0 and has_questions:
            schedule[day].append(Item("practice", _MOCK, "practice"))
        elif has_questions and not any(i.kind == "practice" for i in schedule[day]):
            schedule[day].append(Item("practice", _WEAKEST, "practice"))
        schedule[day].append(_anki())
    days = [Day(day, tuple(items)) for day, items in schedule.items()]
    if days_left >= 1 and not far:
        eve = today + timedelta(days_left - 1)
        last_minute = [] if work_days else research[:LAST_MINUTE] + practice[:LAST_MINUTE]
        days.append(Day(eve, tuple(_day_before(insight, last_minute))))
    days.append(Day(target.day, tuple(_round_day(target))))
    message = _countdown_message(target, days_left, research, practice)
    if far:
        message += f" It is far away: these are the first {HORIZON_DAYS // 7} weeks."
    if problem := day_problem(target.day, today):
        message = f"Check the round's day: {problem}. {message}"
    return Plan("ok", message, tuple(days), target)


def _research(insight: Insight) -> list[Item]:
    items = []
    for section in insight.completeness.sections:
        labels = [s.label for s in section.missing if s.path not in _NOT_RESEARCH]
        if labels:
            title = section.section.title  # "Research Sources" says "research" already
            verb = "Fill in" if title.startswith("Research") else "Research"
            text = f"{verb} {title}: {_join(labels)}"
            items.append(Item("research", text, section.section.key, section.section.key))
    return items


def _fit(insight: Insight) -> list[Item]:
    return [
        Item("fit", f"Prove a must-have: “{_short(row.text)}”", "fit", row.id)
        for row in insight.coverage.uncovered_musts()
    ]


def _numbers(profile: Profile) -> dict[str, int]:
    """Each question's number: its place in the bank, as the app and ``prep practice`` say."""
    return {q.id: n for n, q in numbered(profile.prep.questions)}


def _practice(question: Question, number: int, again: bool = False) -> Item:
    if again:
        verb = "Rehearse once more"
    elif last_attempt_weak(question):
        verb = "Rehearse again (last attempt was weak)"
    elif question.answer:
        verb = "Rehearse"
    else:
        verb = "Draft and rehearse"
    text = f"{verb}: question {number}, “{_short(question.text)}”"
    return Item("practice", text, "practice", question.id)


def _anki() -> Item:
    return Item("review", "Review the Anki deck (the cards due today)", "export")


def _day_before(insight: Insight, last_minute: list[Item]) -> list[Item]:
    profile, stale = insight.profile, len(insight.stale_facts)
    items = [
        Item("review", "Read the cheat sheet through once, out loud", "export"),
        _anki(),
    ]
    if stale:
        facts = "fact" if stale == 1 else "facts"
        items.append(
            Item(
                "facts", f"Re-check these {stale} {facts} before quoting them", "overview", "facts"
            )
        )
    weakest = [q for q in insight.practice_order if practised(q)][:2]
    number = _numbers(profile)
    items += [_practice(q, number[q.id], again=True) for q in weakest]
    items += [
        Item(i.kind, f"If there is time: {i.text[0].lower()}{i.text[1:]}", i.page, i.ref)
        for i in last_minute
    ]
    if profile.prep.questions_to_ask:
        items.append(Item("review", "Pick the questions you will ask them", "prep"))
    else:
        items.append(Item("review", "Choose three questions to ask them", "prep"))
    return items


def _round_day(target: Round) -> list[Item]:
    when = "" if target.all_day else f" at {target.start_time:%H:%M} ({target.timezone})"
    names = ", ".join(p.name for p in target.interviewers if p.name)
    who = f" with {names}" if names else ""
    return [
        Item("round", f"{target.label} round{when}{who}", "basics", target.id),
        Item("debrief", "Right after: write the debrief and the thank-you notes", "debrief"),
    ]


def _countdown_message(
    target: Round, days_left: int, research: list[Item], practice: list[Item]
) -> str:
    when = {0: "today", 1: "tomorrow"}.get(days_left, f"in {days_left} days")
    todo = f"{_count(len(research), 'section')} to research, {_count(len(practice), 'answer')}"
    return f"{target.label} round {when} ({target.day.isoformat()}): {todo} to rehearse."


def _round_dict(target: Round | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {
        "id": target.id,
        "kind": target.kind,
        "date": target.day.isoformat(),
        "time": None if target.all_day else f"{target.start_time:%H:%M}",
        "timezone": target.timezone,
    }


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _days(n: int) -> str:
    return _count(n, "day")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
