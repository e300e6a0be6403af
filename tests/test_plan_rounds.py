"""The plan and the calendar across every round, on fixed dates: each day prepared for the round
that comes next, by its kind; the eve is review; nothing inside a round; true lengths in ICS."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import icalendar
import pytest
import vobject

from prep_core.formats import export
from prep_core.insight import Insight
from prep_core.model import Attempt, Profile, Question, Round, Story

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
TODAY = NOW.date()
ZONE = "Europe/London"


def _profile(*rounds: Round) -> Profile:
    profile = Profile(company="Acme", role_title="ML Engineer", rounds=list(rounds))
    profile.overview.founded = "1999"
    profile.job_posting = "Requirements:\n- 3+ years of experience with Kubernetes\n- Python"
    profile.prep.questions = [
        Question(id="q-why", text="Why Acme?", category="motivation"),
        Question(id="q-k8s", text="How would you scale Kubernetes?", category="technical"),
        Question(id="q-fail", text="Tell me about a failure.", category="behavioral"),
        Question(
            id="q-done",
            text="What is your strength?",
            category="behavioral",
            answer="Focus.",
            attempts=[Attempt(text="Focus.", rating=5, time=NOW - timedelta(days=1))],
        ),
    ]
    return profile


def _round(kind: str, days: int, at: time | None = time(10), **kw) -> Round:
    return Round(kind=kind, day=TODAY + timedelta(days=days), start_time=at, timezone=ZONE, **kw)


def _plan(profile: Profile, stories=(), now=NOW):
    return Insight.of(profile, stories, now=now).plan


def _by_day(result) -> dict[int, list]:
    return {(d.date - TODAY).days: list(d.items) for d in result.days}


def _kinds(items) -> list[str]:
    return [i.kind for i in items]


def _texts(items) -> str:
    return "\n".join(i.text for i in items)


def _assert_nothing_inside_a_round(result, rounds) -> None:
    """A round's day holds the round, its debrief after it, and review for the next one: no new
    work (research, fit, a first rehearsal) is ever planned on it."""
    days = _by_day(result)
    for item in rounds:
        items = days[(item.day - TODAY).days]
        mine = [i for i in items if i.round == item.id]
        assert _kinds(mine)[:2] == ["round", "debrief"], _texts(items)
        assert not {"research", "fit"} & set(_kinds(items)), _texts(items)
        assert not any(i.text.startswith("Draft and rehearse") for i in items)


def test_one_round_counts_down_with_the_eve_for_review():
    item = _round("technical", 5)
    result = _plan(_profile(item))
    days = _by_day(result)
    assert sorted(days) == [0, 1, 2, 3, 4, 5]
    assert result.round is item and result.rounds == (item,)
    assert "Prove a must-have" in _texts(days[0])  # a technical round: the must-haves
    assert "How would you scale Kubernetes?" in _texts(days[0] + days[1] + days[2])
    assert set(_kinds(days[4])) <= {"review", "facts", "practice"}
    assert days[4][0].text == "Read the technical round's brief once, out loud"
    assert _kinds(days[5]) == ["round", "debrief"]
    assert days[5][0].text == "Technical round at 10:00–11:00 (Europe/London)"
    assert days[5][1].text.startswith("Right after it ends (11:00): write the debrief")
    _assert_nothing_inside_a_round(result, [item])


def test_a_recruiter_screen_in_3_days_and_an_onsite_in_9_plans_every_day_to_the_onsite():
    screen = _round("recruiter_screen", 3, minutes=45)
    onsite = _round("onsite", 9, time(9), interviewers=[{"name": "Ana Lee", "note": "private"}])
    story = Story(title="Moved our batch jobs to Kubernetes", action="Kubernetes", result="x")
    profile = _profile(onsite, screen)
    result = _plan(profile, [story])
    days = _by_day(result)
    assert sorted(days) == list(range(10))  # nothing left out between the two rounds
    assert result.message.startswith(
        "Recruiter screen round in 3 days (2026-12-04), then 1 more round to the onsite in 9 days"
    )
    before_screen = days[0] + days[1]
    assert {i.round for i in before_screen} == {screen.id}
    for topic in ("60-second pitch", "Why this company", "Salary expectations", "Logistics"):
        assert topic in _texts(before_screen)
    assert "Why Acme?" in _texts(before_screen)  # motivation: the screen's category
    assert "scale Kubernetes" not in _texts(before_screen)  # technical: for the onsite
    assert "Say your pitch, your salary expectations and your notice period" in _texts(days[2])
    assert set(_kinds(days[2])) <= {"review", "facts", "practice"}
    between = [i for n in range(4, 8) for i in days[n]]
    assert {i.round for i in between} == {onsite.id}
    assert "scale Kubernetes" in _texts(between) and "Tell me about a failure" in _texts(between)
    assert "Tell the story “Moved our batch jobs to Kubernetes” aloud" in _texts(between)
    assert "Read up on who you will meet: Ana Lee" in _texts(between)
    assert "private" not in _texts(between)
    assert "Go over who you will meet: Ana Lee" in _texts(days[8])
    assert _kinds(days[9]) == ["round", "debrief"]
    assert days[9][1].text.startswith("Right after it ends (13:00)")  # 4 hours
    _assert_nothing_inside_a_round(result, [screen, onsite])


def test_three_rounds_on_consecutive_days():
    rounds = [_round(kind, n) for n, kind in enumerate(("technical", "behavioral", "final"), 1)]
    result = _plan(_profile(*rounds))
    days = _by_day(result)
    assert sorted(days) == [0, 1, 2, 3]
    assert days[0][0].text == "Read the technical round's brief once, out loud"  # eve, today
    assert "If there is time: prove a must-have" in _texts(days[0])
    for n, item in enumerate(rounds, 1):
        assert days[n][0].text.startswith(f"{item.label} round at 10:00")
        if n < 3:  # after the debrief, the next round's review
            nxt = rounds[n]
            assert days[n][2].text == f"Read the {nxt.label.lower()} round's brief once, out loud"
    _assert_nothing_inside_a_round(result, rounds)


def test_a_round_today_is_the_round_and_its_debrief():
    item = _round("behavioral", 0, time(15))
    result = _plan(_profile(item))
    assert [d.date for d in result.days] == [TODAY]
    assert _kinds(result.days[0].items) == ["round", "debrief"]
    assert result.message.startswith("Behavioral round today")


def test_rounds_in_the_past_are_left_behind_and_all_past_says_so():
    past = _round("recruiter_screen", -5)
    nxt = _round("technical", 2)
    result = _plan(_profile(past, nxt))
    assert result.rounds == (nxt,) and {i.round for d in result.days for i in d.items} == {nxt.id}
    only_past = _plan(_profile(past))
    assert only_past.status == "past" and "was on 2026-11-26" in only_past.message


def test_a_round_far_away_is_bounded():
    near, far = _round("technical", 3), _round("onsite", 400)
    result = _plan(_profile(near, far))
    assert len(result.days) <= 44
    assert result.days[-1].date == far.day and _kinds(result.days[-1].items) == ["round", "debrief"]
    assert "far away" in result.message


# --- the calendar ---------------------------------------------------------------------------


def _events(data: bytes) -> list:
    return [c for c in icalendar.Calendar.from_ical(data).walk("VEVENT")]


def _screen_and_onsite():
    screen = _round("recruiter_screen", 3, time(17, 45), minutes=45)  # ends at 18:30
    onsite = _round("onsite", 9, time(9))
    return screen, onsite


def test_ics_rounds_last_their_length_debriefs_follow_and_prep_blocks_run_to_the_last_round():
    screen, onsite = _screen_and_onsite()
    profile = _profile(screen, onsite)
    data = export(profile, "ics", now=NOW)
    events = _events(data)
    by_uid = {str(e["uid"]): e for e in events}
    rounds = {e["uid"].split("-")[1]: e for e in events if str(e["uid"]).startswith("round-")}
    assert rounds[screen.id]["dtend"].dt - rounds[screen.id]["dtstart"].dt == timedelta(minutes=45)
    assert rounds[onsite.id]["dtend"].dt - rounds[onsite.id]["dtstart"].dt == timedelta(hours=4)
    for item in (screen, onsite):
        debrief = next(e for u, e in by_uid.items() if u.startswith(f"debrief-{item.id}"))
        assert debrief["dtstart"].dt == item.end()
    prep_days = sorted(e["dtstart"].dt.date() for e in events if str(e["uid"]).startswith("prep-"))
    expected = [TODAY + timedelta(days=n) for n in range(9) if n != 3]  # the screen's day: busy
    assert [d for d in prep_days if d != screen.day] == expected
    busy = [(r.start(), r.end()) for r in (screen, onsite)]
    for event in events:
        if str(event["uid"]).startswith(("prep-", "facts-")):
            start, end = event["dtstart"].dt, event["dtend"].dt
            assert all(end <= a or start >= b for a, b in busy), event["summary"]
    # vobject reads the same calendar
    parsed = vobject.readOne(data.decode("utf-8"))
    assert len(parsed.vevent_list) == len(events)
    onsite_v = next(v for v in parsed.vevent_list if v.uid.value.startswith(f"round-{onsite.id}"))
    assert onsite_v.dtend.value - onsite_v.dtstart.value == timedelta(hours=4)


def test_ics_uids_are_stable_when_a_round_is_added():
    screen, onsite = _screen_and_onsite()
    profile = _profile(screen)
    before = {str(e["uid"]) for e in _events(export(profile, "ics", now=NOW))}
    profile.rounds = [screen, onsite]
    after = {str(e["uid"]) for e in _events(export(profile, "ics", now=NOW))}
    assert before <= after  # every event kept its UID: a re-import updates, never doubles
    assert any(u.startswith(f"round-{onsite.id}") for u in after - before)


@pytest.mark.parametrize("kind", ["recruiter_screen", "onsite", "final"])
def test_every_kind_plans_and_exports(kind):
    item = _round(kind, 4)
    result = _plan(_profile(item))
    assert result.status == "ok" and result.days[-1].date == item.day
    assert _events(export(_profile(item), "ics", now=NOW))
