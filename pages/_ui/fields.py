"""Section pages: header, Previous / Next, and one widget per field kind of the registry.

Widgets are views on the open profile: each has its own key ``"<profile id>.<field path>"``, is
seeded from the model when that key is missing, and writes back through ``FieldSpec.set``
(pydantic ``validate_assignment``), saving at once; on a refused value the user's text stays.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from pages._ui.state import (
    LIBRARY,
    READINESS,
    change,
    current,
    days_left_text,
    persist,
    require_profile,
    section_page,
    set_status,
)
from prep_core.completeness import completeness
from prep_core.errors import describe_validation_error
from prep_core.model import QUESTION_CATEGORIES, Profile, Question
from prep_core.sections import SECTIONS, FieldSpec, Section, get_section

YES_NO = {"yes": "Yes", "no": "No", "unknown": "Not answered"}
ROW_COLUMNS = {  # the editable columns of each row kind, with their headers
    "news": {"text": "Development", "date": "Date", "url": "Link"},
    "sources": {"title": "Source", "url": "Link"},
    "skills": {"skill": "Skill", "requirement": "Requirement", "talking_point": "Talking point"},
}


# --- section pages -------------------------------------------------------------------------


def section_header(key: str) -> Section:
    require_profile()
    section = get_section(key)
    st.title(section.title, anchor=False)
    section_progress(section)
    return section


def section_progress(section: Section) -> None:
    report = completeness(current()).section(section.key)
    st.caption(f"Section {section.number} of {len(SECTIONS)}")
    st.progress(report.ratio, text=f"{len(report.filled)} of {report.total} filled")


def section_footer(section: Section) -> None:
    """Previous / Next in template order, with the Library and Readiness at the two ends."""
    i = section.number - 1
    pages = [(LIBRARY, "Library")]
    pages += [(section_page(s.key), s.title) for s in SECTIONS] + [(READINESS, "Readiness")]
    back, ahead = pages[i], pages[i + 2]
    st.divider()
    left, right = st.columns(2)
    if left.button(
        f"Previous: {back[1]}", key="nav.previous", icon=":material/arrow_back:", width="stretch"
    ):
        st.switch_page(back[0])
    if right.button(
        f"Next: {ahead[1]}",
        key="nav.next",
        icon=":material/arrow_forward:",
        type="primary",
        width="stretch",
    ):
        st.switch_page(ahead[0])


def field(spec: FieldSpec) -> None:
    """The widget of one registry field, chosen by its kind."""
    _WIDGETS[spec.kind](spec)


def wkey(*parts: str) -> str:
    return ".".join((current().id, *parts))


def _seeded(spec: FieldSpec, value: Any) -> str:
    key = wkey(spec.path)
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _commit(spec: FieldSpec, key: str) -> None:
    change(lambda p: spec.set(p, st.session_state[key]))


def _line(spec: FieldSpec) -> None:
    key = _seeded(spec, spec.get(current()))
    st.text_input(spec.label, key=key, placeholder=spec.hint, on_change=_commit, args=(spec, key))


def _text(spec: FieldSpec) -> None:
    key = _seeded(spec, spec.get(current()))
    st.text_area(spec.label, key=key, placeholder=spec.hint, on_change=_commit, args=(spec, key))


def _yesno(spec: FieldSpec) -> None:
    key = _seeded(spec, spec.get(current()))
    st.radio(
        spec.label,
        list(YES_NO),
        key=key,
        format_func=YES_NO.get,
        horizontal=True,
        on_change=_commit,
        args=(spec, key),
    )


def _date(spec: FieldSpec) -> None:
    profile = current()
    key = _seeded(spec, spec.get(profile))
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.date_input(
        spec.label,
        key=key,
        min_value=date(1990, 1, 1),
        max_value=date(2100, 12, 31),
        format="YYYY-MM-DD",
        help=spec.hint,
        on_change=_commit,
        args=(spec, key),
    )
    right.button(
        "No date",
        key=f"{key}.clear",
        on_click=_clear_date,
        args=(spec, key),
        disabled=spec.get(profile) is None,
        icon=":material/event_busy:",
    )
    st.caption(days_left_text(profile))


def _clear_date(spec: FieldSpec, key: str) -> None:
    st.session_state[key] = None
    change(lambda p: spec.set(p, None))


def _tags(spec: FieldSpec) -> None:
    """A short list written on one line (languages, competitors): one chip per entry.

    Type to add an entry, ✕ to remove one; removing and adding again moves it to the end.
    Much lighter than a table, which matters on Technology Stack with five of them.
    """
    items = list(spec.get(current()))
    key = _seeded(spec, items)
    st.multiselect(
        spec.label,
        items,
        key=key,
        accept_new_options=True,
        placeholder=spec.hint,
        on_change=_commit,
        args=(spec, key),
    )


def _lines(spec: FieldSpec) -> None:
    """A bulleted list as text, one entry per line: add, remove and reorder by editing lines.

    Entries are one-line values, so the text holds them exactly; blank lines are dropped. A
    text area is also several times lighter than a table (Role Analysis has three lists).
    """
    items = spec.get(current())
    key = _seeded(spec, "\n".join(items))
    st.text_area(
        spec.label,
        key=key,
        label_visibility="collapsed" if spec.bare and spec.heading else "visible",
        placeholder=f"{spec.hint}, one per line",
        height=min(400, max(100, 28 * len(items) + 40)),
        on_change=_commit_lines,
        args=(spec, key),
    )


def _commit_lines(spec: FieldSpec, key: str) -> None:
    change(lambda p: spec.set(p, st.session_state[key].split("\n")))


def _rows(spec: FieldSpec) -> None:
    columns = ROW_COLUMNS[spec.kind]
    rows = [item.model_dump(include={"id", *columns}) for item in spec.get(current())]
    new = _row_editor(spec, rows, columns, blank="Add rows with the + of the table")
    if new is not None:
        _commit_rows(spec, new, wkey(spec.path))


def _row_editor(
    spec: FieldSpec, rows: list[dict], columns: dict[str, str], blank: str
) -> list[dict] | None:
    """A data_editor over a stable frame built from the model; the edited rows, or None.

    The editor's state holds the edit delta against its input (not the data); applying it to
    the same rows gives what the user sees. Committing changes the input, which resets the delta.
    """
    if not (spec.bare and spec.heading):  # under its own subheading the label would repeat it
        st.markdown(f"**{spec.label}**", help=spec.hint)
    frame = pd.DataFrame(
        [{c: row[c] for c in columns} for row in rows], columns=list(columns), dtype="string"
    )
    key = wkey(spec.path)
    st.data_editor(
        frame,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.TextColumn(label) for c, label in columns.items()},
    )
    if not rows:
        st.caption(blank)
    delta = st.session_state.get(key) or {}
    if not any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        return None
    return apply_delta(rows, delta, list(columns))


def apply_delta(rows: list[dict], delta: dict, columns: list[str]) -> list[dict]:
    """``rows`` with a data_editor delta applied: edits by position, then deletions, then adds."""
    out = [dict(row) for row in rows]
    for index, changes in (delta.get("edited_rows") or {}).items():
        if 0 <= int(index) < len(out):
            out[int(index)].update({c: v for c, v in changes.items() if c in columns})
    deleted = {int(i) for i in delta.get("deleted_rows") or ()}
    out = [row for i, row in enumerate(out) if i not in deleted]
    out += [
        {c: v for c, v in added.items() if c in columns} for added in delta.get("added_rows") or ()
    ]
    return [{k: "" if v is None or v is pd.NA else v for k, v in row.items()} for row in out]


def _commit_rows(spec: FieldSpec, value: list, key: str) -> None:
    """Commit an editor's rows once; a no-op edit (a blank row just added) saves nothing."""
    profile = current()
    before = spec.get(profile)
    try:
        spec.set(profile, value)
    except ValidationError as error:
        set_status(False, f"Not saved: {describe_validation_error(error)}")
        return
    if spec.get(profile) != before:
        persist(profile)
        del st.session_state[key]  # the delta is in the model now: never apply it twice
        st.rerun()  # redraw the page, and the editor from the model


