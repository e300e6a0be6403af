"""The open profile, its saving, the messages about it, and the data caches every page shares.

The open profile lives in session state under ``PROFILE``, a key no widget uses. Every change is
saved at once through ``Store.save``. A message (saved, refused, deleted with Undo) belongs to the
profile it is about and is shown only while that profile is open; the next action replaces it.

The caches: the store's entries and the story bank are read again only when their files change;
the open profile's ``Insight`` (coverage, gaps, practice order, stale facts, the plan) is
computed once per saved revision, story bank and minute, and shared by Plan, Fit, Readiness,
Practice and Export, so those pages cannot disagree.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st
from pydantic import ValidationError
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from prep_core.errors import PrepError, StaleRevision, describe_validation_error
from prep_core.insight import Insight
from prep_core.model import Profile, Story
from prep_core.rounds import headline_date
from prep_core.store import Entry, Store
from prep_core.stories import StoryStore

PROFILE = "_prep.profile"  # the open Profile (a pydantic model; it pickles)
MESSAGE = "_prep.message"  # the last Message, about one profile
STALE = "_prep.stale"  # the id of a profile whose save was refused: saved since elsewhere
CLOSED = "_prep.closed"  # set when the person closed (deleted) the open profile: open none
STARTED = "_prep.started"

LIBRARY = "pages/library.py"
READINESS = "pages/readiness.py"
PRACTICE = "pages/practice.py"
FIT = "pages/fit.py"
EXPORT = "pages/export.py"
PLAN = "pages/plan.py"
DEBRIEF = "pages/debrief.py"
DRILL = "pages/drill.py"

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


@dataclass(frozen=True)
class Message:
    """What the last action did, to the profile ``profile_id`` (None: no profile, the Library)."""

    profile_id: str | None
    ok: bool
    text: str
    undo: tuple | None = None  # what Undo restores, as data: see pages/_ui/undo.py


def section_page(key: str) -> str:
    """The page file of a registry section: ``pages/<key>.py``."""
    return f"pages/{key}.py"


_PER_SESSION: dict[tuple[str, str], Any] = {}
SAVED_BY_ME = "saved_by_me"  # session state: {profile id: the revisions this session saved}


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


def editing() -> threading.RLock:
    """This session's edit lock: one edit at a time reads, changes and saves the open profile.

    Streamlit may start a session's next run (and its callbacks) on a new thread while the last
    run is still finishing. Two fast saves (type, Tab, type, Tab) then both started from the same
    revision, and the second was refused as "changed in another tab" though only this tab had
    saved. Held from reading the open profile to keeping its saved copy.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return threading.RLock()
    return _PER_SESSION.setdefault((ctx.session_id, "editing"), threading.RLock())


