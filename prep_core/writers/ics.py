"""Writer for a calendar (iCalendar, RFC 5545): ``write(profile, *, now) -> bytes``.

Built with ``icalendar``, which escapes text (``,`` ``;`` ``\\`` and newlines), folds lines at 75
octets and ends them with CRLF. What the calendar holds:

- each interview round as an event: timed rounds in their own time zone (``DTSTART;TZID=...``
  with a ``VTIMEZONE`` for every zone used; UTC as ``...Z``, and so is a start or end whose
  wall time a daylight-saving change skips or repeats), all-day rounds as ``DATE``
  values; the interviewers in the description; the place or link as ``LOCATION``; two
  ``VALARM`` reminders, a day and an hour before;
- a debrief block right after each round (after an all-day round: 18:00 that day);
- the plan to the next round (``Insight.plan``, the Plan page's): one evening prep block a day
  listing that day's items, and on the day before a "re-check facts" block when some facts are
  stale.

A round on a day a profile should not hold (``model.day_problem``: a typo such as 2062, a file's
9999-12-31) is left out, with the plan leading to it; reading the file noted it. The plan is
bounded (six weeks at most), so the calendar is too.

Every UID comes from stable ids (the profile's, the round's, the day's date), so importing a
later export updates the events instead of adding copies; ``SEQUENCE`` is the profile's
revision. ``now`` is ``DTSTAMP`` (the plan's clock is the insight's), so the same call gives the
same bytes.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vText

from prep_core.model import Profile, Round, day_problem

if TYPE_CHECKING:
    from prep_core.insight import Insight

__all__ = ["PRODID", "write"]

PRODID = "-//Interview Prep Studio//prep//EN"
DOMAIN = "interview-prep-studio.local"  # the right-hand side of every UID
PREP_AT = time(18, 0)  # the evening prep block, in the next round's time zone
PREP_MINUTES = 60
FACTS_AT = time(17, 30)
FACTS_MINUTES = 30
DEBRIEF_MINUTES = 30
ALARMS = (timedelta(days=-1), timedelta(hours=-1))


def write(profile: Profile, *, now: datetime, insight: Insight) -> bytes:
    now = (now if now.tzinfo else now.replace(tzinfo=UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(f"Interview: {profile.title}"))  # TEXT, escaped
    stamp = _Stamp(profile, now)
    events = []
    for item in insight.rounds:
        if not day_problem(item.day, insight.now.date()):
            events += [_round_event(profile, item, stamp), _debrief_event(profile, item, stamp)]
    events += _plan_events(profile, insight, stamp)
    zones = sorted({z for e in events for z in _zones(e)})
    # A component's text is its lines in order: the calendar's head, then each VTIMEZONE (built
    # once per zone: icalendar's from_tzid takes milliseconds), then the events.
    head = calendar.to_ical().removesuffix(b"END:VCALENDAR\r\n")
    body = [_vtimezone(zone) for zone in zones] + [event.to_ical() for event in events]
    return b"".join([head, *body, b"END:VCALENDAR\r\n"])


@cache
def _vtimezone(name: str) -> bytes:
    return Timezone.from_tzid(name).to_ical()


def _zones(event: Event) -> set[str]:
    found = set()
    for key in ("dtstart", "dtend"):
        tzid = event[key].params.get("TZID") if key in event else None
        if tzid:
            found.add(str(tzid))
    return found


class _Stamp:
    """What every event carries: its UID's domain, DTSTAMP, SEQUENCE."""

    def __init__(self, profile: Profile, now: datetime) -> None:
        self.profile, self.now = profile, now

    def event(self, kind: str, key: str, summary: str) -> Event:
        event = Event()
        event.add("uid", f"{kind}-{key}-{self.profile.id}@{DOMAIN}")
        event.add("dtstamp", self.now)
        event.add("sequence", self.profile.revision)
        event.add("summary", summary)
        return event