# --- the question bank ---------------------------------------------------------------------


def _questions(spec: FieldSpec) -> None:
    """A picker listing every question (with its state), and the editor of the picked one.

    One editor rather than one per question keeps the page as quick with 200 questions as with 5.
    """
    questions: list[Question] = spec.get(current())
    pick = wkey(spec.path, "selected")
    answered = sum(bool(q.answer) for q in questions)
    st.caption(f"{len(questions)} questions, {answered} with a drafted answer")
    if questions:
        ids = [q.id for q in questions]
        # The picked id is kept outside the widget: the picker's labels show the question's
        # text and state, and when a label changes Streamlit forgets which option was picked.
        chosen = st.session_state.get(picked(pick))
        if chosen not in ids:  # none picked yet, or the picked one deleted
            chosen = ids[0]
        st.session_state[pick] = st.session_state[picked(pick)] = chosen
        labels = {q.id: f"{i + 1}. {_summary(q)}" for i, q in enumerate(questions)}
        st.selectbox(
            "Question to edit",
            ids,
            key=pick,
            format_func=partial(_question_label, labels),
            on_change=_pick_question,
            args=(pick, ids),
        )
        index = ids.index(chosen)
        _question(spec, questions[index], index, len(questions), pick)
    st.button(
        "Add question",
        key=wkey(spec.path, "add"),
        on_click=_add_question,
        args=(spec, pick),
        icon=":material/add:",
    )


