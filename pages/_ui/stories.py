"""The story editor (the Fit page's *Stories* tab): add, edit and delete the shared story bank's
STAR stories, and link one to a requirement or a question of the open profile.

The rules are ``prep_core.stories``'s (an atomic save of ``stories.json``, a save from an
out-of-date copy refused); every field is drawn by ``bind.bound_to`` (the state rule, for a
value outside the profile). Each edit starts from the bank this run drew (``DRAWN``), so a
second tab's change since is refused, not overwritten. A delete says so with Undo
(``pages/_ui/undo.py``).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from pages._ui.bind import bound_to, forget, picked, picker
from pages._ui.state import change, plain, say
from pages._ui.typed_list import items_caption, items_of
from prep_core.coverage import Coverage, effective_requirements
from prep_core.errors import PrepError
from prep_core.fixes import tag_story, tell_story
from prep_core.items import join_items
from prep_core.model import Profile, StoryBank
from prep_core.stories import StoryStore, delete_story, edit_story, new_story

DRAWN = "_prep.stories.drawn"  # the StoryBank this run showed: edits start from it
PICK = "stories.pick"  # not per profile: the bank is shared by every profile
UNTITLED = "Untitled story"
STAR = (
    ("situation", "Situation", "Where and when; what was at stake"),
    ("task", "Task", "What was yours to do"),
    ("action", "Action", "What you did, in the first person"),
    ("result", "Result", "What changed, with a number if you have one"),
)


def story_editor(profile: Profile, result: Coverage) -> None:
    """The bank's stories, one at a time: its STAR fields, its links, Delete; Add a story."""
    notes: list[str] = []
    try:
        bank = StoryStore().load(notes=notes)
    except PrepError as error:
        st.warning(plain(f"The story bank was not loaded: {error}", 300))
        return
    for note in notes:  # a file edited by hand, repaired on reading
        st.info(plain(note, 300))
    st.session_state[DRAWN] = bank
    st.button("Add a story", key="stories.add", on_click=_add, icon=":material/add:")
    if not bank.stories:
        st.caption("No stories yet. A story told once can prove requirements of every profile.")
        return
    labels = {s.id: s.title or UNTITLED for s in bank.stories}
    chosen = picker("Story to edit", PICK, list(labels), labels)
    story = bank.get(chosen)
    key = f"stories.{story.id}"
    bound_to(st.text_input, "Title", f"{key}.title", story.title, _saver(story.id, "title"))
    for field, label, hint in STAR:
        bound_to(
            st.text_area,
            label,
            f"{key}.{field}",
            getattr(story, field),
            _saver(story.id, field),
            placeholder=hint,
            height=80,
        )
    bound_to(
        st.text_area,
        "Tags",
        f"{key}.tags",
        join_items(story.tags),
        _saver(story.id, "tags", partial(items_of, f"{key}.tags")),
        placeholder="Skills and terms, separated by commas; a requirement's terms here prove it",
        height=68,
    )
    items_caption(f"{key}.tags", story.tags)
    _links(profile, result, story.id)
    st.button(
        "Delete this story",
        key=f"stories.delete.{story.id}",
        on_click=_delete,
        args=(story.id,),
        icon=":material/delete:",
    )


def _saver(story_id: str, field: str, convert=None):
    return partial(_save, story_id, field, convert)


def _save(story_id: str, field: str, convert, value) -> None:
    drawn: StoryBank = st.session_state[DRAWN]
    saved = edit_story(StoryStore(), drawn, story_id, field, convert(value) if convert else value)
    st.session_state[DRAWN] = saved
    say(True, "Story saved")


def _links(profile: Profile, result: Coverage, story_id: str) -> None:
    """What the story proves and tells in the open profile, and a way to link it to more."""
    proves = [r.text for r in result.requirements if story_id in r.stories]
    started = [
        (r.text, " and ".join(s.missing))
        for r in result.requirements
        for s in r.started_of("story")
        if s.id == story_id
    ]
    tells = [q.text for q in profile.prep.questions if q.story_id == story_id]
    if proves or started or tells:
        lines = [f"- Proves: {plain(t, 120)}" for t in proves]
        lines += [f"- Proves once its {gap} is written: {plain(t, 120)}" for t, gap in started]
        lines += [f"- Answers: {plain(t, 120)}" for t in tells]
        st.markdown("\n".join(lines))
    else:
        st.caption("Not linked to this profile's requirements or questions yet.")
    requirements = effective_requirements(profile)
    if requirements:
        texts = {r.id: _short(r.text) for r in requirements}
        row = st.container(horizontal=True, vertical_alignment="bottom")
        pick = f"stories.req.{story_id}"
        row.selectbox(
            "Proves the requirement", list(texts), key=pick, format_func=partial(_label, texts)
        )
        terms = {r.id: r.terms or [r.text] for r in requirements}
        row.button(
            "Link",
            key=f"stories.linkreq.{story_id}",
            on_click=_link_requirement,
            args=(story_id, pick, terms),
            icon=":material/link:",
        )
    questions = {q.id: _short(q.text) for q in profile.prep.questions if q.text}
    if questions:
        row = st.container(horizontal=True, vertical_alignment="bottom")
        pick = f"stories.q.{story_id}"
        row.selectbox(
            "Answers the question",
            list(questions),
            key=pick,
            format_func=partial(_label, questions),
        )
        row.button(
            "Link",
            key=f"stories.linkq.{story_id}",
            on_click=_link_question,
            args=(story_id, pick),
            icon=":material/link:",
        )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(labels: dict[str, str], item_id: str) -> str:
    return labels.get(item_id, item_id)


def _link_requirement(story_id: str, pick: str, terms: dict[str, list[str]]) -> None:
    try:
        title = tag_story(StoryStore(), story_id, terms[st.session_state[pick]])
    except (PrepError, ValueError) as error:
        say(False, f"Not linked: {error}")
        return
    say(True, f"Linked “{title}” to the requirement: its terms are now the story's tags")


def _link_question(story_id: str, pick: str) -> None:
    question_id = st.session_state[pick]
    try:
        if change(partial(tell_story, question_id=question_id, story_id=story_id)):
            say(True, "Linked: the question's answer tells this story")
    except ValueError as error:
        say(False, f"Not linked: {error}")


def _add() -> None:
    try:
        _, story = new_story(StoryStore(), st.session_state[DRAWN])
    except PrepError as error:
        say(False, f"Not added: {error}")
        return
    st.session_state[picked(PICK)] = story.id
    say(True, "Added a story: give it a title")


def _delete(story_id: str) -> None:
    try:
        _, index, story = delete_story(StoryStore(), st.session_state[DRAWN], story_id)
    except (PrepError, ValueError) as error:
        say(False, f"Not deleted: {error}")
        return
    forget(f"stories.{story_id}.")
    say(
        True,
        f"Deleted the story “{(story.title or UNTITLED)[:60]}”",
        undo=("story", index, story.model_dump(mode="json")),
    )