def _round_event(profile: Profile, item: Round, stamp: _Stamp) -> Event:
    company = profile.company or "Interview"
    event = stamp.event("round", item.id, f"{company}: {item.label} interview")
    _when(event, item.start(), item.end(), all_day=item.all_day)
    lines = [f"{item.label} round for {profile.role_title or 'the role'} at {company}."]
    if item.interviewers:
        lines.append("Interviewers:")
        for person in item.interviewers:
            details = " — ".join(part for part in (person.role, person.note) if part)
            name = person.name or "Name not known yet"
            lines.append(f"- {name} ({details})" if details else f"- {name}")
    if item.location:
        lines.append(f"Where: {item.location}")
    event.add("description", "\n".join(lines))
    if item.location:
        event.add("location", item.location)
    event.add("categories", ["Interview"])
    for trigger in ALARMS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{company}: {item.label} interview")
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def _debrief_event(profile: Profile, item: Round, stamp: _Stamp) -> Event:
    summary = f"Debrief: {profile.company or 'interview'} {item.label.lower()} round"
    event = stamp.event("debrief", item.id, summary)
    start = item.end()
    if item.all_day:
        start = datetime.combine(item.day, PREP_AT, ZoneInfo(item.timezone))
    _when(event, start, _after(start, DEBRIEF_MINUTES))
    event.add(
        "description",
        "Write down the questions they asked, how each went and the follow-ups, then the "
        "thank-you notes (the Debrief page in Interview Prep Studio).",
    )
    return event


def _plan_events(profile: Profile, insight: Insight, stamp: _Stamp) -> list[Event]:
    result = insight.plan
    if result.status != "ok" or result.round is None or day_problem(result.round.day):
        return []
    target = result.round
    zone = ZoneInfo(target.timezone)
    events = []
    for day in result.days:
        if day.date == target.day:
            continue
        prep = [i for i in day.items if i.kind != "facts"]
        facts = [i for i in day.items if i.kind == "facts"]
        if prep:
            event = stamp.event("prep", f"{day.date:%Y%m%d}", _prep_summary(profile, len(prep)))
            start = datetime.combine(day.date, PREP_AT, zone)
            _when(event, start, _after(start, PREP_MINUTES))
            event.add("description", "\n".join(f"- {i.text}" for i in prep))
            events.append(event)
        for item in facts:
            summary = f"{profile.company or 'Interview'}: {item.text}"
            event = stamp.event("facts", f"{day.date:%Y%m%d}", summary)
            start = datetime.combine(day.date, FACTS_AT, zone)
            _when(event, start, _after(start, FACTS_MINUTES))
            event.add(
                "description",
                "Facts older than the profile's threshold: check them against a current "
                "source before you quote them (the Word dossier marks them).",
            )
            events.append(event)
    return events


def _prep_summary(profile: Profile, n: int) -> str:
    return f"Prep for {profile.company or 'the interview'}: {n} item" + ("" if n == 1 else "s")


def _when(event: Event, start: datetime, end: datetime, *, all_day: bool = False) -> None:
    """DTSTART/DTEND: DATE values for an all-day event, else times in their zone (UTC as Z)."""
    if all_day:
        event.add("dtstart", start.date())
        event.add("dtend", end.date())
        return
    if start.tzinfo is not None and str(start.tzinfo) == "UTC":
        start, end = start.astimezone(UTC), end.astimezone(UTC)
    event.add("dtstart", _exact(start))
    event.add("dtend", _exact(end))


def _after(start: datetime, minutes: int) -> datetime:
    """``minutes`` of real time after ``start``, on its zone's clock (added in UTC: on the wall
    clock a daylight-saving change would stretch or swallow them)."""
    return (start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(start.tzinfo)


def _exact(moment: datetime) -> datetime:
    """``moment`` as the calendar writes it: on its zone's clock, unless a clock change there
    skips or repeats that wall time (02:30 on the spring-forward day, 01:30 in autumn); then in
    UTC, the one form every calendar reads as the same instant."""
    if moment.tzinfo is None:
        return moment
    other = moment.replace(fold=1 - moment.fold)
    return moment if other.utcoffset() == moment.utcoffset() else moment.astimezone(UTC)
