"""The Library page's actions and rows: create, import, open, duplicate, delete (with Undo)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import streamlit as st

from pages._ui.frame import go, profile_heading
from pages._ui.state import (
    attempt,
    current,
    days_left_text,
    plain,
    say,
    section_page,
    store,
    use,
)
from pages._ui.undo import deleted_profile
from prep_core.completeness import completeness
from prep_core.errors import PrepError
from prep_core.model import Profile
from prep_core.paths import SAMPLE_PATH
from prep_core.rounds import headline_date
from prep_core.sections import SECTIONS
from prep_core.stories import StoryStore

UPLOADS = "library.uploads"  # how many files were taken: the uploader's key, so the same file
PENDING = "library.pending"  # can be given again; (name, bytes) of a file imported before


def create_profile(from_sample: bool) -> bool:
    """A new profile, blank or a copy of the shipped sample, opened at once; True if made."""
    from prep_core import load_file

    def make() -> Profile:
        return store().create(load_file(SAMPLE_PATH).with_new_ids() if from_sample else None)

    profile = attempt(make)
    if profile is not None:
        use(profile)
        say(True, f"Created {profile.title}")
    return profile is not None


def open_existing(profile_id: str) -> bool:
    profile = attempt(partial(store().load, profile_id))
    if profile is not None:
        use(profile)
    return profile is not None


def duplicate(profile_id: str) -> None:
    profile = attempt(partial(store().duplicate, profile_id))
    if profile is not None:
        use(profile)
        say(True, f"Created a copy: {profile.title}")


def _ask_delete(profile_id: str | None) -> None:
    st.session_state["library.confirm_delete"] = profile_id


def delete(profile_id: str, title: str) -> None:
    st.session_state.pop("library.confirm_delete", None)
    if attempt(partial(store().delete, profile_id)) is None:
        return
    opened = current()
    if opened is not None and opened.id == profile_id:
        use(None)  # and stay closed: never open another profile behind the person's back
    deleted_profile(profile_id, title)


def uploader_key() -> str:
    return f"library.import.{st.session_state.get(UPLOADS, 0)}"


def import_upload(key: str) -> None:
    """Import the uploaded .md or .json file as a new profile; a bad file saves nothing.

    The uploader is then replaced by a fresh one (a new key), so giving the same file again is
    a new upload, answered with "already imported as …" rather than silence.
    """
    upload = st.session_state.get(key)
    if upload is None:
        return
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    import_bytes(upload.name, upload.getvalue())


def import_bytes(name: str, data: bytes, *, as_copy: bool = False) -> None:
    st.session_state.pop(PENDING, None)
    try:
        if as_copy:
            profile = store().import_bytes(data, name, as_copy=True)
        else:
            profile = store().import_bytes(data, name)
    except PrepError as error:
        if getattr(error, "existing_id", None):  # the same profile is in the Library already
            st.session_state[PENDING] = (name, data)
        say(False, f"{name} was not imported: {error}")
        return
    use(profile)
    say(True, f"Imported {profile.title} from {name}{_stories_added(name, data)}")


def _stories_added(name: str, data: bytes) -> str:
    """The file's '## Story Bank' added to the bank: what to add to the message."""
    try:
        added, found = StoryStore().add_from_profile_file(data, name)
    except PrepError as error:
        return f"; its stories were not added to the story bank: {error}"
    if not found:
        return ""
    return f"; {added} of its {found} stories added to the story bank"


def import_as_copy() -> None:
    pending = st.session_state.get(PENDING)
    if pending is not None:
        import_bytes(*pending, as_copy=True)


def profile_row(profile: Profile, is_open: bool) -> None:
    """One profile in the Library: what it is, how ready, and what can be done with it."""
    report = completeness(profile)
    day = headline_date(profile, datetime.now().astimezone())  # follows the next round
    when = f"{day.isoformat()}  \n{days_left_text(profile)}" if day else days_left_text(profile)
    with st.container(border=True, key=f"library.row.{profile.id}"):
        cols = st.columns([3, 2, 2, 2, 6], vertical_alignment="center")
        heading = profile_heading(profile)
        cols[0].markdown(f":green-badge[Open] {heading}" if is_open else heading)
        cols[1].markdown(when)
        cols[2].progress(report.ratio, text=f"Ready {report.percent}%")
        cols[3].caption(f"Edited {profile.updated_at.astimezone():%Y-%m-%d %H:%M}")
        actions = cols[4].container(horizontal=True, horizontal_alignment="right", gap="small")
        if actions.button(  # the one primary button: on the profile being edited
            "Continue" if is_open else "Open",
            key=f"library.open.{profile.id}",
            type="primary" if is_open else "secondary",
            icon=":material/edit:",
        ) and (is_open or open_existing(profile.id)):
            go(section_page(SECTIONS[0].key))
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
            st.warning(f"Delete {plain(profile.title)}? You can undo it, or restore it later.")
            yes, no = st.columns(2)
            yes.button(
                "Yes, delete",
                key=f"library.confirm.{profile.id}",
                type="primary",
                on_click=delete,
                args=(profile.id, profile.title),
            )
            no.button(
                "Cancel", key=f"library.cancel.{profile.id}", on_click=_ask_delete, args=(None,)
            )
