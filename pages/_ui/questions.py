"""The question bank: a picker listing every question with its state, and one editor.

One editor rather than one per question keeps the page as quick with 200 questions as with 5.
Its fields are drawn and saved by ``bind.bound``; a deleted question can be brought back (Undo).
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from pages._ui.bind import bound, picked, picker, wkey
from pages._ui.state import change, current
from pages._ui.undo import delete_item
from prep_core.model import QUESTION_CATEGORIES, Profile, Question
from prep_core.sections import FieldSpec


def question_bank(spec: FieldSpec) -> None:
    questions: list[Question] = spec.get(current())
    pick = wkey(spec.path, "selected")
    answered = sum(bool(q.answer) for q in questions)
    st.caption(f"{len(questions)} questions, {answered} with a drafted answer")
    if questions:
        labels = {q.id: f"{i + 1}. {_summary(q)}" for i, q in enumerate(questions)}
        ids = list(labels)
        chosen = picker("Question to edit", pick, ids, labels)
        index = ids.index(chosen)
        _editor(spec, questions[index], index, len(questions), pick)
    st.button(
        "Add question",
        key=wkey(spec.path, "add"),
        on_click=_add_question,
        args=(spec, pick),
        icon=":material/add:",
    )


def _summary(question: Question) -> str:
    """'Why Netflix? · answered · confidence 4', as the picker lists it."""
    parts = [question.text[:100] or "(no text yet)"]
    parts.append("answered" if question.answer else "no answer yet")
    if question.confidence:
        parts.append(f"confidence {question.confidence}")
    return " · ".join(parts)


def _editor(spec: FieldSpec, question: Question, index: int, count: int, pick: str) -> None:
    def field(widget: Any, label: str, attr: str, **options: Any) -> None:
        bound(
            widget,
            label,
            wkey(spec.path, question.id, attr),
            getattr(question, attr),
            partial(_write, spec, question.id, attr),
            **options,
        )

    with st.container(border=True):
        field(st.text_input, "Question", "text", placeholder=spec.hint)
        field(st.text_area, "Drafted answer", "answer", placeholder="What you will say", height=160)
        cols = st.columns([3, 4, 2, 2, 2], vertical_alignment="bottom")
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


def _write(spec: FieldSpec, qid: str, attr: str, profile: Profile, value: Any) -> None:
    setattr(_by_id(spec.get(profile), qid), attr, value)


def _by_id(items: list, item_id: str) -> Any:
    return next(item for item in items if item.id == item_id)


def _move_question(spec: FieldSpec, qid: str, step: int, pick: str) -> None:
    """Move the question ``step`` places; 0 deletes it (with Undo) and picks its neighbour."""
    if not step:
        index = delete_item(spec, qid, what="question")
        items = spec.get(current())
        if index is not None and items:
            st.session_state[picked(pick)] = items[min(index, len(items) - 1)].id
        return

    def move(profile: Profile) -> None:
        items = list(spec.get(profile))
        i = items.index(_by_id(items, qid))
        items.insert(max(0, min(len(items) - 1, i + step)), items.pop(i))
        spec.set(profile, items)

    change(move)


def _add_question(spec: FieldSpec, pick: str) -> None:
    question = Question()
    if change(lambda p: spec.set(p, [*spec.get(p), question])):
        st.session_state[picked(pick)] = question.id
