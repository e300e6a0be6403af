"""Interview rounds as the rest of the program sees them: effective, upcoming, the headline date,
and the edits a person makes to them.

A profile with rounds has those; a profile with only ``interview_date`` behaves as one all-day
round of kind *interview* on that day (``effective_rounds``), so the plan, the calendar and the
pages need no second case.

**The one rule for the interview date**: with rounds, ``interview_date`` is the next upcoming
round's day, else the last round's (``headline_date``). Every edit of the rounds here stores it
(``follow_next_round``), and whatever shows a date (the page, the Library, ``prep list``, the
exports) asks ``headline_date`` at its own ``now``, so a round that has passed moves it on.

Edits (``add_round``, ``edit_round``, ``delete_round``) build the new rounds first and assign
them only once they are valid: a refused edit raises ``ValueError`` with one line and leaves the
profile as it was. Two timed rounds may not overlap, and a timed round may not run past
midnight (its debrief, the plan and the calendar all count on it ending on its own day).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from pydantic import ValidationError

from prep_core.errors import NoSuchRound
from prep_core.model import ROUND_MINUTES_BY_KIND, Profile, Round

__all__ = [
    "add_round",
    "delete_round",
    "edit_round",
    "effective_rounds",
    "follow_next_round",
    "headline_date",
    "last_started_round",
    "length_text",
    "new_round",
    "next_round",
    "parse_length",
    "round_number",
    "upcoming_rounds",
]

FIRST_ROUND_DAYS = 7  # a first round without any date to start from: a week from today


def effective_rounds(profile: Profile) -> list[Round]:
    """The profile's rounds in time order, or the one all-day round its ``interview_date`` means."""
    if profile.rounds:
        return sorted(profile.rounds, key=lambda r: (r.start(), r.id))
    if profile.interview_date is not None:
        # a stable id, so that a calendar re-export updates the same event
        return [Round(id=f"date-{profile.id[:58]}", day=profile.interview_date)]
    return []


def upcoming_rounds(profile: Profile, now: datetime) -> list[Round]:
    """Rounds not yet over at ``now`` (an aware datetime), soonest first."""
    return [r for r in effective_rounds(profile) if r.end() > _aware(now)]


def next_round(profile: Profile, now: datetime) -> Round | None:
    upcoming = upcoming_rounds(profile, now)
    return upcoming[0] if upcoming else None


def headline_date(profile: Profile, now: datetime) -> date | None:
    """The day ``interview_date`` means: the next upcoming round's, else the last one's."""
    if not profile.rounds:
        return profile.interview_date
    upcoming = upcoming_rounds(profile, now)
    return (upcoming[0] if upcoming else effective_rounds(profile)[-1]).day


def follow_next_round(profile: Profile, now: datetime) -> None:
    """Store the headline date in ``interview_date`` (after any edit of the rounds)."""
    day = headline_date(profile, now)
    if day != profile.interview_date:
        profile.interview_date = day


def round_number(profile: Profile, number: int | None, now: datetime) -> Round:
    """Round ``number`` (from 1, in time order), or the next upcoming one when None (else the
    last). ValueError in one line when there is no such round."""
    rounds = effective_rounds(profile)
    if not rounds:
        raise NoSuchRound("no interview rounds yet: add them on the Company Profile page")
    if number is None:
        return next_round(profile, now) or rounds[-1]
    if not 1 <= number <= len(rounds):
        count = "1 round" if len(rounds) == 1 else f"{len(rounds)} rounds"
        raise NoSuchRound(f"no round {number}: this profile has {count}")
    return rounds[number - 1]


def last_started_round(profile: Profile, number: int | None, now: datetime) -> Round:
    """Round ``number``, or the latest one that has started at ``now`` (what a debrief and a
    thank-you are about), else the next one. ValueError in one line when there is none."""
    if number is not None:
        return round_number(profile, number, now)
    started = [r for r in effective_rounds(profile) if r.start() <= _aware(now)]
    return started[-1] if started else round_number(profile, None, now)


# --- edits --------------------------------------------------------------------------------------


