"""The drill: spaced repetition in the app, aimed at the hour of the next round.

The cards are the Anki deck's (``prep_core.cards.build_cards``, one builder for both), known by
the same stable ids, so an edited answer keeps its history and a deleted question drops its
card. Each review (card id, rating 1-4, time) goes into the profile's ``DrillLog``; the FSRS
scheduler's state of every card is rebuilt from that log (``memories``): from its folded part,
then its reviews replayed in order.

What FSRS adds over Anki's own schedule is a prediction per card: the probability of recalling
it at a given moment (``Scheduler.get_card_retrievability``). Asked at the start of the next
round, it says which facts would be forgotten by then. A session (``session``) is the cards that
matter most now: those due, then those whose recall at the round's start is lowest, weak and
must-have cards first. A card below the target that the schedule brings back before the round is
left to its due day, except on the eve of the round, when what would be forgotten by its start is
drilled now. Without a round ahead, the session is the cards due now.

The log is bounded (``MAX_REVIEWS``): older reviews are folded into each card's scheduler state
(``compact``), which gives the very schedule the whole log gives.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import time as dtime
from typing import Any

from fsrs import Card as Memory
from fsrs import Rating, Scheduler, State

from prep_core.cards import Card
from prep_core.errors import PrepError
from prep_core.model import MAX_REVIEWS, CardMemory, DrillLog, Profile, Review, Round, Story
from prep_core.rounds import next_round
from prep_core.sections import SECTION_BY_KEY

__all__ = [
    "MAX_REVIEWS",
    "RATINGS",
    "SESSION_SIZE",
    "TARGET",
    "BadReview",
    "DrillCard",
    "DrillDay",
    "Session",
    "UnknownCard",
    "compact",
    "deck",
    "forecast",
    "memories",
    "minutes_for",
    "record",
    "session",
]

TARGET = 0.9  # predicted recall at the round's start below which a card is drilled
SESSION_SIZE = 20  # cards in one session at most
SECONDS_PER_CARD = 35  # a card's front, the recall, the answer and the rating, on average
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

# Without fuzzing the schedule is a function of the log alone: the same reviews, the same dates.
SCHEDULER = Scheduler(enable_fuzzing=False)


class UnknownCard(PrepError):
    """A card id that no card of the profile has."""


class BadReview(PrepError):
    """A rating out of range, or a review dated after now or before the last one."""


@dataclass(frozen=True)
class DrillCard:
    """A card of the deck with what the scheduler knows of it."""

    card: Card
    memory: Memory | None  # None: never drilled
    due: datetime | None  # when the schedule wants it back; None: never drilled (due now)
    recall_at_round: float | None  # predicted recall at the round's start; None: no round ahead

    @property
    def id(self) -> str:
        return self.card.id

    @property
    def priority(self) -> bool:
        """Weak (the last practice went badly) or about an uncovered must-have."""
        return self.card.weak or self.card.gap

    def is_due(self, now: datetime) -> bool:
        return self.due is None or self.due <= now


@dataclass(frozen=True)
class Session:
    """The cards to drill now, most needed first, and the figures the Drill page shows."""

    now: datetime
    round: Round | None
    cards: tuple[DrillCard, ...]  # the session, at most SESSION_SIZE
    deck: tuple[DrillCard, ...]  # every card, in template order
    recall_at_round: float | None  # the deck's mean predicted recall at the round's start
    recall_at_round_today: float | None  # the same before today's reviews: how it moved today
    by_section: dict[str, float] = field(default_factory=dict)  # section key -> mean recall
    reviewed_today: int = 0
    eve: bool = False  # the day before the round (or its day): below-target cards drilled now

    @property
    def round_start(self) -> datetime | None:
        return self.round.start() if self.round else None

    @property
    def moved_today(self) -> float | None:
        if self.recall_at_round is None or self.recall_at_round_today is None:
            return None
        return self.recall_at_round - self.recall_at_round_today

    @property
    def minutes(self) -> int:
        return minutes_for(len(self.cards))

    @property
    def note(self) -> str:
        """What the session is made of, in a sentence."""
        if self.round is None:
            return "No round ahead: the session is the cards due now."
        if not self.cards:
            return "Nothing is due, and every card is above the target at the round's start."
        if self.eve:
            return "The round is close: the session is what would be forgotten by its start."
        return "The cards due, then those you would most likely forget by the round's start."

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``prep drill --json``."""
        return {
            "recall_at_round": _rounded(self.recall_at_round),
            "round_start": self.round_start.isoformat() if self.round else None,
            "cards": [
                {
                    "id": item.id,
                    "front": item.card.front,
                    "due": item.due.isoformat() if item.due else None,
                    "recall_at_round": _rounded(item.recall_at_round),
                }
                for item in self.cards
            ],
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def minutes_for(cards: int) -> int:
    """Minutes a session of ``cards`` cards takes, rounded up ("Drill 14 cards, 9 min")."""
    return math.ceil(cards * SECONDS_PER_CARD / 60)


# --- the deck and its memory -------------------------------------------------------------------


def deck(profile: Profile, *, now: datetime, stories: Sequence[Story] = ()) -> list[Card]:
    """The cards to drill: the Anki deck's, stale facts left out (nothing old is memorised).

    A caller holding the profile's ``Insight`` has them already: ``Insight.cards``.
    """
    from prep_core.insight import Insight

    cards_only = profile.model_copy(update={"drill": DrillLog()})  # no need to copy the log
    return Insight.of(cards_only, stories, now=now).cards


def memories(log: DrillLog, *, until: datetime | None = None) -> dict[str, Memory]:
    """Each drilled card's scheduler state: its folded memory, then the log replayed in order.

    ``until``: only the reviews before that time (the state at the start of a day).
    """
    states = {m.card: _from_memory(m) for m in log.memory}
    for review in log.reviews:
        if until is not None and review.time >= until:
            break
        states[review.card] = _review(states.get(review.card), review)
    return states


def _review(memory: Memory | None, review: Review) -> Memory:
    memory = memory or Memory(card_id=0, due=review.time)  # card_id: unused, and 0 is no clock
    reviewed, _ = SCHEDULER.review_card(memory, Rating(review.rating), review.time)
    return reviewed


def _from_memory(m: CardMemory) -> Memory:
    return Memory(
        card_id=0,
        state=State(m.state),
        step=m.step,
        stability=m.stability,
        difficulty=m.difficulty,
        due=m.due,
        last_review=m.last_review,
    )


def _to_memory(card: str, memory: Memory) -> CardMemory:
    return CardMemory(
        card=card,
        state=memory.state.value,
        step=memory.step,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=memory.due,
        last_review=memory.last_review,
    )


def compact(reviews: Sequence[Review], memory: Iterable[CardMemory] = ()) -> DrillLog:
    """A log of at most ``MAX_REVIEWS`` reviews: the oldest folded into each card's memory.

    The schedule is unchanged: replaying the folded memory and the kept reviews gives every
    card the state the whole log gives (the scheduler is deterministic, its state exact floats).
    """
    reviews = list(reviews)
    memory = list(memory)
    if len(reviews) <= MAX_REVIEWS:
        return DrillLog(reviews=reviews, memory=memory)
    folded = len(reviews) - MAX_REVIEWS
    states = memories(DrillLog.model_construct(reviews=reviews[:folded], memory=memory))
    return DrillLog(
        reviews=reviews[folded:],
        memory=[_to_memory(card, state) for card, state in states.items()],
    )


def record(
    profile: Profile,
    card_id: str,
    rating: int,
    *,
    now: datetime,
    time: datetime | None = None,
    stories: Sequence[Story] = (),
    cards: Sequence[Card] | None = None,
) -> Profile:
    """A copy of ``profile`` with the review of ``card_id`` (1 Again ... 4 Easy) in its log.

    ``time`` is when the review was made (``now`` by default). Raises ``BadReview`` for a rating
    out of range, a review dated after ``now`` or before the log's last one (a clock that went
    backwards), and ``UnknownCard`` for an id no card of the profile has (``cards``: the deck
    when the caller has it, else built from the profile and ``stories``).
    """
    if isinstance(rating, bool) or rating not in RATINGS:
        choices = ", ".join(f"{n} ({label})" for n, label in RATINGS.items())
        raise BadReview(f"a rating is one of {choices}, not {rating!r}")
    now = _utc(now)
    when = _utc(time) if time is not None else now
    if when > now:
        raise BadReview(f"a review dated {when:%Y-%m-%d %H:%M} UTC is in the future; refused")
    log = profile.drill
    if log.reviews and log.reviews[-1].time > when:
        last = log.reviews[-1].time
        raise BadReview(
            f"the last review is dated {last:%Y-%m-%d %H:%M} UTC, after this one: "
            "is the clock right? Refused"
        )
    cards = deck(profile, now=now, stories=stories) if cards is None else cards
    if card_id not in {card.id for card in cards}:
        raise UnknownCard(f"no card {card_id!r} in this profile; `prep drill` lists them")
    review = Review(card=card_id, rating=rating, time=when)
    return profile.model_copy(update={"drill": compact([*log.reviews, review], log.memory)})


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- the session -------------------------------------------------------------------------------


def session(
    profile: Profile,
    *,
    now: datetime,
    stories: Sequence[Story] = (),
    cards: Sequence[Card] | None = None,
    skip: Iterable[str] = (),
    size: int = SESSION_SIZE,
) -> Session:
    """The cards to drill now (at most ``size``), most needed first, with the figures.

    ``cards``: the deck when the caller has it already; ``skip``: ids of cards already drilled
    in this sitting (a session shows each card once).
    """
    local = now if now.tzinfo else now.replace(tzinfo=UTC)  # "today" is the caller's day
    day_start = _utc(local.replace(hour=0, minute=0, second=0, microsecond=0))
    now = _utc(now)
    cards = deck(profile, now=now, stories=stories) if cards is None else cards
    target = next_round(profile, now)
    start = target.start().astimezone(UTC) if target else None
    states, before_today, reviewed_today = _replay(profile.drill, day_start)
    items = tuple(_item(card, states.get(card.id), start) for card in cards)
    eve = _is_eve(target, now)
    skipped = set(skip)
    needed = [item for item in items if item.id not in skipped and _needed(item, now, start, eve)]
    needed.sort(key=lambda item: _urgency(item, now))
    by_section: dict[str, list[float]] = defaultdict(list)
    for item in items:
        if item.recall_at_round is not None:
            by_section[item.card.section].append(item.recall_at_round)
    return Session(
        now=now,
        round=target,
        cards=tuple(needed[:size]),
        deck=items,
        recall_at_round=_mean(item.recall_at_round for item in items) if start else None,
        recall_at_round_today=_mean(_recall(before_today.get(card.id), start) for card in cards)
        if start
        else None,
        by_section={
            key: sum(values) / len(values)
            for key in SECTION_BY_KEY
            if (values := by_section.get(key))
        },
        reviewed_today=len(reviewed_today),
        eve=eve,
    )


def _replay(log: DrillLog, day_start: datetime) -> tuple[dict, dict, list[str]]:
    """The states now and at ``day_start`` in one replay, and the cards reviewed since then
    (one id per review)."""
    states = {m.card: _from_memory(m) for m in log.memory}
    before: dict[str, Memory] | None = None
    today: list[str] = []
    for review in log.reviews:
        if review.time >= day_start:
            if before is None:
                before = dict(states)
            today.append(review.card)
        states[review.card] = _review(states.get(review.card), review)
    return states, states if before is None else before, today


def _item(card: Card, memory: Memory | None, start: datetime | None) -> DrillCard:
    return DrillCard(
        card=card,
        memory=memory,
        due=memory.due if memory else None,
        recall_at_round=_recall(memory, start) if start else None,
    )


def _recall(memory: Memory | None, at: datetime | None) -> float | None:
    if at is None:
        return None
    return SCHEDULER.get_card_retrievability(memory, at) if memory else 0.0


def _is_eve(target: Round | None, moment: datetime) -> bool:
    """``moment`` is on the eve of the round (the day before its day, in its time zone) or on
    its day before it starts."""
    if target is None:
        return False
    return (target.day - moment.astimezone(target.start().tzinfo).date()).days <= 1


def _needed(item: DrillCard, now: datetime, start: datetime | None, eve: bool) -> bool:
    """Due now; or below the target at the round's start and not back before it. On the eve of
    the round, also what comes due before its start or would be forgotten by then: the round's
    day is no time to drill."""
    if item.is_due(now):
        return True
    if start is None:
        return False
    if eve and item.due is not None and item.due <= start:
        return True
    if item.recall_at_round is None or item.recall_at_round >= TARGET:
        return False
    return eve or item.due is None or item.due >= start


def _urgency(item: DrillCard, now: datetime) -> tuple:
    recall = item.recall_at_round if item.recall_at_round is not None else 0.0
    return (not item.is_due(now), not item.priority, recall)


def _mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


# --- the plan's daily drill --------------------------------------------------------------------


@dataclass(frozen=True)
class DrillDay:
    """The drill of one day of the plan: how many cards, and (today) how many are drilled."""

    day: date
    cards: int  # to drill that day, at most SESSION_SIZE (today: those still to do)
    drilled: int = 0  # reviews made that day (only known for today)
    eve: bool = False  # the eve of a round: what would be forgotten by its start

    @property
    def done(self) -> bool:
        """Ticked off: today's cards are drilled and nothing is left to drill now."""
        return self.cards == 0 and self.drilled > 0

    @property
    def text(self) -> str:
        """ "Drill 14 cards, 9 min", or "Drilled 14 cards" once done."""
        if self.done:
            return f"Drilled {_cards(self.drilled)} today"
        text = f"Drill {_cards(self.cards)}, {minutes_for(self.cards)} min"
        if self.eve:
            text += ": what you would forget by the round's start"
        return text + (f" ({self.drilled} done)" if self.drilled else "")


def _cards(n: int) -> str:
    return f"{n} card" if n == 1 else f"{n} cards"


def forecast(
    profile: Profile,
    *,
    now: datetime,
    days: Sequence[date],
    stories: Sequence[Story] = (),
    cards: Sequence[Card] | None = None,
) -> list[DrillDay]:
    """The drill of each of ``days`` from today (earlier days are left out), from the log now.

    Today's count is the session now, less the cards already drilled today (at most
    ``SESSION_SIZE`` in the day); a later day's is the session of its evening, assuming each
    earlier day's session was done (rated Good): the cards that come due by then, and on the eve
    of a round those below the target at its start. One replay of the log for all the days.
    """
    local = now if now.tzinfo else now.replace(tzinfo=UTC)
    day_start = _utc(local.replace(hour=0, minute=0, second=0, microsecond=0))
    now = _utc(now)
    cards = deck(profile, now=now, stories=stories) if cards is None else cards
    states, _, reviewed_today = _replay(profile.drill, day_start)
    result = []
    for day in sorted(d for d in days if d >= local.date()):
        today = day == local.date()
        moment = now if today else _utc(datetime.combine(day, dtime(20, 0), local.tzinfo))
        target = next_round(profile, moment)
        start = target.start().astimezone(UTC) if target else None
        eve = _is_eve(target, moment)
        done_today = set(reviewed_today) if today else set()
        items = [_item(c, states.get(c.id), start) for c in cards if c.id not in done_today]
        room = SESSION_SIZE - len(reviewed_today) if today else SESSION_SIZE
        needed = sorted(
            (item for item in items if _needed(item, moment, start, eve)),
            key=lambda item: _urgency(item, moment),
        )[: max(0, room)]
        for item in needed:  # assume the day's session is done: each card rated Good then
            review = Review.model_construct(card=item.id, rating=3, time=moment)
            states[item.id] = _review(states.get(item.id), review)
        result.append(DrillDay(day, len(needed), len(reviewed_today) if today else 0, eve))
    return result
