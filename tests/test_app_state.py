"""The state rule (pages/_ui/bind.py) under AppTest: a page always shows the saved model.

A browser can drop a page's widget values (a page switch racing a field's blur did), and a
session can hold a stale or emptied value; either way the page must be drawn from the model, and
nothing but the person's own edit may reach the file.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import pages._ui.state as ui
from pages._ui.bind import REFUSED
from prep_core.model import MAX_TEXT, Profile
from prep_core.store import Store
from tests.app_harness import on_disk, start
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture
def mission(store: Store) -> tuple[Store, Profile]:
    profile = store.create(
        Profile(
            company="Acme",
            mission={"statement": "Make it", "core_values": ["Candour"], "culture": "Open"},
        )
    )
    return store, profile


def keys(profile: Profile) -> dict[str, str]:
    return {f: f"{profile.id}.mission.{f}" for f in ("statement", "core_values", "culture")}


def shows(at: AppTest, profile: Profile) -> tuple[str, ...]:
    return tuple(at.text_area(key=key).value for key in keys(profile).values())


def test_a_page_drawn_after_its_widget_state_was_dropped_shows_the_model(mission) -> None:
    _store, profile = mission
    at = start(profile.id, ui.section_page("mission"))
    at.switch_page(ui.section_page("news")).run()  # the end of this run drops Mission's values
    assert all(key not in at.session_state for key in keys(profile).values())
    at.switch_page(ui.section_page("mission")).run()
    assert shows(at, profile) == ("Make it", "Candour", "Open")


def test_an_emptied_widget_value_is_replaced_by_the_model_and_never_saved(mission) -> None:
    store, profile = mission
    at = start(profile.id, ui.section_page("mission"))
    revision = on_disk(store, profile.id)["revision"]
    k = keys(profile)
    at.session_state[k["statement"]] = ""  # a stale session value, not an edit by the person
    at.session_state[k["core_values"]] = ""
    at.session_state[k["culture"]] = ""
    at.run()
    assert shows(at, profile) == ("Make it", "Candour", "Open")
    at.button(key="nav.next").click().run()  # the walk goes on: nothing blank is saved
    saved = on_disk(store, profile.id)
    assert saved["mission"] == {
        "statement": "Make it",
        "core_values": ["Candour"],
        "culture": "Open",
    }
    assert saved["revision"] == revision


def test_an_edit_then_next_saves_it_and_lands_on_the_next_page(mission) -> None:
    store, profile = mission
    at = start(profile.id, ui.section_page("mission"))
    at.text_area(key=keys(profile)["culture"]).set_value("Open and candid")
    at.button(key="nav.next").click().run()  # one request: the typed value and the click
    assert at.title[0].value == "Recent News and Developments"
    assert on_disk(store, profile.id)["mission"]["culture"] == "Open and candid"
    at.switch_page(ui.section_page("mission")).run()
    assert shows(at, profile) == ("Make it", "Candour", "Open and candid")


def test_a_refused_value_stays_on_screen_until_it_is_fixed(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.section_page("mission"))
    key = f"{profile.id}.mission.culture"
    at.text_area(key=key).input("x" * (MAX_TEXT + 1)).run()
    assert at.error and "Not saved" in at.error[0].value
    at.run()  # another run: the person's text is not swapped back for the model's
    assert at.text_area(key=key).value == "x" * (MAX_TEXT + 1)
    assert key in at.session_state[REFUSED]
    at.text_area(key=key).input("Fixed").run()
    assert on_disk(store, profile.id)["mission"]["culture"] == "Fixed"
    assert key not in at.session_state[REFUSED]


def test_deleting_the_open_profile_leaves_none_open(store: Store) -> None:
    other = store.create(Profile(company="Other"))
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.LIBRARY)
    at.button(key=f"library.delete.{profile.id}").click().run()
    at.button(key=f"library.confirm.{profile.id}").click().run()
    assert at.session_state[ui.PROFILE] is None, f"{other.company} must not open by itself"
    assert "profile" not in at.query_params
    assert any("No profile open" in i.value for i in at.info)
    at.run()
    assert at.session_state[ui.PROFILE] is None


def test_a_message_belongs_to_its_profile(store: Store) -> None:
    first = store.create(Profile(company="First"))
    second = store.create(Profile(company="Second"))
    at = start(first.id, ui.section_page("overview"))
    at.text_input(key=f"{first.id}.overview.founded").input("1997").run()
    assert at.session_state[ui.MESSAGE].profile_id == first.id
    at.switch_page(ui.LIBRARY).run()
    at.button(key=f"library.open.{second.id}").click().run()
    captions = [c.value for c in at.sidebar.caption]
    assert not any(c.startswith("Saved ") for c in captions), "the save was of another profile"


def test_a_value_typed_as_a_bracketed_note_counts_as_not_known_yet(store: Store) -> None:
    profile = store.create(Profile(company="Acme"))
    at = start(profile.id, ui.section_page("overview"))
    filled = at.get("progress")[-1].proto.text
    at.text_input(key=f"{profile.id}.overview.founded").input("[TBD]").run()
    assert on_disk(store, profile.id)["overview"]["founded"] == "[TBD]"  # kept as typed
    assert any("counts as not known yet" in c.value for c in at.caption)
    assert at.get("progress")[-1].proto.text == filled, "not counted as filled"
    at.text_input(key=f"{profile.id}.overview.founded").input("1997").run()
    assert not any("counts as not known yet" in c.value for c in at.caption)
    assert at.get("progress")[-1].proto.text != filled


def test_a_deleted_question_and_a_deleted_row_come_back_with_undo(store: Store) -> None:
    profile = store.create(
        Profile(
            news=[{"text": "First"}, {"text": "Second"}],
            prep={"questions": [{"text": "Why us?", "answer": "Because"}, {"text": "Why now?"}]},
        )
    )
    first_q, first_news = profile.prep.questions[0], profile.news[0]
    at = start(profile.id, ui.section_page("prep"))
    at.session_state["prep.tab"] = "Potential Questions to Prepare For"
    at.run()
    at.button(key=f"{profile.id}.prep.questions.{first_q.id}.open").click().run()
    at.button(key=f"{profile.id}.prep.questions.{first_q.id}.delete").click().run()
    assert [q["text"] for q in on_disk(store, profile.id)["prep"]["questions"]] == ["Why now?"]
    at.button(key="undo").click().run()
    saved = on_disk(store, profile.id)["prep"]["questions"]
    assert [(q["id"], q["text"], q["answer"]) for q in saved] == [
        (first_q.id, "Why us?", "Because"),
        (profile.prep.questions[1].id, "Why now?", ""),
    ]
    at.switch_page(ui.section_page("news")).run()
    at.button(key=f"{profile.id}.news.{first_news.id}.delete").click().run()
    assert [n["text"] for n in on_disk(store, profile.id)["news"]] == ["Second"]
    at.button(key="undo").click().run()
    assert [n["id"] for n in on_disk(store, profile.id)["news"]] == [n.id for n in profile.news]


def test_the_page_script_has_no_angle_brackets() -> None:
    """st.html parses it as HTML first: a "<field>" in a comment dropped the whole script."""
    script = (ROOT / "pages" / "_ui" / "frame.js").read_text(encoding="utf-8")
    assert "<" not in script  # only "<" can open a tag
