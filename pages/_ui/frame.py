"""The frame around every page: the page list, the sidebar, a section's header and Previous/Next.

The menu is Streamlit's own (client-side links, one script run per click). A click on it while
a changed field is being saved is held in the browser until that save's run is over (``frame.js``,
``saveBeforeLeaving``): otherwise the browser sends the page change first and the field's value
second, tagged with the old page, and the server runs the old page again (see ``bind.py``).
Previous/Next and the Library's Open are buttons of the page being left: a click on one carries
the typed value with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st

from pages._ui import dom_hooks
from pages._ui.state import (
    DEBRIEF,
    EXPORT,
    FIT,
    LIBRARY,
    PLAN,
    PRACTICE,
    READINESS,
    STALE,
    current,
    message,
    per_session,
    plain,
    reload_latest,
    require_profile,
    save_mine_as_copy,
    section_page,
)
from pages._ui.undo import undo_box
from prep_core.completeness import completeness
from prep_core.model import Profile
from prep_core.sections import SECTIONS, Section, get_section

_HERE = Path(__file__).parent
TOASTED = "_prep.toasted"  # the refusal last shown as a toast too


@dataclass(frozen=True)
class PageInfo:
    path: str  # the page file, as st.switch_page takes it
    title: str
    icon: str
    url_path: str  # "" for the default page
    group: str


PAGES: tuple[PageInfo, ...] = (
    PageInfo(LIBRARY, "Library", ":material/library_books:", "", "Library"),
    *(PageInfo(section_page(s.key), s.title, s.icon, s.key, "Profile") for s in SECTIONS),
    PageInfo(READINESS, "Readiness", ":material/monitoring:", "readiness", "Prepare"),
    PageInfo(FIT, "Fit", ":material/fact_check:", "fit", "Prepare"),
    PageInfo(PRACTICE, "Practice", ":material/record_voice_over:", "practice", "Prepare"),
    PageInfo(PLAN, "Plan", ":material/event_note:", "plan", "Prepare"),
    PageInfo(DEBRIEF, "Debrief", ":material/rate_review:", "debrief", "Prepare"),
    PageInfo(EXPORT, "Export", ":material/download:", "export", "Export"),
)
WALK = (
    PAGES[0],
    *PAGES[1 : len(SECTIONS) + 1],
    PAGES[len(SECTIONS) + 1],
)  # Previous/Next: Library … Readiness


def navigation() -> st.Page:
    """Register every page, grouped as the sidebar menu shows them; return the current one."""
    return st.navigation(per_session(_menu), expanded=True)


def _menu() -> dict[str, list[st.Page]]:
    menu: dict[str, list[st.Page]] = {}
    for i, p in enumerate(PAGES):
        page = st.Page(
            p.path, title=p.title, icon=p.icon, url_path=p.url_path or None, default=not i
        )
        menu.setdefault(p.group, []).append(page)
    return menu


def page_path(url_path: str) -> str:
    """The page file of a page's url path ("overview", "practice"); the Library for ""."""
    return next((p.path for p in PAGES if p.url_path == url_path), LIBRARY)


def go(path: str) -> None:
    """Switch to the page file ``path``: from a page's script body, never from a callback."""
    st.switch_page(path)


# --- the sidebar -----------------------------------------------------------------------------


def sidebar(profile: Profile | None) -> None:
    """Under the menu: the open profile, its save status and readiness."""
    with st.sidebar:
        _browser_helpers()
        if profile is None:
            st.caption("No profile open")
            return
        st.markdown(profile_heading(profile))
        _status(profile)
        report = completeness(profile)
        st.progress(report.ratio, text=f"Readiness {report.percent}%")


def profile_heading(profile: Profile) -> str:
    """Company in bold over the role, as Markdown with the user's text escaped."""
    role = plain(profile.role_title) or "Role not set"
    return f"**{plain(profile.company) or 'Untitled'}**  \n{role}"


def _status(profile: Profile) -> None:
    msg = message()
    if msg is None or msg.undo is not None:
        st.caption(f"Last saved {profile.updated_at.astimezone():%Y-%m-%d %H:%M}")
    elif msg.ok:
        st.caption(plain(msg.text, 200))
    else:
        st.caption(f":red[{plain(msg.text, 200)}]")


@cache
def _assets() -> str:
    """The page's CSS and script, read once per process (when the DOM hooks are checked too)."""
    dom_hooks.check()
    css = (_HERE / "frame.css").read_text(encoding="utf-8")
    js = dom_hooks.script_prefix() + (_HERE / "frame.js").read_text(encoding="utf-8")
    return f"<style>{css}</style><script>{js}</script>"


def _browser_helpers() -> None:
    """The page's own CSS and script (``frame.js``: saving before leaving, asking before losing
    typed text, the sidebar folded on phones, focus on a new row, the countdown)."""
    st.html(_assets(), unsafe_allow_javascript=True)


# --- section pages ---------------------------------------------------------------------------


def countdown(deadline_ms: int, shown: str, where: Any = st) -> None:
    """A soft countdown to ``deadline_ms`` (Unix time, ms), ticked in the browser by frame.js
    (``tickCountdowns``); ``shown`` until the first tick. Numbers only: no user text."""
    where.html(f'<div class="prep-timer" data-prep-deadline="{int(deadline_ms)}">{shown}</div>')


def section_header(key: str) -> Section:
    """Whose profile it is (on a phone the sidebar is folded away), title, completeness."""
    profile = require_profile()
    section = get_section(key)
    st.caption(plain(profile.title, 120))
    st.title(section.title, anchor=False)
    report = completeness(profile).section(section.key)
    st.caption(f"Section {section.number} of {len(SECTIONS)}")
    st.progress(report.ratio, text=f"{len(report.filled)} of {report.total} filled")
    return section


def section_footer(section: Section) -> None:
    """Previous / Next in template order, with the Library and Readiness at the two ends."""
    i = next(n for n, p in enumerate(WALK) if p.path == section_page(section.key))
    back, ahead = WALK[i - 1], WALK[i + 1]
    st.divider()
    left, right = st.columns(2)
    if left.button(
        f"Previous: {back.title}", key="nav.previous", icon=":material/arrow_back:", width="stretch"
    ):
        go(back.path)
    if right.button(
        f"Next: {ahead.title}",
        key="nav.next",
        icon=":material/arrow_forward:",
        type="primary",
        width="stretch",
    ):
        go(ahead.path)


def alerts() -> None:
    """Above every page: a refused save's reason, the stale tab's two ways out, the last Undo."""
    msg = message()
    if msg is not None and not msg.ok:  # messages can quote user text: never as Markdown
        st.error(plain(msg.text, 2000), icon=":material/error:")
        if st.session_state.get(TOASTED) is not msg:  # once, where the person is looking:
            st.session_state[TOASTED] = msg  # the page may be scrolled far below its top
            st.toast(plain(msg.text, 300), icon=":material/error:", duration="long")
    profile = current()
    if profile is not None and st.session_state.get(STALE) == profile.id:
        row = st.container(horizontal=True)
        row.button(
            "Reload it",
            key="reload_latest",
            on_click=reload_latest,
            icon=":material/refresh:",
            type="primary",
        )
        row.button(
            "Save mine as a copy",
            key="stale.copy",
            on_click=save_mine_as_copy,
            icon=":material/content_copy:",
        )
    undo_box()
