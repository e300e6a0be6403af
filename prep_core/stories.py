"""The story bank: STAR stories kept once for every profile, in ``<data dir>/stories.json``.

ARCHITECTURE.md ("The analysis layer"): stories are the one thing shared across profiles, linked
by id from questions (``Question.story_id``) and, through coverage, from requirements. The file
follows the profile store's rules (``store.py``): written atomically (``write_atomic``: a synced
temp file renamed into place), under the data folder's lock, the previous version kept as
``stories.json.bak``, and every save carries the revision it started from, so a save from an
out-of-date copy (a second tab) is refused with ``StaleRevision`` instead of overwriting. A
missing file is an empty bank; a file that does not load is reported and never overwritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import ValidationError

from prep_core.errors import InvalidProfile, StaleRevision, StoreError, describe_validation_error
from prep_core.model import STORY_BANK_VERSION, Story, StoryBank
from prep_core.store import Store, resolve_data_dir, write_atomic

__all__ = [
    "STORIES_FILE",
    "STORY_FIELDS",
    "StoryStore",
    "delete_story",
    "edit_story",
    "new_story",
    "parse_stories",
    "restore_story",
]

STORIES_FILE = "stories.json"
MAX_BYTES = 20 << 20


class StoryStore:
    """The story bank of one data folder."""

    def __init__(self, data_dir: str | Path | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        self.path = self.data_dir / STORIES_FILE
        self._store = Store(self.data_dir)  # its folder lock serialises every save

    def load(self) -> StoryBank:
        """The bank on disk (empty when there is none yet)."""
        if not os.path.lexists(self.path):
            return StoryBank()
        if self.path.is_symlink() or not self.path.is_file():
            raise StoreError(f"{self.path} is not a regular file; the story bank is left alone")
        data = self.path.read_bytes()
        if len(data) > MAX_BYTES:
            raise InvalidProfile(f"{STORIES_FILE}: larger than {MAX_BYTES >> 20} MB")
        return _bank(data, STORIES_FILE)

    def save(self, bank: StoryBank) -> StoryBank:
        """Save ``bank``; returns the saved copy (revision + 1). Refused when stale."""
        with self._store._locked():
            current = self.load().revision if os.path.lexists(self.path) else 0
            if bank.revision != current:
                raise StaleRevision(
                    f"the story bank was changed elsewhere (revision {current}, this copy "
                    f"{bank.revision}); reload it and make the change again"
                )
            saved = bank.model_copy(update={"revision": bank.revision + 1}, deep=True)
            text = saved.model_dump_json(indent=2) + "\n"
            try:
                self.data_dir.mkdir(parents=True, exist_ok=True)
                if os.path.lexists(self.path):
                    write_atomic(self.path.with_name(STORIES_FILE + ".bak"), self.path.read_bytes())
                write_atomic(self.path, text.encode("utf-8"))
            except OSError as error:
                raise StoreError(
                    f"could not save {self.path}: {error.strerror or error}"
                ) from error
        return saved

    def add(self, stories: list[Story]) -> tuple[StoryBank, int]:
        """Add ``stories`` (a story whose id or STAR text is in the bank already is skipped);
        returns the saved bank and how many were added."""
        bank = self.load()
        ids = {s.id for s in bank.stories}
        texts = {_key(s) for s in bank.stories}
        new = []
        for story in stories:
            if story.id in ids or _key(story) in texts or story.is_blank():
                continue
            new.append(story)
            ids.add(story.id)
            texts.add(_key(story))
        if not new:
            return bank, 0
        return self.save(bank.model_copy(update={"stories": [*bank.stories, *new]})), len(new)


STORY_FIELDS = ("title", "situation", "task", "action", "result", "tags")  # what a person edits


# Edits of one story, as the app makes them: each starts from the bank the person was shown
# (``drawn``), so a save over a bank changed elsewhere since is refused (``StaleRevision``),
# and returns the saved bank.


def _story_at(bank: StoryBank, story_id: str) -> int:
    for index, story in enumerate(bank.stories):
        if story.id == story_id:
            return index
    raise ValueError("that story is no longer in the story bank; reload the page")


def edit_story(
    store: StoryStore, drawn: StoryBank, story_id: str, field: str, value: object
) -> StoryBank:
    """Set one of ``STORY_FIELDS`` of a story (validated as the model validates it)."""
    if field not in STORY_FIELDS:
        raise ValueError(f"a story has no field {field!r}")
    index = _story_at(drawn, story_id)
    story = drawn.stories[index]
    try:
        changed = Story.model_validate({**story.model_dump(), field: value})
    except ValidationError as error:
        raise ValueError(describe_validation_error(error)) from None
    stories = list(drawn.stories)
    stories[index] = changed
    return store.save(drawn.model_copy(update={"stories": stories}))


def new_story(store: StoryStore, drawn: StoryBank) -> tuple[StoryBank, Story]:
    """Add an empty story at the end; the saved bank and the new story."""
    story = Story()
    return store.save(drawn.model_copy(update={"stories": [*drawn.stories, story]})), story


def delete_story(
    store: StoryStore, drawn: StoryBank, story_id: str
) -> tuple[StoryBank, int, Story]:
    """Remove a story; the saved bank, where it was and what it was (for Undo). Links to it
    (a question's ``story_id``) stay in the profiles and count for nothing until it is back."""
    index = _story_at(drawn, story_id)
    story = drawn.stories[index]
    stories = [s for s in drawn.stories if s.id != story_id]
    return store.save(drawn.model_copy(update={"stories": stories})), index, story


def restore_story(store: StoryStore, index: int, story: Story) -> StoryBank:
    """Put a deleted story back where it was, into the bank as it is now (Undo)."""
    bank = store.load()
    stories = [s for s in bank.stories if s.id != story.id]
    stories.insert(min(index, len(stories)), story)
    return store.save(bank.model_copy(update={"stories": stories}))


def _key(story: Story) -> tuple[str, ...]:
    return (story.title, story.situation, story.task, story.action, story.result)


def _bank(data: bytes, name: str) -> StoryBank:
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise InvalidProfile(f"{name}: not a story bank (not valid JSON: {error})") from None
    if isinstance(raw, list):  # a plain list of stories (as `prep stories export` prints)
        raw = {"stories": raw}
    if not isinstance(raw, dict):
        raise InvalidProfile(f"{name}: not a story bank: expected a JSON object or list")
    if raw.get("schema_version", STORY_BANK_VERSION) != STORY_BANK_VERSION:
        raise InvalidProfile(
            f"{name}: story bank schema {raw.get('schema_version')!r}; this version reads "
            f"schema {STORY_BANK_VERSION}"
        )
    try:
        return StoryBank.model_validate(raw)
    except ValidationError as error:
        raise InvalidProfile(describe_validation_error(error, source=name)) from None


def parse_stories(data: bytes, name: str) -> list[Story]:
    """Stories from a file a person gives: a story bank or a list (JSON), or a profile in the
    Markdown template with a ``## Story Bank`` section."""
    if name.lower().endswith((".md", ".markdown", ".txt")):
        from prep_core.readers.markdown import read_stories

        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidProfile(f"{name}: not UTF-8 text") from None
        stories = read_stories(text)
        if not stories:
            raise InvalidProfile(f"{name}: no '## Story Bank' section with stories")
        return stories
    return _bank(data, name).stories
