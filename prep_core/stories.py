"""The story bank: STAR stories kept once for every profile, in ``<data dir>/stories.json``.

ARCHITECTURE.md ("The analysis layer"): stories are the one thing shared across profiles, linked
by id from questions (``Question.story_id``) and, through coverage, from requirements. The file
keeps the profile store's promises, on the same primitives (``files.py``): written atomically (a
synced temp file renamed into place), under the data folder's lock, the previous version kept as
``stories.json.bak``, temp files of killed saves swept (once per process), and every save carries
the revision it started from, so a save from an out-of-date copy (a second tab) is refused with
``StaleRevision`` instead of overwriting. A missing file is an empty bank; a file that does not
load is reported and never overwritten, and a bank the read would refuse (too many stories, too
large) is refused before it is written, with the read's own message. The size is checked before
the file is read; a byte-order mark is ignored. Two stories with one id (a file edited by hand)
are repaired on reading, with a warning: an exact copy is left out, another story gets a new id.
"""

from __future__ import annotations

import json
import re
import uuid
import warnings
from pathlib import Path

from pydantic import ValidationError

from prep_core import files
from prep_core.errors import (
    InvalidProfile,
    PrepWarning,
    StaleRevision,
    StoreError,
    describe_validation_error,
)
from prep_core.model import MAX_ITEMS, STORY_BANK_VERSION, Story, StoryBank
from prep_core.store import resolve_data_dir

__all__ = [
    "MAX_BYTES",
    "MAX_STORIES",
    "STORIES_FILE",
    "STORY_FIELDS",
    "StoryStore",
    "delete_story",
    "edit_story",
    "new_story",
    "parse_stories",
    "restore_story",
    "stories_of_profile_file",
]

STORIES_FILE = "stories.json"
BACKUP_FILE = STORIES_FILE + ".bak"
MAX_BYTES = 20 << 20  # the file, read or written
MAX_STORIES = MAX_ITEMS  # the model's limit on the list, stated before it is validated
_TEMP = re.compile(r"^\.stories\.json(?:\.bak)?\..+\.tmp$")  # files.write_temp's, of this file
_KNOWN = files.Known()  # the bank files this process saved, with their revisions


class StoryStore:
    """The story bank of one data folder."""

    def __init__(self, data_dir: str | Path | None = None) -> None:
        self.data_dir = resolve_data_dir(data_dir)
        self.path = self.data_dir / STORIES_FILE
        files.sweep_once(self.data_dir, _TEMP)

    def load(self, *, notes: list[str] | None = None) -> StoryBank:
        """The bank on disk (empty when there is none yet). What a person should know about a
        file that still loads (an id repaired) goes to ``notes``, else it is a ``PrepWarning``."""
        data = self._bytes()
        if data is None:
            return StoryBank()
        return _bank(data, STORIES_FILE, repair=True, notes=notes)

    def save(self, bank: StoryBank) -> StoryBank:
        """Save ``bank``; returns the saved copy (revision + 1). Refused when stale, and when the
        bank is one a read would refuse (nothing is written then)."""
        saved = bank.model_copy(update={"revision": bank.revision + 1}, deep=True)
        data = (saved.model_dump_json(indent=2) + "\n").encode("utf-8")
        try:
            _bank(data, STORIES_FILE)  # read back as a load reads it
        except InvalidProfile as error:
            raise StoreError(
                f"the story bank was not saved: {error}; nothing was written"
            ) from None
        with files.locked(self.data_dir):
            previous = self._bytes()
            current = _KNOWN.revision(self.path)
            if current is None:
                current = 0 if previous is None else _bank(previous, STORIES_FILE).revision
            if bank.revision != current:
                raise StaleRevision(
                    f"the story bank was changed elsewhere (revision {current}, this copy "
                    f"{bank.revision}); reload it and make the change again"
                )
            try:
                files.replace_with_backup(self.path, data, self.data_dir / BACKUP_FILE, previous)
            except OSError as error:
                raise StoreError(
                    f"could not save {self.path}: {error.strerror or error}"
                ) from error
            _KNOWN.remember(self.path, saved.revision)
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

    def add_from_profile_file(self, data: bytes, name: str) -> tuple[int, int]:
        """Add the stories an imported profile file carries (``stories_of_profile_file``):
        how many were added, of how many found. Its questions link to them."""
        found = stories_of_profile_file(data, name)
        return (self.add(found)[1] if found else 0), len(found)

    def _bytes(self) -> bytes | None:
        """The file's bytes (None: no file), its size checked before it is read."""
        from prep_core import readers

        if not self.path.is_symlink() and not self.path.exists():
            return None
        try:
            return readers.read_regular_file(
                self.path, MAX_BYTES, name=STORIES_FILE, follow_symlinks=False, kind="a story bank"
            )
        except InvalidProfile as error:
            if self.path.is_symlink() or not self.path.is_file():
                raise StoreError(
                    f"{self.path} is not a regular file; the story bank is left alone"
                ) from None
            raise error from None


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


