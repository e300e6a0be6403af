"""Deletes that can be undone: a row, a question, a story, a question's practice history, a whole
profile.

A delete saves at once and leaves a message with an *Undo* button. What Undo needs is kept in
the message as plain data (the session state must pickle): ``("item", field path, index, item)``,
``("story", index, story)`` (the shared story bank), ``("attempts", question id, attempts)`` or
``("profile", profile id)``. The
message belongs to the profile it is about and goes with the next action, as every message does.
"""

from __future__ import annotations

import streamlit as st

from pages._ui.bind import forget, picked, wkey
from pages._ui.state import change, current, message, plain, say, store, use
from prep_core.errors import PrepError
from prep_core.model import Attempt, NewsItem, Profile, Question, SkillRow, Source, Story
from prep_core.sections import SECTIONS, FieldSpec

ITEM_MODELS = {"news": NewsItem, "sources": Source, "skills": SkillRow, "questions": Question}


def delete_item(spec: FieldSpec, item_id: str, *, what: str) -> int | None:
    """Delete one item (a row, a question) of the list field ``spec``; its index, or None."""
    items = list(spec.get(current()))
    index = next((n for n, i in enumerate(items) if i.id == item_id), None)
    if index is None:
        return None
    item = items[index]
    if not change(lambda p: spec.set(p, [i for i in spec.get(p) if i.id != item_id])):
        return None
    forget(wkey(spec.path, item_id))
    say(
        True,
        f"Deleted {what} {index + 1}: “{_summary(item)}”",
        undo=("item", spec.path, index, item.model_dump(mode="json")),
    )
    return index


def clear_history(question_id: str) -> None:
    """Delete one question's practice attempts (they count towards a profile's 2 MB), with Undo."""
    question = _question(current(), question_id)
    if question is None or not question.attempts:
        return
    kept = [a.model_dump(mode="json") for a in question.attempts]
    if change(lambda p: setattr(_question(p, question_id), "attempts", [])):
        attempts = "attempt" if len(kept) == 1 else "attempts"
        say(
            True,
            f"Cleared {len(kept)} practice {attempts} of “{_summary(question)}”",
            undo=("attempts", question_id, kept),
        )


def _question(profile: Profile, question_id: str) -> Question | None:
    return next((q for q in profile.prep.questions if q.id == question_id), None)


def _undo_history(question_id: str, data: list[dict]) -> None:
    """Put the attempts back, before any made since (the model keeps the last ones)."""

    def put_back(profile: Profile) -> None:
        question = _question(profile, question_id)
        if question is None:
            raise ValueError("that question was deleted since")
        question.attempts = [*(Attempt.model_validate(a) for a in data), *question.attempts]

    if change(put_back):
        say(True, "Restored the practice history")


def deleted_profile(profile_id: str, title: str) -> None:
    """Report a deleted profile, with Undo (it restores the file from the trash folder)."""
    say(True, f"Deleted {title}. Its file is in the trash folder.", undo=("profile", profile_id))


def undo_box() -> None:
    """The last delete, with Undo, while the profile it is about is open."""
    msg = message()
    if msg is None or msg.undo is None:
        return
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(f":material/delete: {plain(msg.text, 300)}", width="stretch")
        st.button("Undo", key="undo", on_click=_undo, icon=":material/undo:")


def _undo() -> None:
    msg = message()
    if msg is None or msg.undo is None:
        return
    kind, *args = msg.undo
    if kind == "story":
        _undo_story(*args)
        return
    if kind == "attempts":
        _undo_history(*args)
        return
    if kind == "profile":
        try:
            restored = store().restore(args[0])
        except PrepError as error:
            say(False, f"Could not undo: {error}", profile_id=None)
            return
        use(restored)
        say(True, f"Restored {restored.title}")
        return
    path, index, data = args
    spec = _field(path)
    item = ITEM_MODELS[spec.kind].model_validate(data)

    def put_back(profile) -> None:
        items = [i for i in spec.get(profile) if i.id != item.id]
        items.insert(min(index, len(items)), item)
        spec.set(profile, items)

    if change(put_back):
        say(True, "Restored what was deleted")
        st.session_state[picked(wkey(spec.path, "selected"))] = item.id  # the picker shows it


def _undo_story(index: int, data: dict) -> None:
    from pages._ui.stories import PICK
    from prep_core.stories import StoryStore, restore_story

    story = Story.model_validate(data)
    try:
        restore_story(StoryStore(), index, story)
    except PrepError as error:
        say(False, f"Could not undo: {error}")
        return
    st.session_state[picked(PICK)] = story.id
    say(True, "Restored the story")


def _field(path: str) -> FieldSpec:
    return next(f for s in SECTIONS for f in s.fields if f.path == path)


def _summary(item) -> str:
    for attr in ("text", "title", "skill", "requirement", "url"):
        value = getattr(item, attr, "")
        if value:
            return value[:60]
    return "blank"
