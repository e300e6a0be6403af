"""The story bank: one stories.json per data folder, saved like the profiles."""

from __future__ import annotations

import json
import os

import pytest

from prep_core.errors import InvalidProfile, StaleRevision, StoreError
from prep_core.model import Story
from prep_core.stories import STORIES_FILE, StoryStore, parse_stories
from prep_core.writers.markdown import write


def test_a_missing_bank_is_empty_and_the_first_save_creates_it(tmp_path):
    store = StoryStore(tmp_path)
    assert store.load().stories == []
    saved = store.save(store.load().model_copy(update={"stories": [Story(title="Win")]}))
    assert saved.revision == 1
    assert [s.title for s in StoryStore(tmp_path).load().stories] == ["Win"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_stale_save_is_refused_and_the_previous_version_kept(tmp_path):
    store = StoryStore(tmp_path)
    first = store.load()
    store.save(first.model_copy(update={"stories": [Story(title="A")]}))
    with pytest.raises(StaleRevision, match="changed elsewhere"):
        store.save(first.model_copy(update={"stories": [Story(title="B")]}))
    assert [s.title for s in store.load().stories] == ["A"]
    store.save(store.load().model_copy(update={"stories": [Story(title="C")]}))
    backup = json.loads((tmp_path / (STORIES_FILE + ".bak")).read_text())
    assert [s["title"] for s in backup["stories"]] == ["A"]


def test_add_skips_duplicates_and_blank_stories(tmp_path):
    store = StoryStore(tmp_path)
    story = Story(title="Win", result="40% faster")
    bank, added = store.add([story, Story(), Story(title="Win", result="40% faster")])
    assert added == 1 and [s.id for s in bank.stories] == [story.id]
    assert store.add([story])[1] == 0


def test_a_broken_bank_is_reported_and_left_alone(tmp_path):
    path = tmp_path / STORIES_FILE
    path.write_text("{not json", encoding="utf-8")
    store = StoryStore(tmp_path)
    with pytest.raises(InvalidProfile, match="not a story bank"):
        store.load()
    with pytest.raises(InvalidProfile):
        store.add([Story(title="x")])
    assert path.read_text(encoding="utf-8") == "{not json"


def test_a_link_is_refused(tmp_path):
    (tmp_path / "elsewhere.json").write_text('{"stories": []}')
    os.symlink(tmp_path / "elsewhere.json", tmp_path / STORIES_FILE)
    with pytest.raises(StoreError, match="not a regular file"):
        StoryStore(tmp_path).load()


def test_parse_stories_reads_json_lists_banks_and_markdown():
    story = Story(title="Win", action="Profiled the jobs.")
    as_list = json.dumps([story.model_dump()]).encode()
    assert parse_stories(as_list, "s.json") == [story]
    from prep_core.model import Profile

    markdown = write(Profile(company="Acme"), stories=[story]).encode()
    assert parse_stories(markdown, "acme.md") == [story]
    with pytest.raises(InvalidProfile, match="no '## Story Bank'"):
        parse_stories(b"# Company Profile: Acme\n", "acme.md")
    with pytest.raises(InvalidProfile, match=r"stories\.0\.title"):
        parse_stories(b'[{"title": 3}]', "s.json")


# --- the app's edits of one story (the story editor) ---------------------------------------


def test_edit_new_delete_restore(tmp_path):
    from prep_core.stories import delete_story, edit_story, new_story, restore_story

    store = StoryStore(tmp_path)
    bank, _ = store.add([Story(title="A"), Story(title="B")])
    bank = edit_story(store, bank, bank.stories[0].id, "tags", ["cloud", "AWS"])
    assert store.load().stories[0].tags == ["cloud", "AWS"]
    with pytest.raises(ValueError, match="no field"):
        edit_story(store, bank, bank.stories[0].id, "id", "x")
    with pytest.raises(ValueError, match="no longer in the story bank"):
        edit_story(store, bank, "gone", "title", "x")
    with pytest.raises(ValueError):  # the model refuses it: nothing saved
        edit_story(store, bank, bank.stories[0].id, "title", "x" * 100_001)
    assert store.load().stories[0].title == "A"
    bank, story = new_story(store, bank)
    assert store.load().stories[-1].id == story.id and story.is_blank()
    bank, index, gone = delete_story(store, bank, bank.stories[1].id)
    assert (index, gone.title) == (1, "B")
    assert [s.title for s in store.load().stories] == ["A", ""]
    with pytest.raises(StaleRevision):  # from the copy shown before the delete
        edit_story(store, bank.model_copy(update={"revision": 1}), story.id, "title", "x")
    restore_story(store, index, gone)
    assert [s.title for s in store.load().stories] == ["A", "B", ""]
