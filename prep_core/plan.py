"""The plan: day by day from today to the last upcoming round, each day prepared for the round
that comes next, by its kind.

Nothing is ticked off by hand: every item comes from the profile's state, so an item disappears
when the thing is done (a section filled in, a question rehearsed with an attempt that was not
weak) and the plan is simply computed again. Every input comes from one ``Insight`` (its clock
``now``, its completeness, coverage, practice order, stale facts and rounds), so the Plan page,
the calendar and Practice agree by construction. The days:

- **a work day** belongs to the round that comes next. What it holds depends on that round's
  kind (``FOR_KIND``): a recruiter screen is the pitch, why this company, salary and notice,
  logistics and the questions about the process; a technical or system-design round is the
  must-haves nothing proves yet (``fit``) and the questions in its categories; a behavioral
  round is the stories that prove the must-haves and the weakest behavioral answers; an onsite
  or a final is all of these and the interviewers (a question without a category fits any
  round). The must-haves come first, then the research (sections still empty) in the first
  stretch of days. Each thing is planned once, before the first round that asks for it (a
  question no round asks, before the last), front-loaded (two research items, three practice
  items a day, more when the stretch is short); every work day also reviews the Anki deck
  and drills the cards the in-app drill has for it (``drill.forecast``: "Drill 14 cards, 8
  min", ticked off today once drilled), and on long runways a mock round comes once a week;
- **the eve of each round** is review only, for that round: its brief, the deck, the facts to
  re-check (``freshness``), the cards that would be forgotten by the round's start, its kind's
  weakest answers, the questions to ask; with no work day
  before it, the two most pressing things come in as "if there is time";
- **a round's day** holds the round and, after it ends, its debrief; nothing else is planned
  inside a round (the next round's review, on consecutive days, comes after the debrief).

The days are bounded whatever the dates: ``HORIZON_DAYS`` of work days and eves at most, then
only the rounds' days ("far away"), so a typo such as 2062 for 2026 costs what six weeks cost.
A round on a day to check (``model.day_problem``: before 1990 or more than five years ahead)
says so first. A round in the past, or no date at all, gives a one-day plan that says what to do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from prep_core.brief import FOCUS
from prep_core.model import Profile, Question, Round, day_problem
from prep_core.progress import last_attempt_weak, practised
from prep_core.question_bank import numbered

if TYPE_CHECKING:
    from prep_core.insight import Insight

__all__ = ["FOR_KIND", "Day", "Item", "Plan", "plan"]

ItemKind = Literal[
    "research", "fit", "practice", "drill", "review", "facts", "round", "debrief", "setup"
]
Status = Literal["ok", "no_date", "past"]

RESEARCH_PER_DAY = 2  # sections
PRACTICE_PER_DAY = 3  # questions
LAST_MINUTE = 2  # gaps taken in on the day before when there is no other day
MOCK_EVERY = 7  # days: a mock round on long runways
HORIZON_DAYS = 42  # six weeks of days at most; rounds further away are "far away"
_MOCK = "Mock round: three questions aloud, against the clock"
_WEAKEST = "Rehearse your two weakest answers again"
_NOT_RESEARCH = {"interview_date"}  # the date is the plan's input, not a gap to research


@dataclass(frozen=True)
class Prepares:
    """What a kind of round asks for: the screen's topics, the must-haves, the stories that
    prove them, the question categories (None: every category), the interviewers."""

    topics: bool = False
    must_haves: bool = False
    stories: bool = False
    categories: frozenset[str] | None = frozenset()
    people: bool = False


_ALL = Prepares(must_haves=True, stories=True, categories=None, people=True)
FOR_KIND: dict[str, Prepares] = {
    "recruiter_screen": Prepares(topics=True, categories=frozenset({"motivation", "company"})),
    "technical": Prepares(must_haves=True, categories=frozenset({"technical", "role"})),
    "system_design": Prepares(must_haves=True, categories=frozenset({"technical"})),
    "behavioral": Prepares(stories=True, categories=frozenset({"behavioral"})),
    "onsite": _ALL,
    "final": Prepares(topics=True, stories=True, categories=None, people=True),
    "interview": _ALL,
    "other": _ALL,
}


@dataclass(frozen=True)
class Item:
    kind: ItemKind
    text: str
    page: str  # the page it links to: a section key, "practice", "export", "plan", "debrief"
    ref: str = ""  # what it is about: a section key or a question id (stable, for calendars)
    round: str = ""  # the id of the round it prepares for (or is)
    done: bool = False  # ticked off by what the person did today (the day's drill)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "page": self.page,
            "round": self.round,
            "done": self.done,
        }


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
    round: Round | None = field(default=None)  # the next round
    rounds: tuple[Round, ...] = ()  # every upcoming round, the next first

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "message": self.message,
            "round": _round_dict(self.round),
            "rounds": [_round_dict(r) for r in self.rounds],
            "days": [d.to_dict() for d in self.days],
        }


def plan(insight: Insight) -> Plan:
    """The plan from ``insight.now``'s day to the last upcoming round (``Insight.plan`` keeps
    it)."""
    today = insight.now.date()
    rounds = insight.rounds
    upcoming = tuple(r for r in rounds if r.end() > insight.now)
    if not rounds:
        return Plan("no_date", _NO_DATE, (Day(today, (_setup_item(),)),))
    if not upcoming:
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
    return _countdown(insight, upcoming, today)


_NO_DATE = (
    "No interview date yet: add your rounds (or just the interview date) on the Company Profile "
    "page, and the plan counts down to the next one."
)


def _setup_item() -> Item:
    return Item("setup", "Add your interview rounds or date", "basics")


def _countdown(insight: Insight, upcoming: tuple[Round, ...], today: date) -> Plan:
    horizon = today + timedelta(days=HORIZON_DAYS)
    round_days = {r.day for r in upcoming}
    eves = {r.day - timedelta(days=1): r for r in reversed(upcoming) if r.day > today}
    stretches: dict[str, list[date]] = {r.id: [] for r in upcoming}
    day = today
    for target in upcoming:  # the work days before each round, up to the horizon
        while day < target.day and day < horizon:
            if day not in round_days and day not in eves:
                stretches[target.id].append(day)
            day += timedelta(days=1)
    work = _work(insight, upcoming)
    drill_days = [d for days in stretches.values() for d in days]
    drill_days += [eve for eve in eves if eve < horizon]
    drilled = _drill(insight, sorted(set(drill_days)))
    schedule: dict[date, list[Item]] = {}
    leftovers: dict[str, list[Item]] = {}
    has_questions = any(q.text for q in insight.profile.prep.questions)
    for target in upcoming:
        days = stretches[target.id]
        research, practice = work[target.id]
        for d in days:
            schedule[d] = []
        for items, per_day in ((research, RESEARCH_PER_DAY), (practice, PRACTICE_PER_DAY)):
            if days:  # front-loaded; a short stretch takes more a day rather than drop any
                per_day = max(per_day, math.ceil(len(items) / len(days)))
            for n, item in enumerate(items[: per_day * len(days)]):
                schedule[days[n // per_day]].append(item)
        if not days:
            leftovers[target.id] = research[:LAST_MINUTE] + practice[:LAST_MINUTE]
        for d in days:
            n = (d - today).days
            if n and n % MOCK_EVERY == 0 and has_questions:
                schedule[d].append(Item("practice", _MOCK, "practice", round=target.id))
            elif has_questions and not any(i.kind == "practice" for i in schedule[d]):
                schedule[d].append(Item("practice", _WEAKEST, "practice", round=target.id))
            schedule[d] += [replace(i, round=target.id) for i in drilled.get(d, [])]
            schedule[d].append(_anki(target))
    for target in upcoming:
        schedule.setdefault(target.day, []).extend(_round_day(target))
    for eve, target in eves.items():
        if eve < horizon:
            late = leftovers.get(target.id, [])
            schedule.setdefault(eve, []).extend(_eve(insight, target, late, drilled.get(eve, [])))
    days = tuple(Day(d, tuple(items)) for d, items in sorted(schedule.items()))
    research = len(_research(insight, ""))
    asks = _question_ids(insight)
    practice = sum(1 for r in work.values() for i in r[1] if i.ref in asks)
    message = _message(upcoming, today, research, practice)
    if upcoming[-1].day > horizon:
        message += f" The last rounds are far away: these are the first {HORIZON_DAYS // 7} weeks."
    problems = [p for r in upcoming if (p := day_problem(r.day, today))]
    if problems:
        message = f"Check the round's day: {problems[0]}. {message}"
    return Plan("ok", message, days, upcoming[0], upcoming)


def _work(insight: Insight, upcoming: tuple[Round, ...]) -> dict[str, tuple[list, list]]:
    """For each upcoming round, the (research-like, practice-like) items planned before it:
    each thing once, before the first round whose kind asks for it."""
    first = upcoming[0].id
    work: dict[str, tuple[list[Item], list[Item]]] = {r.id: ([], []) for r in upcoming}
    fit_round = next((r for r in upcoming if FOR_KIND[r.kind].must_haves), upcoming[0])
    work[fit_round.id][0].extend(_fit(insight, fit_round.id))  # gaps first
    work[first][0].extend(_research(insight, first))
    story_round = next((r for r in upcoming if FOR_KIND[r.kind].stories), None)
    if story_round is not None:
        work[story_round.id][1].extend(_stories(insight, story_round.id))
    for target in upcoming:
        wants = FOR_KIND[target.kind]
        if wants.topics:
            work[target.id][1].extend(
                Item("practice", f"Prepare: {topic}", "prep", f"topic-{n}", target.id)
                for n, topic in enumerate(FOCUS["recruiter_screen"])
            )
        names = [p.name for p in target.interviewers if p.name]
        if wants.people and names:
            text = f"Read up on who you will meet: {_short(', '.join(names), 120)}"
            work[target.id][1].append(
                Item("research", text, "basics", f"people-{target.id}", target.id)
            )
    questions = [
        q for q in insight.practice_order if q.text and (not practised(q) or last_attempt_weak(q))
    ]
    number = _numbers(insight.profile)
    for question in questions:
        target = next((r for r in upcoming if _asks(FOR_KIND[r.kind], question)), upcoming[-1])
        work[target.id][1].append(_practice(question, target.id, number[question.id]))
    return work


def _asks(wants: Prepares, question: Question) -> bool:
    """Whether a round of this kind asks such a question (one without a category: any)."""
    return (
        wants.categories is None or not question.category or question.category in wants.categories
    )


def _question_ids(insight: Insight) -> set[str]:
    return {q.id for q in insight.profile.prep.questions}


def _research(insight: Insight, rid: str) -> list[Item]:
    items = []
    for section in insight.completeness.sections:
        labels = [s.label for s in section.missing if s.path not in _NOT_RESEARCH]
        if labels:
            title = section.section.title  # "Research Sources" says "research" already
            verb = "Fill in" if title.startswith("Research") else "Research"
            text = f"{verb} {title}: {_join(labels)}"
            items.append(Item("research", text, section.section.key, section.section.key, rid))
    return items


def _fit(insight: Insight, rid: str) -> list[Item]:
    return [
        Item("fit", f"Prove a must-have: “{_short(row.text)}”", "fit", row.id, rid)
        for row in insight.coverage.uncovered_musts()
    ]


def _stories(insight: Insight, rid: str) -> list[Item]:
    """The stories that prove a must-have, once each: rehearse them aloud (STAR)."""
    titles = {s.id: s.title or _short(s.situation) for s in insight.stories}
    told: dict[str, str] = {}
    for row in insight.coverage.requirements:
        if row.kind == "must":
            for sid in row.stories:
                told.setdefault(sid, row.text)
    return [
        Item(
            "practice",
            f"Tell the story “{_short(titles.get(sid, ''))}” aloud (STAR): it proves "
            f"“{_short(text, 60)}”",
            "fit",
            f"story-{sid}",
            rid,
        )
        for sid, text in told.items()
    ]


def _numbers(profile: Profile) -> dict[str, int]:
    """Each question's number: its place in the bank, as the app and ``prep practice`` say."""
    return {q.id: n for n, q in numbered(profile.prep.questions)}


