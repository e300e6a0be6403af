"""Interview rounds as the rest of the program sees them: effective, upcoming, the headline date.

A profile with rounds has those; a profile with only ``interview_date`` behaves as one all-day
round of kind *interview* on that day (``effective_rounds``), so the plan, the calendar and the
pages need no second case. ``interview_date`` is the headline: the next upcoming round's day
(``headline_date``), set by whatever edits the rounds.
"""

from __future__ import annotations

from datetime import datetime

from prep_core.model import Profile, Round

__all__ = ["effective_rounds", "headline_date", "next_round", "upcoming_rounds"]


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
    return [r for r in effective_rounds(profile) if r.end() > now]


def next_round(profile: Profile, now: datetime) -> Round | None:
    upcoming = upcoming_rounds(profile, now)
    return upcoming[0] if upcoming else None


def headline_date(profile: Profile, now: datetime):
    """The day ``interview_date`` should show: the next upcoming round's, else the last one's."""
    if not profile.rounds:
        return profile.interview_date
    upcoming = upcoming_rounds(profile, now)
    return (upcoming[0] if upcoming else effective_rounds(profile)[-1]).day
