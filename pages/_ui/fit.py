"""The Fit page's parts: the coverage matrix, a one-click fix per gap, the editable requirements.

Everything it decides is in ``prep_core`` (``coverage``, ``posting.merge_requirements``,
``fixes``); here are only widgets and their callbacks. Edits go through ``bind.bound`` (the
requirement's text and kind) or ``state.change`` (a click), so each is saved at once.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from pages._ui.bind import bound, wkey
from pages._ui.state import change, current, plain, say
from prep_core.coverage import GAP_LABELS, Coverage, RequirementCoverage, coverage
from prep_core.errors import PrepError
from prep_core.fixes import (
    add_keyword,
    add_question,
    add_requirement,
    add_skill_row,
    drop_requirement,
    materialise,
    re_extract,
    set_requirement,
    tag_story,
)
from prep_core.known import already_known, dismiss
from prep_core.model import REQUIREMENT_KINDS, Profile, Story
from prep_core.posting import notes as posting_notes
from prep_core.stories import StoryStore

SHOWN_GAPS = 12  # the most urgent first; each is a few widgets, and every run draws them
KIND_LABELS = {"must": "Must-have", "nice": "Nice to have", "responsibility": "Responsibility"}


def stories() -> list[Story]:
    """The story bank, read again only when its file changed; a bank that does not load is
    reported and counts as empty."""
    path = StoryStore().path
    try:
        info = path.stat()
    except OSError:
        return []
    try:
        return list(_bank(str(path), (info.st_mtime_ns, info.st_size)))
    except PrepError as error:
        st.warning(plain(f"The story bank was not loaded: {error}", 300))
        return []


@st.cache_resource(max_entries=4, show_spinner=False)
def _bank(path: str, stamp: tuple[int, int]) -> tuple[Story, ...]:
    return tuple(StoryStore(Path(path).parent).load().stories)


_REPORT = "_prep.coverage"  # (key, Coverage): the open profile's matrix at its saved revision


def report(profile: Profile, bank: list[Story]) -> Coverage:
    """The coverage matrix, computed once per saved revision of the profile and of the bank."""
    stars = tuple((s.id, s.title, s.situation, s.task, s.action, s.result, *s.tags) for s in bank)
    key = (profile.id, profile.revision, profile.updated_at, stars)
    cached = st.session_state.get(_REPORT)
    if cached is not None and cached[0] == key:
        return cached[1]
    result = coverage(profile, bank)
    st.session_state[_REPORT] = (key, result)
    return result


def reading_notes(profile: Profile) -> None:
    """How the posting was read, when the person should check it ("no headings were found")."""
    for note in posting_notes(profile.job_posting):
        st.info(plain(f"{note[:1].upper()}{note[1:]}.", 300), icon=":material/info:")


def matrix(result: Coverage, bank: list[Story]) -> None:
    """One row per requirement: kind, text, and what proves it."""
    titles = {s.id: s.title or "Untitled story" for s in bank}
    rows = [
        {
            "Kind": KIND_LABELS[row.kind],
            "Requirement": row.text,
            "Skills rows": len(row.skills),
            "Stories": ", ".join(titles[s] for s in row.stories),
            "Answers": len(row.answers),
            "In talking points": row.in_talking_points,
            "Covered": row.covered,
        }
        for row in result.requirements
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="fit.matrix")


def gaps(result: Coverage, bank: list[Story]) -> None:
    """Each requirement with a gap (uncovered must-haves first) and a button per fix."""
    order = {"must": 0, "responsibility": 1, "nice": 2}
    todo = [r for r in result.requirements if r.gaps]
    todo.sort(key=lambda r: (r.covered, order[r.kind]))
    if not todo:
        st.success("Every requirement is proven and in your words.", icon=":material/check:")
        return
    for row in todo[:SHOWN_GAPS]:
        with st.container(border=True, key=f"fit-gap-{row.id}"):
            st.markdown(f"**{KIND_LABELS[row.kind]}**: {plain(row.text, 300)}")
            st.caption("; ".join(GAP_LABELS[g] for g in row.gaps).capitalize())
            _fix_buttons(row, bank)
    if len(todo) > SHOWN_GAPS:
        st.caption(f"and {len(todo) - SHOWN_GAPS} more, shown as these are fixed")


# The one-click fixes that need nothing but the requirement:
# (gap, button key's name, label, fix, icon, help).
_FIXES = (
    ("skill", "skill", "Add a skills row", add_skill_row, ":material/table_rows:", None),
    (
        "answer",
        "question",
        "Add the question",
        add_question,
        ":material/help:",
        "Adds “Tell me about your experience with …” to the question bank",
    ),
    ("keyword", "keyword", "Add the keyword", add_keyword, ":material/sell:", None),
)


def _fix_buttons(row: RequirementCoverage, bank: list[Story]) -> None:
    buttons = st.container(horizontal=True)
    for gap, name, label, fix, icon, hint in _FIXES:
        if gap in row.gaps:
            buttons.button(
                label,
                key=f"fit.{name}.{row.id}",
                on_click=_apply,
                args=(partial(fix, requirement_id=row.id),),
                icon=icon,
                help=hint,
            )
    if "story" in row.gaps and bank:
        pick = buttons.selectbox(
            "Story",
            [s.id for s in bank],
            key=f"fit.storypick.{row.id}",
            format_func=partial(_title, {s.id: s.title or "Untitled story" for s in bank}),
            label_visibility="collapsed",
        )
        buttons.button(
            "Link this story",
            key=f"fit.story.{row.id}",
            on_click=_link_story,
            args=(row, pick),
            icon=":material/link:",
        )


def _apply(mutate) -> None:
    """One click's change, saved; a fix that no longer applies says why and changes nothing."""
    try:
        change(mutate)
    except ValueError as error:
        say(False, f"Not changed: {error}")