def new_round(profile: Profile, now: datetime) -> Round:
    """The round "Add a round" adds: after the last round (the day after it, in its time zone and
    place); the first one on the interview date already typed, else a week from today."""
    today = _aware(now).date()
    if not profile.rounds:
        day = profile.interview_date or today + timedelta(days=FIRST_ROUND_DAYS)
        return Round(day=day)
    last = effective_rounds(profile)[-1]
    day = max(last.day + timedelta(days=1), today)
    return Round(day=day, timezone=last.timezone, location=last.location)


def add_round(profile: Profile, now: datetime) -> Round:
    """Add ``new_round`` to the profile; no other field changes (the headline date stays the
    next upcoming round's, which a round after the last one is not)."""
    item = new_round(profile, now)
    _assign(profile, [*profile.rounds, item], now)
    return item


def edit_round(profile: Profile, round_id: str, now: datetime, **changes: Any) -> Round:
    """Change fields of one round. A new ``kind`` brings its usual length when the round still
    had the old kind's. ValueError (one line) for a refused value, an overlap or a round that
    runs past midnight; the profile is then unchanged."""
    old = _find(profile, round_id)
    data = old.model_dump() | changes
    kept_length = old.minutes == ROUND_MINUTES_BY_KIND[old.kind]
    if "kind" in changes and "minutes" not in changes and kept_length:
        data.pop("minutes")  # the model gives the new kind's length
    try:
        item = Round.model_validate(data)
    except ValidationError as error:
        from prep_core.errors import describe_validation_error

        raise ValueError(describe_validation_error(error)) from None
    _assign(profile, [item if r.id == round_id else r for r in profile.rounds], now)
    return item


def delete_round(profile: Profile, round_id: str, now: datetime) -> None:
    _assign(profile, [r for r in profile.rounds if r.id != round_id], now)


def check_rounds(rounds: list[Round]) -> None:
    """ValueError (one line) when a timed round runs past midnight or two timed rounds overlap."""
    timed = sorted((r for r in rounds if not r.all_day), key=lambda r: (r.start(), r.id))
    for item in timed:
        if item.end().date() != item.day:
            raise ValueError(
                f"the {item.label.lower()} round on {item.day.isoformat()} would run past "
                f"midnight ({_hours(item.minutes)} from {item.start_time:%H:%M}): start it "
                "earlier or make it shorter"
            )
    for first, second in pairwise(timed):
        if second.start() < first.end():
            same = second.start() == first.start()
            raise ValueError(
                f"the {second.label.lower()} round at {_when(second)} "
                + ("starts at the same time as" if same else "starts before the end of")
                + f" the {first.label.lower()} round ({_when(first)}, {_hours(first.minutes)}):"
                " move one of them"
            )


def _assign(profile: Profile, rounds: list[Round], now: datetime) -> None:
    check_rounds(rounds)
    profile.rounds = rounds
    follow_next_round(profile, now)


def _find(profile: Profile, round_id: str) -> Round:
    for item in profile.rounds:
        if item.id == round_id:
            return item
    raise ValueError("that round is no longer there: it was deleted")


def _when(item: Round) -> str:
    return f"{item.day.isoformat()} {item.start_time:%H:%M} {item.timezone}"


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


_LENGTH = re.compile(
    r"(?:(?P<h>\d+(?:[.,]\d+)?)\s*(?:h|hours?|hrs?)\b)?\s*"
    r"(?:(?P<m>\d+)\s*(?:m|min|mins|minutes?)?)?",
    re.I,
)


def parse_length(text: str) -> int:
    """A round's length as typed: "45", "45 min", "1.5 h", "4 hours", "1 h 30", "1:30" (in
    minutes). ValueError in one line for anything else."""
    value = " ".join(text.split()).lower()
    if clock := re.fullmatch(r"(\d{1,2}):(\d{2})", value):
        minutes = int(clock[1]) * 60 + int(clock[2])
    elif value and (match := _LENGTH.fullmatch(value)) and (match["h"] or match["m"]):
        hours = float(match["h"].replace(",", ".")) if match["h"] else 0.0
        minutes = round(hours * 60) + int(match["m"] or 0)
    else:
        raise ValueError(
            f"{text.strip()[:40]!r} is not a length: type minutes (45) or hours (1.5 h, 4 h)"
        )
    return minutes


def length_text(minutes: int) -> str:
    """A length as a person writes it: "30 min", "4 h", "1 h 30 min"."""
    return _hours(minutes)


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo else now.replace(tzinfo=UTC)
