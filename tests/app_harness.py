"""AppTest on ``app.py`` as the browser sees it after its first page load.

The page scripts live in ``pages/``, so Streamlit starts in its legacy multipage mode, and
AppTest re-enters that mode on every run: a run for any page but the default one executes
``pages/<x>.py`` alone. ``pages._ui.state.require_frame`` then reruns through ``app.py`` (as it does
for a browser's very first request), which loses a button click made in that run. In a browser
``st.navigation`` switches the mode off for the whole process after its first run; ``v2_pages``
does the same for AppTest, so clicks and the frame behave as they do in the browser.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from unittest import mock

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest, app_test

from tests.conftest import ROOT

if TYPE_CHECKING:
    from prep_core.store import Store

APP = str(ROOT / "app.py")


class _NavigationOnly(PagesManager):
    def __init__(self, *args, **kwargs) -> None:
        PagesManager.uses_pages_directory = False  # what st.navigation's first run leaves behind
        super().__init__(*args, **kwargs)


@contextmanager
def v2_pages() -> Iterator[None]:
    """Within the block, AppTest runs never use the legacy ``pages/`` mode."""
    with mock.patch.object(app_test, "PagesManager", _NavigationOnly):
        yield


def follow_app_navigation(at: app_test.AppTest) -> app_test.AppTest:
    """After ``at.switch_page(...)``, let the app's own ``st.switch_page`` decide the next page.

    AppTest keeps requesting the page last given to ``switch_page`` on every later run, where a
    browser stays on whatever page the app switched to (private attribute, streamlit 1.67).
    """
    at._page_hash = ""
    return at


def start(profile_id: str | None = None, page: str | None = None) -> AppTest:
    """The app as a browser would open it: ``?profile=<id>``, then (optionally) one page."""
    at = AppTest.from_file(APP, default_timeout=30)
    if profile_id:
        at.query_params["profile"] = profile_id
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def on_disk(store: Store, profile_id: str) -> dict:
    """The profile's JSON file as saved."""
    return json.loads((store.folder / f"{profile_id}.json").read_text(encoding="utf-8"))
