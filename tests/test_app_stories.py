"""The story editor (the Fit page's Stories tab) under AppTest: add, edit, delete with Undo,
link to a requirement and to a question; every change in ``stories.json`` (or the profile)."""

from __future__ import annotations

import json

import pages._ui.state as ui
from prep_core.coverage import coverage
from prep_core.model import Story
from prep_core.store import Store
from prep_core.stories import StoryStore
from tests.app_harness import on_disk, start
from tests.test_app_pages import open_profile


def bank_file(store: Store) -> list[dict]:
    return json.loads((store.data_dir / "stories.json").read_text(encoding="utf-8"))["stories"]


def stories_tab(profile_id: str):
    at = start(profile_id, ui.FIT)
    at.session_state["fit.tab"] = "Stories"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_add_and_edit_a_story(store, sample_profile):
    profile = store.create(sample_profile)
    at = stories_tab(profile.id)
    assert any("No stories yet" in c.value for c in at.caption)
    at.button(key="stories.add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (story,) = bank_file(store)
    key = f"stories.{story['id']}"
    at.text_input(key=f"{key}.title").input("Moved training to the cloud").run()
    at.text_area(key=f"{key}.action").input("I moved 40 jobs to AWS spot GPUs.").run()
    at.text_area(key=f"{key}.result").input("Queue time from 3 days to 2 hours.").run()
    at.text_area(key=f"{key}.tags").input("cloud; AWS , \ncloud").run()
    assert not at.exception, [e.value for e in at.exception]
    (saved,) = bank_file(store)
    assert saved["title"] == "Moved training to the cloud"
    assert saved["action"] == "I moved 40 jobs to AWS spot GPUs."
    assert saved["tags"] == ["cloud", "AWS"]
    assert at.text_input(key=f"{key}.title").value == "Moved training to the cloud"
    # The story proves the AWS must-have now: the page's figure says so.
    assert next(m for m in at.metric if m.label == "Must-haves covered").value == "6 of 6"


def test_an_edit_over_a_bank_changed_elsewhere_is_refused_and_kept_on_screen(store, sample_profile):
    profile = store.create(sample_profile)
    stories = StoryStore(store.data_dir)
    stories.add([Story(title="Old title")])
    at = stories_tab(profile.id)
    story_id = stories.load().stories[0].id
    other = stories.load()  # a second tab saves first
    stories.save(other.model_copy(update={"stories": [*other.stories, Story(title="Theirs")]}))
    at.text_input(key=f"stories.{story_id}.title").input("Mine").run()
    assert "changed elsewhere" in at.error[0].value
    assert [s["title"] for s in bank_file(store)] == ["Old title", "Theirs"]  # not overwritten
    assert at.text_input(key=f"stories.{story_id}.title").value == "Mine"  # kept on screen
    at.text_input(key=f"stories.{story_id}.title").input("Mine, again").run()  # now drawn fresh
    assert [s["title"] for s in bank_file(store)] == ["Mine, again", "Theirs"]


def test_delete_a_story_and_undo(store, sample_profile):
    profile = store.create(sample_profile)
    stories = StoryStore(store.data_dir)
    stories.add([Story(title="First"), Story(title="Second"), Story(title="Third")])
    second = stories.load().stories[1]
    at = stories_tab(profile.id)
    at.selectbox(key="stories.pick").select(second.id).run()
    at.button(key=f"stories.delete.{second.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s["title"] for s in bank_file(store)] == ["First", "Third"]
    assert "Deleted the story “Second”" in " ".join(m.value for m in at.markdown)
    at.button(key="undo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s["title"] for s in bank_file(store)] == ["First", "Second", "Third"]
    assert bank_file(store)[1]["id"] == second.id  # the same story: its links hold again
    assert at.text_input(key=f"stories.{second.id}.title").value == "Second"


def test_link_a_story_to_a_requirement_and_to_a_question(store, sample_profile):
    profile = store.create(sample_profile)
    stories = StoryStore(store.data_dir)
    stories.add([Story(title="Bake sale", action="Sold cakes", result="Raised 300 EUR")])
    story = stories.load().stories[0]
    aws = next(r for r in coverage(profile).requirements if r.text.endswith("such as AWS"))
    question = profile.prep.questions[2]
    at = stories_tab(profile.id)
    at.selectbox(key=f"stories.req.{story.id}").select(aws.id).run()
    at.button(key=f"stories.linkreq.{story.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert bank_file(store)[0]["tags"] == ["AWS"]
    at.selectbox(key=f"stories.q.{story.id}").select(question.id).run()
    at.button(key=f"stories.linkq.{story.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert on_disk(store, profile.id)["prep"]["questions"][2]["story_id"] == story.id
    assert open_profile(at).prep.questions[2].story_id == story.id
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert f"Proves: {aws.text}" in shown and f"Answers: {question.text[:40]}" in shown


def test_two_stories_with_one_id_survive_delete_and_undo(store, sample_profile):
    """A hand-edited stories.json gave two stories one id: Delete removed both, Undo brought
    back one. Now the read gives the second its own id and the tab says so."""
    profile = store.create(sample_profile)
    first = Story(id="same", title="First").model_dump()
    second = Story(id="same", title="Second").model_dump()
    bank = {"schema_version": 1, "revision": 1, "stories": [first, second]}
    (store.data_dir / "stories.json").write_text(json.dumps(bank), encoding="utf-8")
    at = stories_tab(profile.id)
    assert any("the id 'same' was on 2 stories" in i.value for i in at.info)
    at.selectbox(key="stories.pick").select("same").run()
    at.button(key="stories.delete.same").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s["title"] for s in bank_file(store)] == ["Second"]
    at.button(key="undo").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s["title"] for s in bank_file(store)] == ["First", "Second"]
    assert len({s["id"] for s in bank_file(store)}) == 2
