"""One widget per field kind of the section registry, each drawn and saved by ``bind.bound``.

Widget keys are ``"<profile id>.<field path>"``: stable while the profile is open, so a widget
keeps its place (and the cursor) across the reruns its own saves cause.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from pages._ui.bind import bound, wkey
from pages._ui.questions import question_bank
from pages._ui.rows import row_editor
from pages._ui.state import current, days_left_text, plain
from pages._ui.typed_list import items_caption, items_of
from prep_core.items import join_items
from prep_core.sections import YES_NO_LABELS, FieldSpec


def field(spec: FieldSpec) -> None:
    """The widget of one registry field, chosen by its kind."""
    _WIDGETS[spec.kind](spec)


def _setter(spec: FieldSpec) -> Callable[[Any, Any], None]:
    return lambda profile, value: spec.set(profile, value)


def _line(spec: FieldSpec) -> None:
    value = spec.get(current())
    bound(st.text_input, spec.label, wkey(spec.path), value, _setter(spec), placeholder=spec.hint)
    _not_yet_known(spec, value)


def _text(spec: FieldSpec) -> None:
    value = spec.get(current())
    bound(st.text_area, spec.label, wkey(spec.path), value, _setter(spec), placeholder=spec.hint)
    _not_yet_known(spec, value)


def _not_yet_known(spec: FieldSpec, value: str) -> None:
    """A value such as "[TBD]" is a note to self: say that it counts as missing everywhere."""
    if value and spec.present(value) is None:
        st.caption(
            f"{plain(value, 60)} counts as not known yet: it is listed as missing and makes no"
            " flashcard until you replace it."
        )


def _yesno(spec: FieldSpec) -> None:
    options = list(YES_NO_LABELS)
    bound(
        st.radio,
        spec.label,
        wkey(spec.path),
        spec.get(current()),
        _setter(spec),
        default=lambda v: {"index": options.index(v)},
        options=options,
        format_func=YES_NO_LABELS.get,
        horizontal=True,
    )


def _date(spec: FieldSpec) -> None:
    """A date typed as YYYY-MM-DD: it saves on Tab and Enter like any text (a calendar popup
    took Tab for itself); empty means no date."""
    profile = current()
    value = spec.get(profile)
    bound(
        st.text_input,
        spec.label,
        wkey(spec.path),
        value.isoformat() if value else "",
        lambda p, text: spec.set(p, parse_date(text)),
        placeholder="YYYY-MM-DD",  # the hint, as text: a help "?" would be a Tab stop
        max_chars=40,
    )
    st.caption(days_left_text(profile))


def parse_date(text: str) -> date | None:
    """'2026-12-12' or '20261212' (ISO 8601) as a date; '' as no date; anything else refused."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: type it as YYYY-MM-DD") from None


def _tags(spec: FieldSpec) -> None:
    """A short list typed as text (languages, competitors): "Java, Scala; Python" is three.

    Commas, semicolons and new lines separate items; it saves on Tab, on leaving and on
    Ctrl+Enter, and says under it which items it read (and which it kept once). A text area, not
    a chip picker: a chip picker dropped text typed without Enter and took "Scala, Python" as one.
    """
    key = wkey(spec.path)
    bound(
        st.text_area,
        spec.label,
        key,
        join_items(spec.get(current())),
        lambda profile, text: spec.set(profile, items_of(key, text)),
        placeholder=f"{spec.hint}, separated by commas",
        height=68,
    )
    items_caption(key, spec.get(current()))


def _lines(spec: FieldSpec) -> None:
    """A bulleted list as text, one entry per line: add, remove and reorder by editing lines.

    Entries are one-line values, so the text holds them exactly; blank lines are dropped. A
    text area is also several times lighter than a table (Role Analysis has three lists).
    """
    items = spec.get(current())
    bound(
        st.text_area,
        spec.label,
        wkey(spec.path),
        "\n".join(items),
        lambda profile, text: spec.set(profile, text.split("\n")),
        label_visibility="collapsed" if spec.bare and spec.heading else "visible",
        placeholder=f"{spec.hint}, one per line",
        height=min(400, max(100, 28 * len(items) + 40)),
    )


_WIDGETS: dict[str, Callable[[FieldSpec], None]] = {
    "line": _line,
    "text": _text,
    "yesno": _yesno,
    "date": _date,
    "list": _lines,
    "inline_list": _tags,
    "news": row_editor,
    "sources": row_editor,
    "skills": row_editor,
    "questions": question_bank,
}
