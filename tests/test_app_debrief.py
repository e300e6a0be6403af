"""The Debrief page under AppTest: questions asked join the bank, notes, the thank-you draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from streamlit.testing.v1 import AppTest

import pages._ui.state as ui
from prep_core.model import Profile
from prep_core.store import Store
from tests.app_harness import on_disk
from tests.app_harness import start as start_app
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


def start(profile_id: str) -> AppTest:
    return start_app(profile_id, ui.DEBRIEF)


def _yesterday() -> str:
    return (datetime.now(UTC).date() - timedelta(days=1)).isoformat()


def _profile(store: Store) -> Profile:
    profile = Profile(
        company="Acme",
        role_title="ML Engineer",
        mission={"core_values": ["Candor"]},
        rounds=[
            {"day": _yesterday(), "kind": "technical", "interviewers": [{"name": "Ana Lee"}]},
            {"day": "2099-01-01", "kind": "onsite"},
        ],
    )
    return store.create(profile)


def test_a_question_they_asked_joins_the_bank_tagged_with_the_round(store: Store) -> None:
    profile = _profile(store)
    rid = profile.rounds[0].id
    at = start(profile.id)
    assert at.selectbox(key=f"{profile.id}.debrief.round").value == rid  # the last one held
    at.text_input(key=f"{profile.id}.debrief.{rid}.new").input("Design a feature store").run()
    at.button(key=f"{profile.id}.debrief.add").click().run()
    assert not at.exception
    [question] = on_disk(store, profile.id)["prep"]["questions"]
    assert (question["text"], question["asked_in"]) == ("Design a feature store", rid)
    qid = question["id"]
    at.text_input(key=f"{profile.id}.debrief.{qid}.how").input("Too long; cut it").run()
    assert on_disk(store, profile.id)["prep"]["questions"][0]["how_it_went"] == "Too long; cut it"
    assert at.text_input(key=f"{profile.id}.debrief.{rid}.new").value == ""


def test_an_empty_question_is_refused_in_one_line(store: Store) -> None:
    profile = _profile(store)
    at = start(profile.id)
    at.button(key=f"{profile.id}.debrief.add").click().run()
    assert "type the question they asked first" in at.error[0].value
    assert on_disk(store, profile.id)["prep"]["questions"] == []


def test_notes_follow_ups_and_the_thank_you_draft_are_saved(store: Store) -> None:
    profile = _profile(store)
    rid = profile.rounds[0].id
    at = start(profile.id)
    at.text_area(key=f"{profile.id}.debrief.{rid}.notes").input("Went well.").run()
    at.text_area(key=f"{profile.id}.debrief.{rid}.follow_ups").input("Send the paper\nA demo").run()
    at.button(key=f"{profile.id}.debrief.{rid}.draft").click().run()
    assert not at.exception
    debrief = on_disk(store, profile.id)["rounds"][0]["debrief"]
    assert debrief["notes"] == "Went well."
    assert debrief["follow_ups"] == ["Send the paper", "A demo"]
    [ana] = on_disk(store, profile.id)["rounds"][0]["interviewers"]
    assert ana["thank_you"].startswith("Dear Ana,")
    assert "value of “Candor”" in ana["thank_you"]
    shown = at.text_area(key=f"{profile.id}.debrief.{rid}.{ana['id']}.thank_you").value
    assert shown == ana["thank_you"]


def test_without_rounds_the_interview_date_becomes_the_round_to_debrief(store: Store) -> None:
    profile = store.create(Profile(company="Acme", interview_date=_yesterday()))
    at = start(profile.id)
    assert "No interview rounds yet" in at.info[0].value
    at.button(key="debrief.from_date").click().run()
    assert not at.exception
    [item] = on_disk(store, profile.id)["rounds"]
    assert item["day"] == _yesterday()
    assert at.selectbox(key=f"{profile.id}.debrief.round").value == item["id"]


def test_the_thank_you_draft_never_quotes_a_private_note(store: Store) -> None:
    """As a person hit it: "I especially enjoyed hearing about confirm salary band"."""
    profile = store.create(
        Profile(
            company="Acme",
            rounds=[
                {
                    "day": _yesterday(),
                    "kind": "recruiter_screen",
                    "interviewers": [{"name": "Ana Lee", "note": "confirm salary band"}],
                }
            ],
        )
    )
    rid = profile.rounds[0].id
    at = start(profile.id)
    at.button(key=f"{profile.id}.debrief.{rid}.draft").click().run()
    assert not at.exception
    saved = on_disk(store, profile.id)["rounds"][0]
    notes = [saved["debrief"]["thank_you"]] + [
        p.get("thank_you", "") for p in saved["interviewers"]
    ]
    assert any(note.startswith("Dear Ana,") for note in notes)
    assert not any("salary band" in note for note in notes)
