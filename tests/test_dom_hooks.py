"""frame.js and the Streamlit DOM hooks it relies on: named once, checked against the installed
Streamlit at start-up, and each behaviour mapped to the Chromium test that exercises it."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest

from pages._ui import dom_hooks
from tests.conftest import ROOT

FRAME_JS = ROOT / "pages" / "_ui" / "frame.js"

# Each behaviour of frame.js, and the browser test that fails without it.
BEHAVIOUR_TESTS = {  # behaviour: (test file in tests/e2e/, test function)
    "saveBeforeLeaving": (
        "test_walk.py",
        "test_typed_text_survives_the_sidebar_coming_back_and_next",
    ),
    "askBeforeLosingTyping": (
        "test_walk.py",
        "test_reload_with_typed_text_asks_first_and_a_saved_value_survives",
    ),
    "foldSidebarOnPhones": ("test_walk.py", "test_phone_width"),
    "focusNewRow": ("test_walk.py", "test_table_row_entered_with_tab_is_saved_whole"),
    "tickCountdowns": ("test_practice.py", "test_one_typed_attempt_from_timer_to_disk"),
    "enterMovesOn": ("test_keyboard.py", "test_enter_in_a_one_line_field_saves_and_moves_on"),
    "hintOnHover": (
        "test_keyboard.py",
        "test_shift_tab_goes_back_and_no_help_button_sits_between_fields",
    ),
}


def behaviours() -> list[str]:
    return re.findall(r"^  function (\w+)\(\)", FRAME_JS.read_text(encoding="utf-8"), re.M)


def test_every_behaviour_of_frame_js_has_its_browser_test() -> None:
    assert sorted(behaviours()) == sorted(BEHAVIOUR_TESTS)
    for path, name in BEHAVIOUR_TESTS.values():
        assert f"def {name}(" in (ROOT / "tests" / "e2e" / path).read_text(encoding="utf-8"), name


def test_frame_js_reaches_streamlit_only_through_the_named_hooks() -> None:
    script = FRAME_JS.read_text(encoding="utf-8")
    used = set(re.findall(r"HOOKS\.(\w+)", script))
    assert used == {hook.name for hook in dom_hooks.HOOKS}
    assert "data-testid" not in script and "st-key-" not in script  # only in dom_hooks.HOOKS
    for hook in dom_hooks.HOOKS:
        assert set(hook.behaviours) <= set(behaviours()), hook
    assert "<" not in dom_hooks.script_prefix()  # st.html would take it for a tag


def test_the_installed_streamlit_sets_every_hook() -> None:
    assert dom_hooks.missing(dom_hooks.bundle_folder()) == []


@pytest.fixture
def bundle_without_the_menu(tmp_path: Path) -> Path:
    """The installed frontend bundle, as a Streamlit that renamed its sidebar menu would ship."""
    for path in dom_hooks.bundle_folder().glob("index.*.js"):
        text = path.read_text(encoding="utf-8", errors="replace")
        (tmp_path / path.name).write_text(text.replace("stSidebarNav", "stSideMenu"))
    for path in dom_hooks.bundle_folder().glob("*.js"):
        if not (tmp_path / path.name).exists():
            shutil.copy(path, tmp_path / path.name)  # the other chunks, unchanged
    return tmp_path


def test_a_missing_hook_is_one_clear_log_line(bundle_without_the_menu: Path) -> None:
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger(dom_hooks.__name__)
    logger.addHandler(handler)
    try:
        gone = dom_hooks.check.__wrapped__(bundle_without_the_menu)
    finally:
        logger.removeHandler(handler)
    assert [hook.name for hook in gone] == ["menuLink"]
    (line,) = [r.getMessage() for r in records]
    assert "no longer sets stSidebarNav" in line
    assert "saveBeforeLeaving, foldSidebarOnPhones turned off; edits still save" in line
