"""The question bank as a list: every question, numbered, its text editable in place, with its
category, confidence and the first line of its drafted answer under it.

One question at a time is *open* (Edit answer): its answer, category, confidence and Delete are
drawn under it. The others are a text field and a line of text each, so the page stays quick
with 200 questions. Filters by category and "not drafted yet" only hide questions: the numbers
are the bank's (``prep_core.question_bank``). *Add a question* puts the cursor in the new one:
its row is a container keyed ``row-…`` after a button keyed ``addrow-…``, the pair the page's
script (``frame.js``) watches. Every field goes through ``bind.bound``; a delete has Undo.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from pages._ui.bind import bound, wkey
from pages._ui.state import change, current, plain
from pages._ui.undo import delete_item
from prep_core.model import QUESTION_CATEGORIES, Profile, Question
from prep_core.question_bank import ANY_CATEGORY, count_text, matching, summary
from prep_core.sections import FieldSpec

OPEN = "_prep.questions.open"  # {bank key: the id of the question whose answer is open}


def question_bank(spec: FieldSpec) -> None:
    questions: list[Question] = spec.get(current())
    bank = wkey(spec.path)
    st.caption(count_text(questions))
    shown = _filtered(bank, questions) if questions else []
    opened = st.session_state.setdefault(OPEN, {}).get(bank)
    for n, question in shown:
        _row(spec, question, n, len(questions), is_open=question.id == opened)
    if questions and not shown:
        st.caption("No question matches these filters.")
    st.button(
        "Add a question",
        key=f"addrow-{bank}",
        on_click=_add_question,
        args=(spec,),
        icon=":material/add:",
    )


def _filtered(bank: str, questions: list[Question]) -> list[tuple[int, Question]]:
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    category = left.selectbox(
        "Show the category",
        [ANY_CATEGORY, *QUESTION_CATEGORIES],
        key=f"{bank}.filter.category",
        format_func=_filter_label,
    )
    undrafted = right.checkbox("Not drafted yet", key=f"{bank}.filter.undrafted")
    return matching(questions, category, undrafted=undrafted)


def _row(spec: FieldSpec, question: Question, n: int, count: int, *, is_open: bool) -> None:
    def field(widget: Any, label: str, attr: str, **options: Any) -> None:
        bound(
            widget,
            label,
            wkey(spec.path, question.id, attr),
            getattr(question, attr),
            partial(_write, spec, question.id, attr),
            **options,
        )

    with st.container(border=True, key=f"row-{wkey(spec.path, question.id)}"):
        field(st.text_input, f"Question {n}", "text", placeholder=spec.hint)
        st.caption(plain(summary(question), 200))
        line = st.container(horizontal=True, vertical_alignment="center", gap="small")
        line.button(
            "Close" if is_open else "Edit answer",
            key=wkey(spec.path, question.id, "open"),
            on_click=_toggle,
            args=(spec, question.id),
            icon=":material/expand_less:" if is_open else ":material/edit_note:",
            type="tertiary",
        )
        for name, icon, step, disabled in (
            ("up", ":material/arrow_upward:", -1, n == 1),
            ("down", ":material/arrow_downward:", 1, n == count),
        ):
            line.button(
                "",
                key=wkey(spec.path, question.id, name),
                icon=icon,
                help=f"Move question {n} {name}",
                disabled=disabled,
                on_click=_move,
                args=(spec, question.id, step),
                type="tertiary",
            )
        if not is_open:
            return
        field(st.text_area, "Drafted answer", "answer", placeholder="What you will say", height=160)
        cols = st.columns([3, 4, 2], vertical_alignment="bottom")
        with cols[0]:
            field(
                st.selectbox,
                "Category",
                "category",
                default=lambda v: {"index": QUESTION_CATEGORIES.index(v)},
                options=QUESTION_CATEGORIES,
                format_func=_category_label,
            )
        with cols[1]:
            field(
                st.segmented_control,
                "Confidence (1-5)",
                "confidence",
                default=lambda v: {"default": v},
                options=[1, 2, 3, 4, 5],
            )
        cols[2].button(
            "Delete",
            key=wkey(spec.path, question.id, "delete"),
            icon=":material/delete:",
            on_click=_delete,
            args=(spec, question.id),
            width="stretch",
        )


def _category_label(category: str) -> str:  # module-level: format_func must pickle
    return category.capitalize() or "Not set"


def _filter_label(category: str) -> str:
    return "All categories" if category == ANY_CATEGORY else _category_label(category)


def _write(spec: FieldSpec, qid: str, attr: str, profile: Profile, value: Any) -> None:
    setattr(_by_id(spec.get(profile), qid), attr, value)


def _by_id(items: list, item_id: str) -> Any:
    return next(item for item in items if item.id == item_id)


def _toggle(spec: FieldSpec, qid: str) -> None:
    opened = st.session_state.setdefault(OPEN, {})
    bank = wkey(spec.path)
    opened[bank] = None if opened.get(bank) == qid else qid


def _move(spec: FieldSpec, qid: str, step: int) -> None:
    def move(profile: Profile) -> None:
        items = list(spec.get(profile))
        i = items.index(_by_id(items, qid))
        items.insert(max(0, min(len(items) - 1, i + step)), items.pop(i))
        spec.set(profile, items)

    change(move)


def _delete(spec: FieldSpec, qid: str) -> None:
    delete_item(spec, qid, what="question")


def _add_question(spec: FieldSpec) -> None:
    """A new question at the end, in the category shown, its answer open, filters kept."""
    bank = wkey(spec.path)
    category = st.session_state.get(f"{bank}.filter.category", ANY_CATEGORY)
    question = Question(category="" if category == ANY_CATEGORY else category)
    if change(lambda p: spec.set(p, [*spec.get(p), question])):
        st.session_state.setdefault(OPEN, {})[bank] = question.id
