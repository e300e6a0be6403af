"""The Fit page's parts: the coverage matrix, a one-click fix per gap, the editable requirements.

Everything it decides is in ``prep_core`` (the coverage matrix of ``state.insight``,
``posting.merge_requirements``, ``fixes``); here are only widgets and their callbacks. Edits
go through ``bind.bound`` (the requirement's text and kind) or ``state.change`` (a click), so
each is saved at once.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from pages._ui.bind import bound, picked, picker, wkey
from pages._ui.state import change, current, plain, say
from prep_core.coverage import Coverage, RequirementCoverage, Started, effective_requirements
from prep_core.errors import PrepError
from prep_core.fixes import (
    add_keyword,
    add_question,
    add_requirement,
    add_skill_row,
    drop_requirement,
    re_extract,
    set_kinds,
    set_requirement,
    set_talking_point,
    tag_story,
)
from prep_core.known import already_known, dismiss
from prep_core.model import REQUIREMENT_KINDS, Profile, Story
from prep_core.posting import notes as posting_notes
from prep_core.stories import StoryStore

SHOWN_GAPS = 12  # the most urgent first; each is a few widgets, and every run draws them
KIND_LABELS = {"must": "Must-have", "nice": "Nice to have", "responsibility": "Responsibility"}
STATE_LABELS = {"covered": "Covered", "in progress": "In progress", "gap": "Gap"}


def reading_notes(profile: Profile) -> None:
    """How the posting was read, when the person should check it ("no headings were found")."""
    for note in posting_notes(profile.job_posting):
        st.info(plain(f"{note[:1].upper()}{note[1:]}.", 300), icon=":material/info:")


def matrix(result: Coverage, bank: list[Story]) -> None:
    """One row per requirement: its state and what proves it first, then the requirement.

    A static table (``st.table``), not a scrolling grid: it fits the page's width and wraps
    the requirement's text, and on a phone the short coverage columns are the ones in view.
    Its cells are Markdown, so the person's text is escaped.
    """
    titles = {s.id: s.title or "Untitled story" for s in bank}
    rows = [
        {
            "State": STATE_LABELS[row.state],
            "Skills rows": len(row.skills),
            "Stories": plain(", ".join(titles[s] for s in row.stories), 300),
            "Answers": len(row.answers),
            "In talking points": "yes" if row.in_talking_points else "no",
            "Kind": KIND_LABELS[row.kind],
            "Requirement": plain(row.text, 1000),
        }
        for row in result.requirements
    ]
    with st.container(key="fit-matrix"):
        st.table(pd.DataFrame(rows), hide_index=True)


def gaps(profile: Profile, result: Coverage, bank: list[Story]) -> None:
    """Each requirement with a gap (must-haves first), what is still to write where proof is
    started, and a button per fix."""
    todo = result.todo()
    if not todo:
        st.success("Every requirement is proven and in your words.", icon=":material/check:")
        return
    drawn: set[str] = set()  # skills rows whose talking point field is on the page already
    for row in todo[:SHOWN_GAPS]:
        with st.container(border=True, key=f"fit-gap-{row.id}"):
            badge = ":orange-badge[In progress] " if row.state == "in progress" else ""
            st.markdown(f"{badge}**{KIND_LABELS[row.kind]}**: {plain(row.text, 300)}")
            st.caption("; ".join(row.gap_texts()).capitalize())
            if row.state == "in progress":
                _in_progress(profile, row, bank, drawn)
            _fix_buttons(row, bank)
    if len(todo) > SHOWN_GAPS:
        st.caption(f"and {len(todo) - SHOWN_GAPS} more, shown as these are fixed")


def _in_progress(profile: Profile, row: RequirementCoverage, bank: list[Story], drawn: set) -> None:
    """What is started and what it still needs; a skills row's talking point is asked for here
    (in a container keyed ``fill-``: the page's script puts the cursor in it after a fix)."""
    what = "this must-have" if row.kind == "must" else "this requirement"
    steps = [_still_to_write(profile, started, bank) for started in row.started]
    todo = steps[0] if len(steps) == 1 else "\n\n" + "\n".join(f"- {step}" for step in steps)
    st.info(
        f"**In progress, not covered yet.** To make {what} count, {todo}",
        icon=":material/edit_note:",
    )
    skill_rows = {r.id: r for r in profile.prep.skill_map}
    for started in row.started_of("skill"):
        if started.id in drawn or started.id not in skill_rows:
            continue
        drawn.add(started.id)
        with st.container(key=f"fill-{started.id}"):
            bound(
                st.text_input,
                "Talking point",
                wkey("fit", "point", started.id),
                skill_rows[started.id].talking_point,
                partial(set_talking_point, started.id),
                placeholder=f"What you will say about {skill_rows[started.id].skill or 'it'}",
            )


def _still_to_write(profile: Profile, started: Started, bank: list[Story]) -> str:
    """One step, as the end of "To make this must-have count, …"."""
    if started.kind == "skill":
        skill = next((r.skill for r in profile.prep.skill_map if r.id == started.id), "")
        return f"write the talking point of the skills row “{plain(skill or 'untitled', 60)}”."
    title = next((s.title for s in bank if s.id == started.id), "") or "Untitled story"
    parts = " and the ".join(started.missing)
    return f"write the {parts} of the story “{plain(title, 60)}” (Stories tab)."


# The one-click fixes that need nothing but the requirement:
# (gap, button key's name, label, fix, icon, help).
_FIXES = (
    (
        "skill",
        "skill",
        "Add a skills row",
        add_skill_row,
        ":material/table_rows:",
        "Adds a row linked to it; write its talking point and it counts",
    ),
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
        if gap in row.gaps and not (gap == "skill" and row.started_of(gap)):  # finish, not redo
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
    # The rows as the matrix sees them (the posting's extraction while there are none), drawn
    # without copying the profile: a click materialises them (``fixes``) before it edits one.
    rows = [r for r in profile.requirements or effective_requirements(profile) if not r.dropped]
    if not rows:
        st.caption("No requirements yet: paste the job posting on Company Profile (Basics).")
        return
    ids = [r.id for r in rows]
    labels = {r.id: f"{KIND_LABELS[r.kind]}: {r.text[:80]}" for r in rows}
    _several_kinds(ids, labels)
    # bind.picker sets the pick on every run: a keyed selectbox whose labels changed (a new
    # kind) kept showing the old label in the browser until something else redrew it.
    chosen = picker("Requirement to edit", wkey("fit", "pick"), ids, labels)
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


# kind -> (button, icon, what one of them is called, what several are called)
_MAKE_KINDS = {
    "must": ("Make these must-haves", ":material/priority_high:", "a must-have", "must-haves"),
    "nice": ("Make these nice-to-haves", ":material/thumb_up:", "a nice-to-have", "nice-to-haves"),
    "responsibility": (
        "Make these responsibilities",
        ":material/work:",
        "a responsibility",
        "responsibilities",
    ),
}


def _several_kinds(ids: list[str], labels: dict[str, str]) -> None:
    """Pick several requirements, then make them all one kind with one click."""
    key = wkey("fit", "several")
    kept = [i for i in st.session_state.get(key, []) if i in ids]
    if kept != st.session_state.get(key, []):  # a requirement dropped since: no option now
        st.session_state[key] = kept
    chosen = st.multiselect(
        "Change the kind of several",
        ids,
        key=key,
        format_func=partial(_title, labels),
        placeholder="Pick the requirements whose kind is wrong",
    )
    buttons = st.container(horizontal=True)
    for kind, (label, icon, _, _) in _MAKE_KINDS.items():
        buttons.button(
            label,
            key=f"fit.kinds.{kind}",
            on_click=_make_kind,
            args=(key, kind),
            icon=icon,
            disabled=not chosen,
        )


def _make_kind(key: str, kind: str) -> None:
    """Make the picked requirements ``kind``; say how many changed and clear the pick."""
    chosen = list(st.session_state.get(key) or [])
    changed: list[int] = []
    make = partial(set_kinds, requirement_ids=chosen, kind=kind)
    try:
        saved = change(lambda p: changed.append(make(p)))
    except ValueError as error:
        say(False, f"Not changed: {error}")
        return
    if saved:
        st.session_state[key] = []
        *_, one, several = _MAKE_KINDS[kind]
        n = changed[0]
        said = f"Made 1 requirement {one}" if n == 1 else f"Made {n} requirements {several}"
        say(True, said if n else f"They were {several} already")


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
        st.session_state[picked(wkey("fit", "pick"))] = current().requirements[-1].id


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
