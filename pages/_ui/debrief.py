"""The Debrief page's widgets: the round picked, the questions they asked, notes, thank-you.

Every field goes through ``bind.bound``; adding a question and drafting the note go through
``state.change``, so a refused value changes nothing and says why in one line.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import streamlit as st

from pages._ui.bind import bound, forget, wkey
from pages._ui.state import change, current, plain, say
from prep_core.debrief import ask, asked_in, thank_you_draft
from prep_core.model import Profile, Round


def pick_round(profile: Profile) -> Round:
    """The round to debrief: the latest one that has started, unless another is picked."""
    rounds = profile.rounds
    now = datetime.now(UTC)
    started = [r for r in rounds if r.start() <= now]
    default = max(started, key=lambda r: r.start()) if started else rounds[0]
    key = wkey("debrief", "round")
    if st.session_state.get(key) not in {r.id for r in rounds}:
        st.session_state[key] = default.id
    labels = {r.id: f"{r.label}, {r.day:%a %d %b %Y}" for r in rounds}
    rid = st.selectbox("Round", [r.id for r in rounds], key=key, format_func=labels.get)
    return next(r for r in rounds if r.id == rid)


def _round_writer(rid: str, attr: str, parse=None):
    def write(profile: Profile, value: Any) -> None:
        item = next(r for r in profile.rounds if r.id == rid)
        setattr(item.debrief, attr, parse(value) if parse else value)

    return write


def questions_asked(profile: Profile, item: Round) -> None:
    st.subheader("Questions they asked", anchor=False)
    st.caption("Each joins the question bank, tagged with this round: Practice takes it up.")
    for question in asked_in(profile, item):
        st.markdown(f"**{plain(question.text, 300)}**")
        qid = question.id

        def write(p: Profile, value: str, qid: str = qid) -> None:
            next(q for q in p.prep.questions if q.id == qid).how_it_went = value

        bound(
            st.text_input,
            "How it went",
            wkey("debrief", qid, "how"),
            question.how_it_went,
            write,
            placeholder="What you said, what you would say next time",
        )
    new_key = wkey("debrief", item.id, "new")
    st.text_input("A question they asked", key=new_key, placeholder="Type it, then Add")
    st.button(
        "Add the question", key=wkey("debrief", "add"), on_click=_add, args=(item.id, new_key)
    )


def _add(rid: str, new_key: str) -> None:
    text = st.session_state.get(new_key, "")
    profile = current()
    item = next(r for r in profile.rounds if r.id == rid)
    try:
        ask(profile, item, text)
    except ValueError as error:
        say(False, f"Not added: {error}")
        return
    if change(lambda p: None):
        st.session_state[new_key] = ""


def notes(item: Round) -> None:
    st.subheader("How it went", anchor=False)
    bound(
        st.text_area,
        "Notes",
        wkey("debrief", item.id, "notes"),
        item.debrief.notes,
        _round_writer(item.id, "notes"),
        placeholder="The format, the mood, what surprised you",
    )
    bound(
        st.text_area,
        "Follow-ups, one per line",
        wkey("debrief", item.id, "follow_ups"),
        "\n".join(item.debrief.follow_ups),
        _round_writer(item.id, "follow_ups", lambda text: text.split("\n")),
        placeholder="What they asked you to send, what you promised",
    )


def thank_you(profile: Profile, item: Round) -> None:
    """One note per interviewer, drafted from the debrief and the company's values (never from
    the private note on them); one note to "[Name]" when the round names nobody."""
    st.subheader("Thank-you notes", anchor=False)
    people = [p for p in item.interviewers if p.name]
    if not people:
        st.caption("No interviewers yet: add their names to the round on the Company Profile page.")
    st.button(
        "Draft the notes not written yet" if people else "Draft the note from my profile",
        key=wkey("debrief", item.id, "draft"),
        on_click=_draft,
        args=(item.id, [p.id for p in people if not p.thank_you] if people else [""]),
        icon=":material/edit_note:",
    )
    if not people:
        bound(
            st.text_area,
            "Thank-you note",
            wkey("debrief", item.id, "thank_you"),
            item.debrief.thank_you,
            _round_writer(item.id, "thank_you"),
            height=220,
        )
        return
    for person in people:
        head = st.columns([5, 1], vertical_alignment="bottom")
        head[0].markdown(f"**To {plain(person.name, 100)}**")
        head[1].button(
            "Draft again",
            key=wkey("debrief", item.id, person.id, "draft"),
            on_click=_draft,
            args=(item.id, [person.id]),
            type="tertiary",
        )
        bound(
            st.text_area,
            f"Thank-you note to {plain(person.name, 100)}",
            wkey("debrief", item.id, person.id, "thank_you"),
            person.thank_you,
            _person_writer(item.id, person.id),
            height=220,
            label_visibility="collapsed",
        )


def _person_writer(rid: str, pid: str):
    def write(profile: Profile, value: str) -> None:
        item = next(r for r in profile.rounds if r.id == rid)
        next(p for p in item.interviewers if p.id == pid).thank_you = value

    return write


def _draft(rid: str, person_ids: list[str]) -> None:
    """Draft the notes to ``person_ids`` ("" for the round's one note without interviewers)."""

    def mutate(profile: Profile) -> None:
        item = next(r for r in profile.rounds if r.id == rid)
        for pid in person_ids:
            person = next((p for p in item.interviewers if p.id == pid), None)
            draft = thank_you_draft(profile, item, person)
            if person is None:
                item.debrief.thank_you = draft
            else:
                person.thank_you = draft

    if change(mutate):
        for pid in person_ids:  # the text areas show the new drafts
            forget(
                wkey("debrief", rid, pid, "thank_you") if pid else wkey("debrief", rid, "thank_you")
            )
