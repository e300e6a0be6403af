"""The interview rounds on the Company Profile page, under AppTest: adding rounds, their kind and
length, and the interview date that follows the next round."""

from __future__ import annotations

from datetime import datetime, timedelta

import pages._ui.state as ui
from prep_core.model import Profile
from prep_core.store import Store
from tests.app_harness import on_disk, start


def _today():
    return datetime.now().astimezone().date()


def _key(profile_id: str, *parts: str) -> str:
    return ".".join((profile_id, "rounds", *parts))


def test_adding_two_rounds_keeps_the_typed_date_and_carries_the_zone(store: Store) -> None:
    """As a person hit it: the date typed, a round set in Berlin, a second round added."""
    profile = store.create(Profile(company="Acme"))
    typed = (_today() + timedelta(days=9)).isoformat()
    at = start(profile.id, ui.section_page("basics"))
    at.text_input(key=f"{profile.id}.interview_date").input(typed).run()
    at.button(key=_key(profile.id, "add")).click().run()
    [first] = on_disk(store, profile.id)["rounds"]
    assert first["day"] == typed  # the first round is the interview already typed
    assert on_disk(store, profile.id)["interview_date"] == typed
    rid = first["id"]
    at.text_input(key=_key(profile.id, rid, "timezone")).input("Europe/Berlin").run()
    at.text_input(key=_key(profile.id, rid, "location")).input("Zoom link").run()
    at.button(key=_key(profile.id, "add")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    data = on_disk(store, profile.id)
    first, second = data["rounds"]
    assert data["interview_date"] == typed  # untouched
    assert second["timezone"] == "Europe/Berlin" and second["location"] == "Zoom link"
    assert second["day"] == (_today() + timedelta(days=10)).isoformat()  # the day after
    assert at.text_input(key=f"{profile.id}.interview_date.shown").value == typed


def test_a_kind_brings_its_length_and_a_length_is_typed_in_hours(store: Store) -> None:
    profile = store.create(Profile(company="Acme", rounds=[{"day": "2030-01-02"}]))
    rid = profile.rounds[0].id
    at = start(profile.id, ui.section_page("basics"))
    at.selectbox(key=_key(profile.id, rid, "kind")).set_value("onsite").run()
    [saved] = on_disk(store, profile.id)["rounds"]
    assert (saved["kind"], saved["minutes"]) == ("onsite", 240)
    assert at.text_input(key=_key(profile.id, rid, "minutes")).value == "4 h"
    at.text_input(key=_key(profile.id, rid, "minutes")).input("1.5 h").run()
    assert on_disk(store, profile.id)["rounds"][0]["minutes"] == 90
    at.selectbox(key=_key(profile.id, rid, "kind")).set_value("final").run()
    assert on_disk(store, profile.id)["rounds"][0]["minutes"] == 90  # typed: kept


def test_a_round_past_midnight_or_over_another_is_refused_and_nothing_changes(
    store: Store,
) -> None:
    profile = store.create(
        Profile(
            company="Acme",
            rounds=[
                {"day": "2030-01-02", "start_time": "22:00", "minutes": 60},
                {"day": "2030-01-03", "start_time": "10:00", "minutes": 60},
            ],
        )
    )
    first, second = (r.id for r in profile.rounds)
    at = start(profile.id, ui.section_page("basics"))
    before = on_disk(store, profile.id)["rounds"]
    at.text_input(key=_key(profile.id, first, "minutes")).input("3 h").run()
    assert "past midnight" in at.error[0].value and "\n" not in at.error[0].value
    assert on_disk(store, profile.id)["rounds"] == before
    at.text_input(key=_key(profile.id, first, "minutes")).input("1 h").run()
    at.text_input(key=_key(profile.id, second, "day")).input("2030-01-02").run()
    at.text_input(key=_key(profile.id, second, "start_time")).input("22:00").run()
    assert any("same time" in e.value for e in at.error)
    assert on_disk(store, profile.id)["rounds"][1]["start_time"] == "10:00:00"


def test_fifty_one_interviewers_are_refused_in_one_line(store: Store) -> None:
    profile = store.create(Profile(company="Acme", rounds=[{"day": "2030-01-02"}]))
    rid = profile.rounds[0].id
    at = start(profile.id, ui.section_page("basics"))
    people = "\n".join(f"Person {n} | Engineer | note" for n in range(51))
    at.text_area(key=_key(profile.id, rid, "interviewers")).input(people).run()
    assert "50" in at.error[0].value and "\n" not in at.error[0].value
    assert on_disk(store, profile.id)["rounds"][0]["interviewers"] == []
    fifty = "\n".join(f"Person {n} 🎉 | Engineer | {'x' * 10_000}" for n in range(50))
    at.text_area(key=_key(profile.id, rid, "interviewers")).input(fifty).run()
    assert not at.exception
    assert len(on_disk(store, profile.id)["rounds"][0]["interviewers"]) == 50


def test_the_plan_page_offers_each_upcoming_rounds_brief(store: Store) -> None:
    soon = (_today() + timedelta(days=3)).isoformat()
    later = (_today() + timedelta(days=9)).isoformat()
    profile = store.create(
        Profile(
            company="Acme",
            rounds=[
                {"day": "2020-01-02", "kind": "technical"},  # over: no brief
                {"day": soon, "kind": "recruiter_screen", "start_time": "10:00"},
                {"day": later, "kind": "onsite", "start_time": "09:00"},
            ],
        )
    )
    at = start(profile.id, ui.PLAN)
    assert not at.exception, [e.value for e in at.exception]
    assert "Brief" in [s.value for s in at.subheader]
    labels = [b.label for b in at.get("download_button")]
    assert [label.split(",")[0] for label in labels] == [
        "Round 2: Recruiter screen",
        "Round 3: Onsite",
    ]