def _practice(question: Question, rid: str, number: int, again: bool = False) -> Item:
    if again:
        verb = "Rehearse once more"
    elif last_attempt_weak(question):
        verb = "Rehearse again (last attempt was weak)"
    elif question.answer:
        verb = "Rehearse"
    else:
        verb = "Draft and rehearse"
    text = f"{verb}: question {number}, “{_short(question.text)}”"
    return Item("practice", text, "practice", question.id, rid)


def _drill(insight: Insight, days: list[date]) -> dict[date, list[Item]]:
    """The drill item of each day with cards to drill (``drill.forecast``): "Drill 14 cards,
    8 min", ticked off today once they are drilled; on an eve, what would be forgotten by the
    round's start."""
    from prep_core.drill import forecast

    drills = forecast(insight.profile, now=insight.now, days=days, cards=insight.cards)
    return {
        d.day: [Item("drill", d.text, "drill", "drill", done=d.done)]
        for d in drills
        if d.cards or d.done
    }


def _anki(target: Round) -> Item:
    return Item("review", "Review the Anki deck (the cards due today)", "export", round=target.id)


def _eve(insight: Insight, target: Round, last_minute: list[Item], drill: list[Item]) -> list[Item]:
    """The day before ``target``: review only, for its kind."""
    profile, stale, rid = insight.profile, len(insight.stale_facts), target.id
    label = target.label.lower()
    items = [
        Item("review", f"Read the {label} round's brief once, out loud", "plan", round=rid),
        _anki(target),
    ]
    if stale:
        facts = "fact" if stale == 1 else "facts"
        text = f"Re-check these {stale} {facts} before quoting them"
        items.append(Item("facts", text, "overview", "facts", rid))
    items += [Item(i.kind, i.text, i.page, i.ref, rid, i.done) for i in drill]
    wants = FOR_KIND[target.kind]
    if wants.topics:
        text = "Say your pitch, your salary expectations and your notice period aloud once"
        items.append(Item("review", text, "prep", "topics", rid))
    weakest = [q for q in insight.practice_order if practised(q) and _asks(wants, q)][:2]
    number = _numbers(profile)
    items += [_practice(q, rid, number[q.id], again=True) for q in weakest]
    names = [p.name for p in target.interviewers if p.name]
    if wants.people and names:
        text = f"Go over who you will meet: {_short(', '.join(names), 120)}"
        items.append(Item("review", text, "basics", f"people-{rid}", rid))
    items += [
        Item(i.kind, f"If there is time: {i.text[0].lower()}{i.text[1:]}", i.page, i.ref, rid)
        for i in last_minute
    ]
    if profile.prep.questions_to_ask:
        items.append(Item("review", "Pick the questions you will ask them", "prep", round=rid))
    else:
        items.append(Item("review", "Choose three questions to ask them", "prep", round=rid))
    return items


