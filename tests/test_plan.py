"""The plan to the next round, on fixed dates: order and content from the profile's real state."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from prep_core.cli import main
from prep_core.freshness import Fact
from prep_core.insight import Insight
from prep_core.model import Attempt, Profile, Question, Round

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
OLD = Fact("overview.revenue", "Revenue", "$1m (2020)", date(2020, 12, 31), "", "overview")


def plan(profile: Profile, *, stale_facts: int | None = None):
    """The plan of ``profile`` at ``NOW``; ``stale_facts``: as if that many facts were old."""
    insight = Insight.of(profile, now=NOW)
    if stale_facts is not None:
        insight = replace(insight, stale_facts=(OLD,) * stale_facts)
    return insight.plan


def _profile(days: int | None, **kw) -> Profile:
    profile = Profile(company="Acme", role_title="ML Engineer", **kw)
    profile.overview.founded = "1999"
    profile.mission.statement = "Make things."
    profile.prep.questions = [
        Question(id="q-new", text="Why Acme?"),
        Question(
            id="q-weak",
            text="Tell me about a failure.",
            answer="Once...",
            attempts=[Attempt(text="um", rating=1, time=NOW - timedelta(days=1))],
        ),
        Question(
            id="q-good",
            text="What is your strength?",
            answer="Focus.",
            attempts=[Attempt(text="Focus.", rating=5, time=NOW - timedelta(days=1))],
        ),
    ]
    if days is not None:
        profile.interview_date = TODAY + timedelta(days)
    return profile


def kinds(day) -> list[str]:
    return [item.kind for item in day.items]


def texts(result) -> list[str]:
    return [item.text for day in result.days for item in day.items]


def test_no_date_says_what_to_do():
    result = plan(_profile(None))
    assert result.status == "no_date" and "No interview date yet" in result.message
    [day] = result.days
    assert day.date == TODAY and [(i.kind, i.page) for i in day.items] == [("setup", "basics")]


def test_a_date_in_the_past_says_so():
    result = plan(_profile(-3))
    assert result.status == "past"
    assert "was on 2026-11-28, 3 days ago" in result.message
    assert [i.kind for i in result.days[0].items] == ["debrief", "setup"]


def test_interview_tomorrow_today_is_review_with_the_top_gaps_if_there_is_time():
    result = plan(_profile(1), stale_facts=4)
    assert result.status == "ok" and "tomorrow (2026-12-02)" in result.message
    eve, interview = result.days
    assert (eve.date, interview.date) == (TODAY, TODAY + timedelta(1))
    assert kinds(eve)[:3] == ["review", "review", "facts"]
    assert "Re-check these 4 facts before quoting them" in [i.text for i in eve.items]
    new = [i for i in eve.items if i.kind in ("research", "practice") and "If there" in i.text]
    assert len(new) == 4  # two gaps and two answers, each marked as optional
    assert kinds(interview) == ["round", "debrief"]


def test_three_days_out_research_and_practice_first_the_day_before_is_review():
    result = plan(_profile(3), stale_facts=2)
    assert [d.date for d in result.days] == [TODAY + timedelta(n) for n in range(4)]
    first, second, eve, interview = result.days
    assert kinds(first)[0] == "research" and kinds(first)[-1] == "review"
    work = [i for d in (first, second) for i in d.items]
    # every gap and every question that needs work is on a work day, none is dropped
    assert {i.ref for i in work if i.kind == "practice" and i.ref} == {"q-new", "q-weak"}
    assert "q-good" not in {i.ref for i in work}  # rehearsed, not weak: no new work
    assert len([i for i in work if i.kind == "research"]) == len(_research_sections())
    # weak and new first: the question never practised, then the weak one
    practice = [i.text for i in work if i.kind == "practice"]
    assert practice[0].startswith("Draft and rehearse: question 1, “Why Acme?”")
    assert practice[1].startswith("Rehearse again (last attempt was weak)")
    assert "research" not in kinds(eve) and "facts" in kinds(eve)
    assert "Rehearse once more: question 2, “Tell me about a failure.”" in [
        i.text for i in eve.items
    ], "numbered as in the bank, not in practice order"
    assert interview.items[0].text == "Interview round"


def _research_sections() -> set[str]:
    result = plan(_profile(3))
    return {i.ref for d in result.days for i in d.items if i.kind == "research"}


def test_fourteen_days_front_loads_new_work_and_reviews_every_day():
    result = plan(_profile(14))
    assert len(result.days) == 15
    assert all("review" in kinds(d) for d in result.days[:-1])  # the deck, every day
    research_days = [n for n, d in enumerate(result.days) if "research" in kinds(d)]
    assert research_days == list(range(len(research_days))) and max(research_days) < 7
    assert "research" not in kinds(result.days[-2])
    assert any("Mock round" in i.text for i in result.days[7].items)


def test_sixty_days_is_sensible_too_six_weeks_then_the_round():
    result = plan(_profile(60))  # six weeks of days, then the round: "far away"
    assert len(result.days) == 43 and result.days[-1].date == TODAY + timedelta(60)
    assert result.days[-2].date == TODAY + timedelta(41) and "far away" in result.message
    assert sum("Mock round" in t for t in texts(result)) == 5
    assert max(len(d.items) for d in result.days) <= 6


def test_items_disappear_when_done():
    profile = _profile(5)
    before = plan(profile)
    profile.prep.questions[0].attempts = [Attempt(text="Because.", rating=4, time=NOW)]
    profile.competitors.direct = ["Globex"]
    profile.competitors.advantages = "Speed"
    profile.competitors.challenges = "Size"
    after = plan(profile)
    refs = lambda p: {i.ref for d in p.days[:-2] for i in d.items}  # noqa: E731
    assert {"q-new", "competitors"} <= refs(before)
    assert not {"q-new", "competitors"} & refs(after)


def test_the_next_of_several_rounds_with_time_zone_and_interviewers():
    rounds = [
        Round(day=TODAY - timedelta(2), kind="recruiter_screen"),
        Round(
            day=TODAY + timedelta(2),
            start_time=time(15, 30),
            timezone="Europe/Berlin",
            kind="technical",
            interviewers=[{"name": "Ana"}, {"name": "Bo"}],
        ),
        Round(day=TODAY + timedelta(9), kind="onsite"),
    ]
    result = plan(_profile(None, rounds=rounds))
    assert result.round is rounds[1] and result.rounds == tuple(rounds[1:])
    technical = next(d for d in result.days if d.date == rounds[1].day)
    assert technical.items[0].text == (
        "Technical round at 15:30–16:30 (Europe/Berlin) with Ana, Bo"
    )
    assert result.days[-1].date == rounds[2].day  # the plan runs to the last round


def test_json_shape():
    data = plan(_profile(3)).to_dict()
    assert list(data) == ["status", "message", "round", "rounds", "days"]
    assert data["days"][0]["date"] == "2026-12-01"
    assert set(data["days"][0]["items"][0]) == {"kind", "text", "page", "round", "done"}
    assert data["rounds"] == [data["round"]]
    json.dumps(data)


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_cli_plan(tmp_path, capsys, flag):
    path = tmp_path / "p.json"
    path.write_text(_profile(3).model_dump_json(), encoding="utf-8")
    assert main(["plan", str(path), *flag]) == 0
    out = capsys.readouterr().out
    if flag:
        assert json.loads(out)["status"] in ("ok", "past")
    else:
        assert out.startswith("Acme — ML Engineer: ")


def test_cli_plan_of_a_missing_file_is_one_line(tmp_path, capsys):
    assert main(["plan", str(tmp_path / "none.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err


def test_an_uncovered_must_have_is_planned_until_something_proves_it():
    from prep_core.model import Requirement, SkillRow

    profile = _profile(5)
    kafka = Requirement(text="Experience with Kafka streaming", kind="must", terms=["Kafka"])
    profile.requirements = [kafka]
    before = plan(profile)
    fit = [i for d in before.days for i in d.items if i.kind == "fit"]
    assert [(i.ref, i.page) for i in fit] == [(kafka.id, "fit")]
    assert "Kafka" in fit[0].text
    profile.prep.skill_map = [SkillRow(skill="Kafka at Acme", requirement_id=kafka.id)]
    planned = [i.ref for d in plan(profile).days for i in d.items if i.kind == "fit"]
    assert planned == [kafka.id]  # a row with no talking point is in progress, not proof
    profile.prep.skill_map[0].talking_point = "Ran Kafka at 2M events a second"
    assert not [i for d in plan(profile).days for i in d.items if i.kind == "fit"]


# --- the daily drill ----------------------------------------------------------------------------


def drill_items(result) -> dict[date, object]:
    return {day.date: item for day in result.days for item in day.items if item.kind == "drill"}


def test_the_daily_drill_item_counts_the_cards_and_is_ticked_off_by_drilling():
    from prep_core import drill

    profile = _profile(5)
    today = drill_items(plan(profile))[TODAY]
    cards = len(Insight.of(profile, now=NOW).cards)  # fewer than a session: every one is new
    assert today.text == f"Drill {cards} cards, {drill.minutes_for(cards)} min"
    assert (today.page, today.done) == ("drill", False)
    for item in Insight.of(profile, now=NOW).drill.cards:
        profile = drill.record(profile, item.id, 3, now=NOW - timedelta(minutes=5))
    today = drill_items(plan(profile))[TODAY]
    assert today.done and today.text == f"Drilled {cards} cards today"
    assert plan(profile).to_dict()["days"][0]["items"][-2]["done"] is True


def test_the_eve_drills_what_would_come_due_or_be_forgotten_by_the_round_s_start():
    from prep_core import drill

    profile = _profile(9)
    for days_ago in (2, 1):  # every card drilled twice, a day apart: due again in a few days
        for item in Insight.of(profile, now=NOW).cards:
            profile = drill.record(profile, item.id, 3, now=NOW - timedelta(days=days_ago))
    due = max(item.due for item in Insight.of(profile, now=NOW).drill.deck)
    # the round starts an hour after the last card comes due: the eve is the day before
    start = due + timedelta(hours=1)
    profile.rounds = [Round(day=start.date(), start_time=start.time(), timezone="UTC")]
    eve = start.date() - timedelta(1)
    result = plan(profile)
    items = drill_items(result)
    assert eve in items and items[eve].text.endswith("what you would forget by the round's start")
    assert kinds(next(d for d in result.days if d.date == eve))[:3] == ["review", "review", "drill"]
    assert all(
        not text.endswith("round's start")
        for d, i in items.items()
        if d != eve
        for text in [i.text]
    )


def test_a_research_item_never_says_research_twice():
    result = plan(_profile(14))
    research = [t for t in texts(result) if "Sources" in t]
    assert research, texts(result)
    assert not any("Research Research" in t for t in texts(result)), research
    assert "Fill in Research Sources: Sources" in research
