"""AppTest on ``app.py`` as the browser sees it after its first page load.

The page scripts live in ``pages/``, so Streamlit starts in its legacy multipage mode, and
AppTest re-enters that mode on every run: a run for any page but the default one executes
``pages/<x>.py`` alone. ``pages._ui.state.require_frame`` then reruns through ``app.py`` (as it does
for a browser's very first request), which loses a button click made in that run. In a browser
``st.navigation`` switches the mode off for the whole process after its first run; ``v2_pages``
does the same for AppTest, so clicks and the frame behave as they do in the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import app_test


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
