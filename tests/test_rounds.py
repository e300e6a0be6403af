"""Interview rounds in the model: time zones, all-day rounds, the headline date."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from pydantic import ValidationError

from prep_core.model import ROUND_KINDS, ROUND_MINUTES_BY_KIND, Profile, Round
from prep_core.rounds import (
    add_round,
    delete_round,
    edit_round,
    effective_rounds,
    headline_date,
    length_text,
    next_round,
    parse_length,
    round_number,
    upcoming_rounds,
)

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def test_a_timed_round_starts_in_its_own_time_zone():
    item = Round(day=date(2026, 12, 3), start_time=time(9, 0), timezone="America/New_York")
    assert item.start().astimezone(UTC) == datetime(2026, 12, 3, 14, 0, tzinfo=UTC)
    assert (item.end() - item.start()).total_seconds() == 3600
    assert not item.all_day


def test_an_all_day_round_has_no_time_and_lasts_the_day():
    item = Round(day=date(2026, 12, 3))
    assert item.all_day and item.kind == "interview"
    assert (item.end() - item.start()).days == 1


@pytest.mark.parametrize("name", ["Mars/Base", "Europe/Londn", "../etc/passwd", "", "UTC+5"])
def test_a_time_zone_that_does_not_exist_is_one_clear_message(name):
    with pytest.raises(ValidationError, match="unknown time zone"):
        Round(day=date(2026, 12, 3), start_time=time(9), timezone=name)


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Recruiter screen", "recruiter_screen"),
        ("system-design", "system_design"),
        ("ONSITE", "onsite"),
    ],
)
def test_kinds_are_read_by_label_or_name(written, kind):
    assert Round(day=date(2026, 12, 3), kind=written).kind == kind


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValidationError, match="kind"):
        Round(day=date(2026, 12, 3), kind="tea")


def test_only_an_interview_date_behaves_as_one_all_day_interview_round():
    profile = Profile(interview_date=date(2026, 12, 5))
    [only] = effective_rounds(profile)
    assert (only.day, only.all_day, only.kind) == (date(2026, 12, 5), True, "interview")
    assert effective_rounds(profile)[0].id == only.id  # stable: a calendar updates it
    assert effective_rounds(Profile()) == []


def test_the_headline_is_the_next_upcoming_round():
    past = Round(day=date(2026, 11, 20), kind="recruiter_screen")
    today = Round(day=date(2026, 12, 1), start_time=time(15), timezone="UTC", kind="technical")
    later = Round(day=date(2026, 12, 9), kind="onsite")
    profile = Profile(rounds=[later, past, today], interview_date=date(2026, 11, 20))
    kinds = [r.kind for r in effective_rounds(profile)]
    assert kinds == ["recruiter_screen", "technical", "onsite"]
    assert [r.kind for r in upcoming_rounds(profile, NOW)] == ["technical", "onsite"]
    assert next_round(profile, NOW) is today
    assert headline_date(profile, NOW) == date(2026, 12, 1)
    after_all = datetime(2027, 1, 1, tzinfo=UTC)
    assert next_round(profile, after_all) is None
    assert headline_date(profile, after_all) == date(2026, 12, 9)  # the last one, not None


def test_new_ids_reach_rounds_and_interviewers():
    profile = Profile(rounds=[Round(day=date(2026, 12, 3), interviewers=[{"name": "Ana"}])])
    copy = profile.with_new_ids()
    assert copy.rounds[0].id != profile.rounds[0].id
    assert copy.rounds[0].interviewers[0].id != profile.rounds[0].interviewers[0].id


# --- kinds, lengths and the edits of the page (prep_core.rounds) --------------------------------


def test_a_round_without_a_length_gets_its_kinds_length():
    day = date(2026, 12, 3)
    assert Round(day=day, kind="Recruiter screen").minutes == 30
    assert Round(day=day, kind="onsite").minutes == 240
    assert Round(day=day, kind="Hiring manager / final").kind == "final"
    assert Round(day=day, kind="onsite", minutes=90).minutes == 90
    assert set(ROUND_MINUTES_BY_KIND) == set(ROUND_KINDS)


def test_a_new_kind_brings_its_length_unless_one_was_typed():
    profile = Profile(rounds=[Round(day=date(2026, 12, 3))])
    rid = profile.rounds[0].id
    assert edit_round(profile, rid, NOW, kind="onsite").minutes == 240
    assert edit_round(profile, rid, NOW, minutes=90).minutes == 90
    assert edit_round(profile, rid, NOW, kind="technical").minutes == 90


def test_adding_rounds_keeps_the_interview_date_and_carries_zone_and_place():
    profile = Profile(interview_date=date(2026, 12, 11))
    first = add_round(profile, NOW)
    assert first.day == date(2026, 12, 11) and profile.interview_date == date(2026, 12, 11)
    edit_round(profile, first.id, NOW, timezone="Europe/Berlin", location="Berlin office")
    second = add_round(profile, NOW)
    assert (second.day, second.timezone, second.location) == (
        date(2026, 12, 12),
        "Europe/Berlin",
        "Berlin office",
    )
    assert profile.interview_date == date(2026, 12, 11)
    delete_round(profile, first.id, NOW)
    assert profile.interview_date == date(2026, 12, 12)  # follows the next round


def test_a_first_round_without_a_date_is_a_week_out_and_after_past_rounds_not_in_the_past():
    assert add_round(Profile(), NOW).day == date(2026, 12, 8)
    profile = Profile(rounds=[Round(day=date(2026, 10, 1))])
    assert add_round(profile, NOW).day == NOW.date()


def test_past_midnight_and_overlaps_are_refused_and_change_nothing():
    late = Round(day=date(2026, 12, 3), start_time=time(22), minutes=60)
    other = Round(day=date(2026, 12, 4), start_time=time(10), minutes=60)
    profile = Profile(rounds=[late, other])
    before = profile.model_dump()
    with pytest.raises(ValueError, match="past midnight"):
        edit_round(profile, late.id, NOW, minutes=180)
    with pytest.raises(ValueError, match="same time"):
        edit_round(profile, other.id, NOW, day=date(2026, 12, 3), start_time=time(22))
    with pytest.raises(ValueError, match="before the end of"):
        edit_round(profile, other.id, NOW, day=date(2026, 12, 3), start_time=time(22, 30))
    with pytest.raises(ValueError, match="unknown time zone"):
        edit_round(profile, other.id, NOW, timezone="Mars/Base")
    assert profile.model_dump() == before


def test_lengths_are_typed_in_minutes_or_hours():
    assert [parse_length(t) for t in ("45", "45 min", "1.5 h", "4 hours", "1 h 30", "1:30")] == [
        45,
        45,
        90,
        240,
        90,
        90,
    ]
    with pytest.raises(ValueError, match="not a length"):
        parse_length("a while")
    assert [length_text(m) for m in (30, 240, 90)] == ["30 min", "4 h", "1 h 30 min"]


def test_round_number_is_in_time_order_and_the_next_by_default():
    a = Round(day=date(2026, 11, 20), kind="recruiter_screen")
    b = Round(day=date(2026, 12, 9), kind="onsite")
    profile = Profile(rounds=[b, a])
    assert round_number(profile, None, NOW) is b
    assert round_number(profile, 1, NOW) is a
    with pytest.raises(ValueError, match="no round 3: this profile has 2 rounds"):
        round_number(profile, 3, NOW)
