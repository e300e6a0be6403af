"""A refused (stale) save under AppTest: "Save mine as a copy" keeps what was being saved, and the
message says where the newer version came from (another tab of this app, or outside the app)."""

from __future__ import annotations

import json

import pages._ui.state as ui
from prep_core.model import Profile
from prep_core.store import Store
from tests.app_harness import on_disk, start
from tests.test_cli import prep


def _acme(store: Store) -> tuple[Profile, str]:
    profile = store.create(
        Profile(company="Acme", prep={"questions": [{"text": "Why Acme?", "answer": "Python."}]})
    )
    return profile, profile.prep.questions[0].id


def _errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_save_mine_as_a_copy_keeps_the_attempt_changed_by_the_cli(store: Store) -> None:
    profile, qid = _acme(store)
    at = start(profile.id, ui.PRACTICE)
    at.text_area(key=f"practice.answer.{qid}").input("I use Python every day at Acme.").run()
    at.button(key="practice.check").click().run()
    # meanwhile the prep command records an attempt of its own
    answer = store.data_dir / "answer.txt"
    answer.write_text("From the CLI.", encoding="utf-8")
    done = prep(
        "practice",
        profile.id,
        "--question",
        "1",
        "--answer-file",
        str(answer),
        "--save",
        data_dir=store.data_dir,
    )
    assert done.returncode == 0, done.stderr
    at.button(key="practice.save").click().run()
    assert not at.exception
    shown = _errors(at)
    assert "Not saved" in shown and "outside the app" in shown and "another tab" not in shown
    at.button(key="stale.copy").click().run()
    assert not at.exception
    copies = [p for p in store.profiles() if p.id != profile.id]
    assert len(copies) == 1
    (attempt,) = copies[0].prep.questions[0].attempts
    assert attempt.text == "I use Python every day at Acme."
    original = on_disk(store, profile.id)["prep"]["questions"][0]["attempts"]
    assert [a["text"] for a in original] == ["From the CLI."]  # the CLI's version is untouched


def test_a_change_saved_by_another_tab_is_named_so(store: Store) -> None:
    profile, _ = _acme(store)
    mine = start(profile.id, ui.section_page("basics"))
    other = start(profile.id, ui.section_page("basics"))
    other.text_input(key=f"{profile.id}.company").input("Other tab").run()
    mine.text_input(key=f"{profile.id}.company").input("This tab").run()
    shown = _errors(mine)
    assert "Not saved" in shown and "another tab" in shown and "outside" not in shown
    mine.button(key="stale.copy").click().run()
    titles = sorted(p.company for p in store.profiles())
    assert titles == ["Other tab", "This tab (copy)"], titles
    assert json.loads((store.folder / f"{profile.id}.json").read_text())["company"] == "Other tab"


def test_a_save_of_this_tab_whose_run_was_cut_short_is_built_on_not_refused(
    store: Store,
) -> None:
    """Type, Tab, type, Tab on a busy machine: Streamlit may cut a run short (a fast rerun on a
    new thread) after its save but before the tab kept the saved copy. The next edit then starts
    from the revision before; it was refused as "changed in another tab" though only this tab
    had saved, and what was typed was lost. It is now made again on this tab's own save."""
    profile, _ = _acme(store)
    at = start(profile.id, ui.section_page("basics"))
    behind = store.load(profile.id)
    ahead = store.save(behind.model_copy(update={"role_title": "Data engineer"}))
    at.session_state[ui.SAVED_BY_ME] = {profile.id: {ahead.revision}}  # this tab saved it
    at.text_input(key=f"{profile.id}.company").input("Acme Labs").run()
    assert "Not saved" not in _errors(at)
    saved = on_disk(store, profile.id)
    assert (saved["company"], saved["role_title"]) == ("Acme Labs", "Data engineer")
    assert saved["revision"] == ahead.revision + 1