def _bank(
    data: bytes, name: str, *, repair: bool = False, notes: list[str] | None = None
) -> StoryBank:
    """The story bank in a file's bytes, or ``InvalidProfile`` saying why not. The one reading
    of a bank: ``save`` reads what it would write with it too. With ``repair`` two stories with
    one id are mended (``_distinct_ids``), saying so in ``notes`` (None: a warning)."""
    from prep_core import readers

    if len(data) > MAX_BYTES:
        raise InvalidProfile(readers.too_large(name, MAX_BYTES, "a story bank"))
    try:
        raw = json.loads(data.decode("utf-8-sig"))
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
    stories = raw.get("stories")
    if isinstance(stories, list) and len(stories) > MAX_STORIES:
        raise InvalidProfile(
            f"{name}: {len(stories):,} stories, more than a story bank holds ({MAX_STORIES:,})"
        )
    try:
        bank = StoryBank.model_validate(raw)
    except ValidationError as error:
        raise InvalidProfile(describe_validation_error(error, source=name)) from None
    if repair:
        return _distinct_ids(bank, name, notes)
    return bank


def _distinct_ids(bank: StoryBank, name: str, notes: list[str] | None) -> StoryBank:
    """``bank`` with one story per id: a later exact copy of a story is left out, a different
    story with a taken id gets a new one, the same on every read until it is saved (a note says
    so). Without this, *Delete* removed every story with the id and *Undo* brought back one."""
    kept: list[Story] = []
    by_id: dict[str, list[Story]] = {}
    found: dict[str, list[int]] = {}  # id -> [copies left out, stories given a new id]
    for story in bank.stories:
        same = by_id.setdefault(story.id, [])
        if same:
            counts = found.setdefault(story.id, [0, 0])
            if any(story == other for other in same):
                counts[0] += 1
                continue
            counts[1] += 1
            same.append(story)
            fresh = uuid.uuid5(uuid.NAMESPACE_URL, f"story/{story.id}/{len(same)}").hex
            story = story.model_copy(update={"id": fresh})
        else:
            same.append(story)
        kept.append(story)
    for story_id, (copies, renamed) in found.items():
        total = 1 + copies + renamed
        parts = []
        if copies:
            parts.append(f"{copies} exact cop{'y' if copies == 1 else 'ies'} left out")
        if renamed:
            parts.append(f"{renamed} given a new id")
        note = (
            f"{name}: the id {story_id!r} was on {total} stories: {', '.join(parts)} "
            "(saved with the next change)"
        )
        if notes is None:
            warnings.warn(note, PrepWarning, stacklevel=4)
        else:
            notes.append(note)
    return bank.model_copy(update={"stories": kept}) if found else bank


def stories_of_profile_file(data: bytes, name: str) -> list[Story]:
    """The stories a profile file carries: a Markdown file's ``## Story Bank`` (an export with
    stories writes one; JSON profiles carry none). Added to the bank when the file is imported,
    so that its questions' links name stories that exist."""
    if not name.lower().endswith(_MARKDOWN_SUFFIXES):
        return []
    from prep_core.readers.markdown import read_stories

    try:
        return read_stories(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidProfile(f"{name}: not UTF-8 text") from None


_MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")


def parse_stories(data: bytes, name: str) -> list[Story]:
    """Stories from a file a person gives: a story bank or a list (JSON), or a profile in the
    Markdown template with a ``## Story Bank`` section."""
    if name.lower().endswith(_MARKDOWN_SUFFIXES):
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