def plain(text: str, limit: int = 80) -> str:
    """User text made safe to show inside Markdown: shortened, every markup character escaped."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKDOWN.sub(r"\\\1", text)


def days_left(profile: Profile, today: date | None = None) -> int | None:
    """Days to the interview date, which follows the next upcoming round (``headline_date``)."""
    day = headline_date(profile, datetime.now().astimezone())
    if day is None:
        return None
    return (day - (today or date.today())).days


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


def stories() -> list[Story]:
    """The story bank, read again only when its file changed; a bank that does not load is
    reported and counts as empty."""
    return _stories_at(_bank_stamp())


def _stories_at(stamp: tuple[str, int, int] | None) -> list[Story]:
    if stamp is None:
        return []
    try:
        return list(_bank(*stamp))
    except PrepError as error:
        st.warning(plain(f"The story bank was not loaded: {error}", 300))
        return []


def _bank_stamp() -> tuple[str, int, int] | None:
    path = StoryStore().path
    try:
        info = path.stat()
    except OSError:
        return None
    return (str(path), info.st_mtime_ns, info.st_size)


@st.cache_resource(max_entries=4, show_spinner=False)
def _bank(path: str, mtime_ns: int, size: int) -> tuple[Story, ...]:
    return tuple(StoryStore(Path(path).parent).load().stories)


def insight(profile: Profile) -> Insight:
    """What ``profile`` means now (``prep_core.insight``): computed once per saved revision of
    the profile, of the story bank, and per minute (the plan's today, the stale facts)."""
    stamp = _bank_stamp()
    now = datetime.now().astimezone()  # the person's own day: "today" is theirs, not UTC's
    key = (profile.id, profile.revision, profile.updated_at, stamp, f"{now:%Y%m%d%H%M}")
    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else ""
    cached = _INSIGHTS.get(session)
    if cached is not None and cached[0] == key:
        return cached[1]
    result = Insight.of(profile, _stories_at(stamp), now=now)
    _INSIGHTS.pop(session, None)
    _INSIGHTS[session] = (key, result)
    while len(_INSIGHTS) > MAX_SESSIONS:  # the sessions least recently recomputed go first
        del _INSIGHTS[next(iter(_INSIGHTS))]
    return result


# Per browser session, outside session state: session state is pickled on every run (the
# config's enforceSerializableSessionState), and the insight holds the whole profile again.
_INSIGHTS: dict[str, tuple[tuple, Insight]] = {}
MAX_SESSIONS = 32


def current() -> Profile | None:
    profile = st.session_state.get(PROFILE)
    if profile is not None and type(profile) is not Profile:  # after a hot reload of the model
        profile = st.session_state[PROFILE] = Profile.model_validate(profile.model_dump())
    return profile


def open_profile() -> Profile | None:
    """The profile named in the URL (else the newest); imports the sample on a first run.

    After the person closed the open profile (deleted it), none is opened until they pick one.
    """
    if STARTED not in st.session_state:
        st.session_state[STARTED] = True
        attempt(store().ensure_sample)
    wanted = st.query_params.get("profile")
    profile = current()
    if wanted and (profile is None or wanted != profile.id):
        profile = _load(wanted)
    elif profile is None and not st.session_state.get(CLOSED):
        profile = _load(None)
    if profile is not None and st.query_params.get("profile") != profile.id:
        st.query_params["profile"] = profile.id  # only when it changes: each set is a message
    return profile


def _load(wanted: str | None) -> Profile | None:
    profile, problem = None, ""
    if wanted:
        try:
            profile = store().load(wanted)
        except PrepError as error:
            problem = str(error)
    if profile is None and not st.session_state.get(CLOSED):
        profile = next(iter(attempt(store().profiles) or []), None)
    use(profile)
    if problem:  # said about the profile opened instead, so it shows
        say(False, problem)
    return profile


def use(profile: Profile | None) -> None:
    """Make ``profile`` the open one (None: close it), dropping widget values of any older copy."""
    old = current()
    for pid in {p.id for p in (old, profile) if p is not None}:
        for key in [k for k in st.session_state if str(k).startswith(f"{pid}.")]:
            del st.session_state[key]
    st.session_state[PROFILE] = profile
    st.session_state.pop(STALE, None)
    st.session_state.pop("_prep.refused", None)
    if profile is None:
        st.session_state[CLOSED] = True
        st.query_params.pop("profile", None)
    else:
        st.session_state.pop(CLOSED, None)
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
        st.info("No profile is open. Open, create or import one in the Library.")
        st.page_link(LIBRARY, label="Go to the Library", icon=":material/library_books:")
        st.stop()
    return profile


# --- messages --------------------------------------------------------------------------------

_OPEN = object()  # "the open profile", as the default of ``say``


def say(ok: bool, text: str, *, undo: tuple | None = None, profile_id: Any = _OPEN) -> None:
    """Report what an action did, about the open profile unless another id (or None) is given."""
    if profile_id is _OPEN:
        profile = current()
        profile_id = profile.id if profile is not None else None
    st.session_state[MESSAGE] = Message(profile_id, ok, text, undo)


def message() -> Message | None:
    """The last message, if it is about the open profile (or, with none open, about none)."""
    msg = st.session_state.get(MESSAGE)
    profile = current()
    if msg is None or msg.profile_id != (profile.id if profile is not None else None):
        return None
    return msg


def attempt(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except PrepError as error:
        say(False, str(error))
        return None


def edited(profile: Profile, mutate: Callable[[Profile], Any]) -> Profile:
    """A copy of ``profile`` with ``mutate`` applied and checked; ``profile`` is never changed.

    This is how every edit reaches the model: pydantic checks each assignment, then the copy
    must hold no implausible day the original did not (``Profile.check_days``). Whatever is
    refused (``ValidationError``, ``ValueError``) is raised with the copy dropped, so a refused
    value can never stay in the open profile and be saved by the next, unrelated edit.
    """
    draft = profile.model_copy(deep=True)
    try:
        mutate(draft)
    except OverflowError:  # date arithmetic past the calendar's end, from a day a file held
        raise ValueError("a day beyond the calendar's end (year 9999): check the year") from None
    draft.check_days(profile)
    return draft


def refusal(error: Exception) -> str:
    """The one line saying why an edit was refused."""
    if isinstance(error, ValidationError):
        return describe_validation_error(error)
    return str(error)


def change(mutate: Callable[[Profile], Any]) -> bool:
    """Apply one edit to the open profile and save it at once; True if it changed and saved."""
    with editing():  # read, change and save as one step
        profile = current()
        if profile is None:
            return False
        try:
            draft = edited(profile, mutate)
        except (ValidationError, ValueError) as error:
            say(False, f"Not saved: {refusal(error)}")
            return False
        return persist(draft, redo=lambda latest: edited(latest, mutate))


# The revisions of each profile saved by this app (any tab, any session): a newer revision on
# disk that is not among them was written outside the app (the prep command, another program).
_SAVED_HERE: dict[str, set[int]] = {}


def _saved_by_this_session() -> dict[str, set[int]]:
    """The revisions of each profile this browser session saved itself (in its session state:
    each tab has its own)."""
    return st.session_state.setdefault(SAVED_BY_ME, {})


def persist(profile: Profile, redo: Callable[[Profile], Profile] | None = None) -> bool:
    """Save ``profile`` (an edited copy) and make the saved one the open profile.

    ``redo`` makes the same edit on another version. It serves one case: the newer revision on
    disk is this session's own. Streamlit starts a session's next run on a new thread while the
    last one is still finishing (fast reruns), and a run cut short after its save never kept the
    saved copy; the next edit (type, Tab, type) then started from the revision before. The edit
    is made again on the saved version, so nothing typed is lost and no other tab's or
    program's change is overwritten. Otherwise a stale save keeps ``profile`` open, unsaved, as
    this tab's version: *Save mine as a copy* saves exactly what was being saved.
    """
    try:
        saved = store().save(profile)
    except StaleRevision as error:
        if redo is not None and error.revision in _saved_by_this_session().get(profile.id, ()):
            try:
                return persist(redo(store().load(profile.id)))
            except (PrepError, ValidationError, ValueError) as again:
                say(False, f"Not saved: {refusal(again)}")
                return False
        st.session_state[PROFILE] = profile
        st.session_state[STALE] = profile.id
        say(False, f"Not saved. {_stale_reason(profile.id, error)}")
        return False
    except PrepError as error:
        say(False, f"Not saved: {error}")
        return False
    _saved_by_this_session().setdefault(saved.id, set()).add(saved.revision)
    _SAVED_HERE.setdefault(saved.id, set()).add(saved.revision)
    st.session_state[PROFILE] = saved
    say(True, f"Saved {datetime.now():%H:%M:%S}")
    return True


def _stale_reason(profile_id: str, error: StaleRevision) -> str:
    if error.revision is None:  # deleted since: the store says where from
        return str(error)
    if error.revision in _SAVED_HERE.get(profile_id, ()):
        return f"This profile was changed in another tab at {error.saved_at}."
    return (
        f"This profile was changed outside the app (by the prep command or another program) "
        f"at {error.saved_at}."
    )


def reload_latest() -> None:
    """The stale tab's first way out: drop this tab's edits and show what is on disk."""
    profile = current()
    if profile is None:
        return
    try:
        latest = store().load(profile.id)
    except PrepError:  # deleted in the other tab: nothing to reload, the Library it is
        use(None)
        say(True, "That profile was deleted in another tab.", profile_id=None)
        return
    use(latest)
    say(True, "Reloaded the latest version")


def save_mine_as_copy() -> None:
    """The stale tab's second way out: keep this tab's edits as a new profile, "… (copy)"."""
    mine = current()
    if mine is None:
        return
    created = attempt(partial(store().save_as_copy, mine))
    if created is not None:
        use(created)
        say(True, f"Saved your version as {created.title}")
