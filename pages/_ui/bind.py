"""The state rule: a widget shows the saved model, and an edit is saved before the app moves on.

Every editing widget of the dashboard is drawn by ``bound`` (a field of the open profile) or
``bound_to`` (a value kept outside it, such as a story of the shared bank): the rule lives here.

1. **Drawn from the model.** Before a widget is created, its session-state value is compared with
   the model's value; a missing, stale or emptied value is replaced by the model's, so Streamlit
   sends it to the browser. When the two agree the model's value is also passed as the widget's
   default, which is what a browser shows for a widget it holds no value for.
2. **Saved on change.** ``on_change`` writes the value into a copy of the model, which must pass
   its checks (``state.edited``), then saves the copy. A refused value stays on screen, with the
   reason, until it is fixed, and never in the model.
3. **Leaving waits for the save.** The sidebar menu is Streamlit's own page links
   (``pages/_ui/frame.py``). A field saves when it loses focus, and a click on a menu link
   would ask for the new page before the field's value arrives, tagged with the old page: the
   server merged the two and ran the old page again, while the browser had already dropped that
   page's widget values, so the page came back blank. ``frame.js`` holds such a click in the
   browser until the save's run has ended, then lets it go through. Previous/Next, tabs, the
   question picker and the Library's actions are widgets of the page being left, so the click
   and the typed value travel in one request and the callbacks run before the app navigates.

Why the default matters: widgets seeded only through session state have an empty default, so a
page redrawn after such a race showed blanks, and the next click sent the blanks back as edits.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st
from pydantic import ValidationError

from pages._ui.state import current, edited, editing, persist, refusal, say
from prep_core.errors import PrepError
from prep_core.model import Profile

REFUSED = "_prep.refused"  # {widget key: the person's value the model refused}, kept on screen
_MISSING = object()

Write = Callable[[Profile, Any], None]  # puts a widget's value into the model (may raise)


def bound(
    widget: Callable[..., Any],
    label: str,
    key: str,
    value: Any,
    write: Write,
    *,
    default: Callable[[Any], dict[str, Any]] | None = None,
    **options: Any,
) -> Any:
    """Draw ``widget`` showing ``value`` from the model, saving each change through ``write``.

    ``default`` turns a value into the widget's default argument (``{"value": v}`` unless given:
    ``{"index": i}`` for a radio, ``{"default": v}`` for a multiselect).
    """
    if _show(key, value):
        options.update((default or _value)(value))
    return widget(label, key=key, on_change=commit, args=(key, write), **options)


def bound_to(
    widget: Callable[..., Any],
    label: str,
    key: str,
    value: Any,
    save: Callable[[Any], object],
    *,
    default: Callable[[Any], dict[str, Any]] | None = None,
    **options: Any,
) -> Any:
    """``bound`` for a value kept outside the profile (a story of the shared story bank):
    drawn from ``value`` by the same rule, saved on change by ``save(value)``. A value ``save``
    refuses (``ValueError``, a ``ValidationError``, a ``PrepError`` such as a stale story bank)
    stays on screen with the reason."""
    if _show(key, value):
        options.update((default or _value)(value))
    return widget(label, key=key, on_change=_commit_to, args=(key, save), **options)


def _commit_to(key: str, save: Callable[[Any], object]) -> bool:
    if key not in st.session_state:
        return False
    value = st.session_state[key]
    refused = st.session_state.setdefault(REFUSED, {})
    try:
        save(value)
    except (ValidationError, ValueError, PrepError) as error:
        refused[key] = value
        say(False, f"Not saved: {refusal(error)}")
        return False
    refused.pop(key, None)
    return True


def _value(value: Any) -> dict[str, Any]:
    return {"value": value}


def _show(key: str, value: Any) -> bool:
    """Make the widget ``key`` show ``value`` (or the person's refused value); True if it did."""
    refused = st.session_state.get(REFUSED) or {}
    if key in refused:
        value = refused[key]
    if st.session_state.get(key, _MISSING) == value:
        return True
    st.session_state[key] = value
    return False


def commit(key: str, write: Write) -> bool:
    """Save the widget's new value into the open profile; keep a refused one on screen.

    The value is written into a checked copy (``state.edited``): a refused one never reaches
    the open profile, so no later edit can save it. Read, change and save are one step
    (``state.editing``).
    """
    with editing():
        profile = current()
        if profile is None:
            return False
        drafts: list[Profile] = []
        values: list[Any] = []

        def check(value: Any) -> None:
            drafts.append(edited(profile, lambda draft: write(draft, value)))
            values.append(value)

        def redo(latest: Profile) -> Profile:  # the same edit on this session's newer save
            return edited(latest, lambda draft: write(draft, values[0]))

        return _commit_to(key, check) and persist(drafts[0], redo=redo)


def wkey(*parts: str) -> str:
    """The widget key of a part of the open profile: ``"<profile id>.<part>.<part>"``."""
    return ".".join((current().id, *parts))


def forget(prefix: str) -> None:
    """Drop the widget values and refused values under ``prefix`` (a deleted row or question)."""
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
    refused = st.session_state.get(REFUSED) or {}
    for key in [k for k in refused if k.startswith(prefix)]:
        del refused[key]


def picker(label: str, key: str, ids: list[str], labels: dict[str, str], prefer: str = "") -> str:
    """A selectbox over item ids; the picked id, kept under ``picked(key)`` (not a widget key).

    Streamlit forgets a selectbox's pick when its option labels change (the labels show each
    item's text, which the person is editing), so the pick lives outside the widget. A pick no
    longer among ``ids`` (deleted) falls back to ``prefer``, else the first.
    """
    chosen = st.session_state.get(picked(key))
    if chosen not in ids:
        chosen = prefer if prefer in ids else ids[0]
    st.session_state[key] = st.session_state[picked(key)] = chosen
    st.selectbox(
        label, ids, key=key, format_func=partial(_label, labels), on_change=_pick, args=(key,)
    )
    return chosen


def picked(key: str) -> str:
    """The session key holding the id a ``picker`` shows."""
    return f"{key}.id"


def _pick(key: str) -> None:
    st.session_state[picked(key)] = st.session_state[key]


def _label(labels: dict[str, str], item_id: str) -> str:  # a partial of it pickles
    return labels.get(item_id, item_id)