def picked(pick: str) -> str:
    """The session key of the picked question's id (not a widget key)."""
    return f"{pick}.id"


def _pick_question(pick: str, ids: list[str]) -> None:
    if st.session_state.get(pick) in ids:
        st.session_state[picked(pick)] = st.session_state[pick]


def _summary(question: Question) -> str:
    """'Why Netflix? · answered · confidence 4', as the picker lists it."""
    parts = [question.text[:100] or "(no text yet)"]
    parts.append("answered" if question.answer else "no answer yet")
    if question.confidence:
        parts.append(f"confidence {question.confidence}")
    return " · ".join(parts)


def _question_label(labels: dict[str, str], question_id: str) -> str:  # a partial of it pickles
    return labels.get(question_id, question_id)


def _question(spec: FieldSpec, question: Question, index: int, count: int, pick: str) -> None:
    def bound(widget: Callable, label: str, attr: str, **kw: Any) -> Any:
        key = wkey(spec.path, question.id, attr)
        if key not in st.session_state:
            st.session_state[key] = getattr(question, attr)
        args = (spec, question.id, attr, key)
        return widget(label, key=key, on_change=_commit_question, args=args, **kw)

    with st.container(border=True):
        bound(st.text_input, "Question", "text", placeholder=spec.hint)
        bound(st.text_area, "Drafted answer", "answer", placeholder="What you will say", height=160)
        cols = st.columns([3, 4, 2, 2, 2], vertical_alignment="bottom")
        with cols[0]:
            bound(
                st.selectbox,
                "Category",
                "category",
                options=QUESTION_CATEGORIES,
                format_func=_category_label,
            )
        with cols[1]:
            bound(st.segmented_control, "Confidence (1-5)", "confidence", options=[1, 2, 3, 4, 5])
        for col, (name, label, icon, step, disabled) in zip(
            cols[2:],
            (
                ("up", "Move up", ":material/arrow_upward:", -1, index == 0),
                ("down", "Move down", ":material/arrow_downward:", 1, index == count - 1),
                ("delete", "Delete", ":material/delete:", 0, False),
            ),
            strict=True,
        ):
            col.button(
                label,
                key=wkey(spec.path, name),
                icon=icon,
                disabled=disabled,
                on_click=_move_question,
                args=(spec, question.id, step, pick),
                width="stretch",
            )


def _category_label(category: str) -> str:  # module-level: format_func must pickle
    return category.capitalize() or "Not set"


def _commit_question(spec: FieldSpec, qid: str, attr: str, key: str) -> None:
    change(lambda p: setattr(_by_id(spec.get(p), qid), attr, st.session_state[key]))


def _by_id(items: list, item_id: str) -> Any:
    return next(item for item in items if item.id == item_id)


def _move_question(spec: FieldSpec, qid: str, step: int, pick: str) -> None:
    """Move the question ``step`` places (0: delete it, picking the one that takes its place)."""

    def move(profile: Profile) -> None:
        items = list(spec.get(profile))
        i = items.index(_by_id(items, qid))
        item = items.pop(i)
        if step:
            items.insert(max(0, min(len(items), i + step)), item)
        spec.set(profile, items)
        if not step and items:
            st.session_state[picked(pick)] = items[min(i, len(items) - 1)].id

    change(move)


def _add_question(spec: FieldSpec, pick: str) -> None:
    question = Question()
    if change(lambda p: spec.set(p, [*spec.get(p), question])):
        st.session_state[picked(pick)] = question.id


_WIDGETS: dict[str, Callable[[FieldSpec], None]] = {
    "line": _line,
    "text": _text,
    "yesno": _yesno,
    "date": _date,
    "list": _lines,
    "inline_list": _tags,
    "news": _rows,
    "sources": _rows,
    "skills": _rows,
    "questions": _questions,
}