def _round_day(target: Round) -> list[Item]:
    when = (
        ""
        if target.all_day
        else f" at {target.start():%H:%M}–{target.end():%H:%M} ({target.timezone})"
    )
    names = ", ".join(p.name for p in target.interviewers if p.name)
    who = f" with {_short(names, 120)}" if names else ""
    after = "In the evening" if target.all_day else f"Right after it ends ({target.end():%H:%M})"
    return [
        Item("round", f"{target.label} round{when}{who}", "basics", target.id, target.id),
        Item(
            "debrief",
            f"{after}: write the debrief of the {target.label.lower()} round and the "
            "thank-you notes",
            "debrief",
            f"debrief-{target.id}",
            target.id,
        ),
    ]


def _message(upcoming: tuple[Round, ...], today: date, research: int, practice: int) -> str:
    first, last = upcoming[0], upcoming[-1]
    text = f"{first.label} round {_when(first, today)} ({first.day.isoformat()})"
    if len(upcoming) > 1:
        more = len(upcoming) - 1
        rounds = "round" if more == 1 else "rounds"
        text += (
            f", then {more} more {rounds} to the {last.label.lower()} {_when(last, today)} "
            f"({last.day.isoformat()})"
        )
    todo = f"{_count(research, 'section')} to research, {_count(practice, 'answer')}"
    return f"{text}: {todo} to rehearse."


def _when(item: Round, today: date) -> str:
    days_left = (item.day - today).days
    return {0: "today", 1: "tomorrow"}.get(days_left, f"in {days_left} days")


def _round_dict(target: Round | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {
        "id": target.id,
        "kind": target.kind,
        "date": target.day.isoformat(),
        "time": None if target.all_day else f"{target.start_time:%H:%M}",
        "minutes": None if target.all_day else target.minutes,
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