def _title(titles: dict[str, str], story_id: str) -> str:
    return titles.get(story_id, story_id)


def _link_story(row: RequirementCoverage, story_id: str) -> None:
    try:
        title = tag_story(StoryStore(), story_id, row.terms or [row.text])
    except PrepError as error:
        say(False, f"Not linked: {error}")
        return
    say(True, f"Linked “{title}” to this requirement")


def requirements_editor(profile: Profile) -> None:
    """Fix, drop or add requirement rows; re-extract from the posting without losing edits."""
    bar = st.container(horizontal=True)
    bar.button(
        "Re-extract from the posting",
        key="fit.reextract",
        on_click=_apply,
        args=(re_extract,),
        icon=":material/refresh:",
        disabled=not profile.job_posting.strip(),
        help="Adds the posting's new rows; never changes the ones you edited or dropped",
    )
    bar.button("Add a requirement", key="fit.add", on_click=_add, icon=":material/add:")
    rows = [r for r in materialise(profile.model_copy(deep=True)) if not r.dropped]
    if not rows:
        st.caption("No requirements yet: paste the job posting on Company Profile (Basics).")
        return
    ids = [r.id for r in rows]
    labels = {r.id: f"{KIND_LABELS[r.kind]}: {r.text[:80]}" for r in rows}
    chosen = st.selectbox(
        "Requirement to edit", ids, key=wkey("fit", "pick"), format_func=partial(_title, labels)
    )
    row = next(r for r in rows if r.id == chosen)
    text_key = wkey("fit", row.id, "text")
    bound(
        st.text_input,
        "Requirement",
        text_key,
        row.text,
        partial(set_requirement, row.id, "text"),
    )
    bound(
        st.selectbox,
        "Kind",
        wkey("fit", row.id, "kind"),
        row.kind,
        partial(set_requirement, row.id, "kind"),
        options=REQUIREMENT_KINDS,
        format_func=partial(_title, KIND_LABELS),
        default=lambda v: {"index": REQUIREMENT_KINDS.index(v)},
    )
    st.button(
        "Drop this requirement",
        key=f"fit.drop.{row.id}",
        on_click=_drop,
        args=(row.id,),
        icon=":material/delete:",
    )


def _drop(requirement_id: str) -> None:
    """Drop a requirement; say so when skills rows lose their link to it (they stay)."""
    unlinked: list[int] = []
    drop = partial(drop_requirement, requirement_id=requirement_id)
    try:
        saved = change(lambda p: unlinked.append(drop(p)))
    except ValueError as error:
        say(False, f"Not changed: {error}")
        return
    if saved and unlinked and unlinked[0]:
        rows = "1 skills row keeps" if unlinked[0] == 1 else f"{unlinked[0]} skills rows keep"
        say(True, f"Dropped the requirement; {rows} its words, no longer linked to it")


def _add() -> None:
    profile = current()
    if profile is not None and change(add_requirement):  # cannot raise: it only appends
        st.session_state[wkey("fit", "pick")] = current().requirements[-1].id


def known_questions(profile: Profile) -> None:
    """Questions to ask that the research already answers: the fact, a deeper follow-up."""
    flags = already_known(profile)
    if not flags:
        st.success(
            "None of your questions to ask is answered by your own research.",
            icon=":material/check:",
        )
        return
    for n, flag in enumerate(flags):
        with st.container(border=True, key=f"fit-known-{n}"):
            st.markdown(f"**You ask**: {plain(flag.question, 300)}")
            st.markdown(f"**You already know** ({plain(flag.source)}): {plain(flag.fact, 300)}")
            st.markdown(f"**Ask instead**: {plain(flag.follow_up, 400)}")
            st.button(
                "Dismiss",
                key=f"fit.dismiss.{n}",
                on_click=_apply,
                args=(partial(dismiss, question=flag.question),),
                icon=":material/close:",
            )
