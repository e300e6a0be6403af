"""The open profile and its saving, shared by every page (not a page: ``app.py`` lists those).

The open profile lives in session state under ``PROFILE``, a key no widget uses. Every change is
saved at once through ``Store.save``; a refused save (a bad value, another tab saved first) is
reported, and the way out (reload the latest version) offered.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st
from pydantic import ValidationError
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from prep_core.completeness import completeness
from prep_core.errors import PrepError, StaleRevision, describe_validation_error
from prep_core.model import Profile
from prep_core.store import Entry, Store

PROFILE = "_prep.profile"  # the open Profile (a pydantic model; it pickles)
STATUS = "_prep.status"  # (ok, text) of the last save
STALE = "_prep.stale"  # set when another tab saved first
STARTED = "_prep.started"

LIBRARY = "pages/library.py"
READINESS = "pages/readiness.py"
EXPORT = "pages/export.py"

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def section_page(key: str) -> str:
    """The page file of a registry section: ``pages/<key>.py``."""
    return f"pages/{key}.py"


_PER_SESSION: dict[tuple[str, str], Any] = {}


def per_session(build: Callable[[], Any]) -> Any:
    """``build()``, made once per browser session and kept for its later runs.

    For the navigation's ``st.Page`` objects: building them resolves every page file on each
    run, a third of the frame's cost. They carry per-run state (which page may run next), so
    they are never shared between sessions.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return build()
    key = (ctx.session_id, build.__qualname__)
    if key not in _PER_SESSION:
        _PER_SESSION[key] = build()
    return _PER_SESSION[key]


def plain(text: str, limit: int = 80) -> str:
    """User text made safe to show inside Markdown: shortened, every markup character escaped."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKDOWN.sub(r"\\\1", text)


def days_left(profile: Profile, today: date | None = None) -> int | None:
    if profile.interview_date is None:
        return None
    return (profile.interview_date - (today or date.today())).days


def days_left_text(profile: Profile) -> str:
    days = days_left(profile)
    if days is None:
        return "No interview date yet"
    if days < 0:
        return f"Interview was {-days} days ago"
    return {0: "Interview is today", 1: "Interview is tomorrow"}.get(days, f"{days} days left")


# --- the open profile ----------------------------------------------------------------------


def store() -> Store:
    return Store.open()


def entries() -> list[Entry]:
    """The store's entries, read again only when a file in the profiles folder changed."""
    folder = store().folder
    with contextlib.suppress(FileNotFoundError), os.scandir(folder) as files:
        stamp = tuple(sorted((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files))
        return _entries(str(folder.parent), stamp)
    return []


@st.cache_resource(max_entries=16, show_spinner=False)
def _entries(data_dir: str, stamp: tuple) -> list[Entry]:
    return Store(Path(data_dir)).entries()


def current() -> Profile | None:
    profile = st.session_state.get(PROFILE)
    if profile is not None and type(profile) is not Profile:  # after a hot reload of the model
        profile = st.session_state[PROFILE] = Profile.model_validate(profile.model_dump())
    return profile


def open_profile() -> Profile | None:
    """The profile named in the URL (else the newest); imports the sample on a first run."""
    if STARTED not in st.session_state:
        st.session_state[STARTED] = True
        attempt(store().ensure_sample)
    wanted = st.query_params.get("profile")
    profile = current()
    if profile is None or (wanted and wanted != profile.id):
        profile = _load(wanted)
    if profile is not None:
        st.query_params["profile"] = profile.id
    return profile


def _load(wanted: str | None) -> Profile | None:
    try:
        profile = store().load(wanted) if wanted else None
    except PrepError as error:
        set_status(False, str(error))
        profile = None
    if profile is None:
        profile = next(iter(attempt(store().profiles) or []), None)
    use(profile)
    return profile


def use(profile: Profile | None) -> None:
    """Make ``profile`` the open one, dropping any widget values of an older copy of it."""
    old = current()
    for pid in {p.id for p in (old, profile) if p is not None}:
        for key in [k for k in st.session_state if str(k).startswith(f"{pid}.")]:
            del st.session_state[key]
    st.session_state[PROFILE] = profile
    st.session_state.pop(STALE, None)
    if profile is None:
        st.query_params.pop("profile", None)
    else:
        st.query_params["profile"] = profile.id


def require_frame() -> None:
    """Make sure ``app.py`` (the frame) ran before this page; rerun through it if not.

    Because the folder is called ``pages/``, Streamlit starts in its legacy mode, in which a
    process's first request for a page URL (and every AppTest run) executes ``pages/<x>.py``
    alone, without the frame. ``st.navigation`` switches that mode off, but only once it runs;
    so a page run without the frame switches it off itself and reruns (private flag, 1.67).
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def require_profile() -> Profile:
    require_frame()
    profile = current()
    if profile is None:
        st.info("No profile is open. Create or import one in the Library.")
        st.page_link(LIBRARY, label="Go to the Library", icon=":material/library_books:")
        st.stop()
    return profile


def set_status(ok: bool, text: str) -> None:
    st.session_state[STATUS] = (ok, text)


def attempt(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except PrepError as error:
        set_status(False, str(error))
        return None


def change(mutate: Callable[[Profile], Any]) -> bool:
    """Apply one edit to the open profile and save it at once; True if it changed and saved."""
    profile = current()
    if profile is None:
        return False
    try:
        mutate(profile)
    except ValidationError as error:
        set_status(False, f"Not saved: {describe_validation_error(error)}")
        return False
    return persist(profile)


def persist(profile: Profile) -> bool:
    try:
        saved = store().save(profile)
    except StaleRevision as error:
        st.session_state[STALE] = True
        set_status(False, f"Not saved: {error}")
        return False
    except PrepError as error:
        set_status(False, f"Not saved: {error}")
        return False
    st.session_state[PROFILE] = saved
    set_status(True, f"Saved {datetime.now():%H:%M:%S}")
    return True


def reload_latest() -> None:
    profile = current()
    if profile is not None:
        use(attempt(partial(store().load, profile.id)))
        set_status(True, "Reloaded the latest version")


def alerts() -> None:
    """The last save's error (if any) and, after a refused stale save, the way out."""
    ok, text = st.session_state.get(STATUS, (True, ""))
    if not ok:  # messages can quote user text (a title, a file name): never as Markdown
        st.error(plain(text, 2000), icon=":material/error:")
    if st.session_state.get(STALE):
        st.button(
            "Reload the latest version",
            key="reload_latest",
            on_click=reload_latest,
            icon=":material/refresh:",
            type="primary",
        )


def profile_heading(profile: Profile) -> str:
    """Company in bold over the role, as Markdown with the user's text escaped."""
    role = plain(profile.role_title) or "Role not set"
    return f"**{plain(profile.company) or 'Untitled'}**  \n{role}"


def sidebar(profile: Profile | None) -> None:
    with st.sidebar:
        if profile is None:
            st.caption("No profile open")
            return
        st.markdown(profile_heading(profile))
        last = f"Last saved {profile.updated_at.astimezone():%Y-%m-%d %H:%M}"
        ok, text = st.session_state.get(STATUS, (True, last))
        st.caption(plain(text, 200) if ok else f":red[{plain(text, 200)}]")  # user text
        report = completeness(profile)
        st.progress(report.ratio, text=f"Readiness {report.percent}%")
