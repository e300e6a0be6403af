"""The Library page's actions and rows: create, import, open, duplicate, delete."""

from __future__ import annotations

from functools import partial

import streamlit as st

from pages._ui.state import (
    attempt,
    current,
    days_left_text,
    plain,
    profile_heading,
    section_page,
    set_status,
    store,
    use,
)
from prep_core.completeness import completeness
from prep_core.errors import PrepError
from prep_core.model import Profile
from prep_core.paths import SAMPLE_PATH
from prep_core.sections import SECTIONS


def create_profile(from_sample: bool) -> None:
    """A new profile, blank or a copy of the shipped sample, opened at once."""
    from prep_core import load_file

    def make() -> Profile:
        return store().create(load_file(SAMPLE_PATH).with_new_ids() if from_sample else None)

    profile = attempt(make)
    if profile is not None:
        use(profile)
        set_status(True, f"Created {profile.title}")


def open_existing(profile_id: str) -> None:
    profile = attempt(partial(store().load, profile_id))
    if profile is not None:
        use(profile)


def duplicate(profile_id: str) -> None:
    profile = attempt(partial(store().duplicate, profile_id))
    if profile is not None:
        use(profile)
        set_status(True, f"Created a copy: {profile.title}")


def _ask_delete(profile_id: str | None) -> None:
    st.session_state["library.confirm_delete"] = profile_id


def delete(profile_id: str) -> None:
    st.session_state.pop("library.confirm_delete", None)
    trash = attempt(partial(store().delete, profile_id))
    if trash is not None:
        opened = current()
        if opened is not None and opened.id == profile_id:
            use(None)
        st.session_state["library.notice"] = f"Deleted. The file is kept as a backup: {trash}"


def import_upload(key: str) -> None:
    """Import the uploaded .md or .json file as a new profile; a bad file saves nothing."""
    upload = st.session_state.get(key)
    if upload is None:
        return
    try:
        profile = store().import_bytes(upload.getvalue(), upload.name)
    except PrepError as error:
        st.session_state["library.import_error"] = f"{upload.name} was not imported: {error}"
        return
    st.session_state.pop("library.import_error", None)
    use(profile)
    st.session_state["library.notice"] = f"Imported {profile.title} from {upload.name}"


def profile_row(profile: Profile, is_open: bool) -> None:
    """One profile in the Library: what it is, how ready, and what can be done with it."""
    report = completeness(profile)
    when = (
        f"{profile.interview_date.isoformat()}  \n{days_left_text(profile)}"
        if profile.interview_date
        else days_left_text(profile)
    )
    with st.container(border=True):
        cols = st.columns([3, 2, 2, 2, 6], vertical_alignment="center")
        cols[0].markdown(profile_heading(profile))
        cols[1].markdown(when)
        cols[2].progress(report.ratio, text=f"Ready {report.percent}%")
        cols[3].caption(f"Edited {profile.updated_at.astimezone():%Y-%m-%d %H:%M}")
        actions = cols[4].container(horizontal=True, horizontal_alignment="right", gap="small")
        if actions.button(
            "Open",
            key=f"library.open.{profile.id}",
            disabled=is_open,
            type="primary",
            icon=":material/edit:",
        ):
            open_existing(profile.id)
            st.switch_page(section_page(SECTIONS[0].key))
        actions.button(
            "Duplicate",
            key=f"library.duplicate.{profile.id}",
            on_click=duplicate,
            args=(profile.id,),
            icon=":material/content_copy:",
        )
        actions.button(
            "Delete",
            key=f"library.delete.{profile.id}",
            icon=":material/delete:",
            on_click=_ask_delete,
            args=(profile.id,),
        )
        if st.session_state.get("library.confirm_delete") == profile.id:
            st.warning(
                f"Delete {plain(profile.title)}? Its file moves to the trash folder as a backup."
            )
            yes, no = st.columns(2)
            yes.button(
                "Yes, delete",
                key=f"library.confirm.{profile.id}",
                type="primary",
                on_click=delete,
                args=(profile.id,),
            )
            no.button(
                "Cancel", key=f"library.cancel.{profile.id}", on_click=_ask_delete, args=(None,)
            )
