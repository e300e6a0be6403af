"""Interview rounds in the model: time zones, all-day rounds, the headline date."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from pydantic import ValidationError

from prep_core.model import Profile, Round
from prep_core.rounds import effective_rounds, headline_date, next_round, upcoming_rounds

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
