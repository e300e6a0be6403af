"""The Streamlit DOM hooks ``frame.js`` relies on, and the start-up check that they still exist.

Streamlit documents none of them: a ``data-testid``, an attribute or a class name its frontend
happens to set. ``HOOKS`` names each once; ``frame.js`` gets them as its ``HOOKS`` object, so it
finds Streamlit's elements only through them. At start-up ``check`` looks for each in the
installed Streamlit's frontend bundle and logs one line: all found, or which are missing and
which behaviours that turns off. A missing hook only turns its behaviour off: every edit still
saves on blur and Enter (the server side does that), only the browser's extras are lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from streamlit.logger import get_logger

_LOG = get_logger(__name__)


@dataclass(frozen=True)
class Hook:
    name: str  # as frame.js uses it: HOOKS.<name>
    selector: str  # what frame.js looks for: a CSS selector, an attribute or a class prefix
    marker: str  # the word Streamlit's bundle holds, in quotes, when it still sets the hook
    behaviours: tuple[str, ...]  # the frame.js functions that need it


HOOKS: tuple[Hook, ...] = (
    Hook("app", '[data-testid="stApp"]', "stApp", ("saveBeforeLeaving", "focusNewRow")),
    Hook(
        "scriptState",
        "data-test-script-state",  # on the app element: "running", "notRunning"
        "data-test-script-state",
        ("saveBeforeLeaving", "focusNewRow"),
    ),
    Hook(
        "menuLink",
        '[data-testid="stSidebarNav"] a',
        "stSidebarNav",
        ("saveBeforeLeaving", "foldSidebarOnPhones"),
    ),
    Hook(
        "sidebarFold",
        '[data-testid="stSidebarCollapseButton"] button',
        "stSidebarCollapseButton",
        ("foldSidebarOnPhones",),
    ),
    Hook("keyClass", "st-key-", "st-key-", ("focusNewRow",)),  # a keyed container's class
    Hook("main", '[data-testid="stMain"]', "stMain", ("enterMovesOn",)),  # the page's body
)


def script_prefix() -> str:
    """``frame.js``'s first line: the hooks as a JavaScript object (no "<": see frame.js)."""
    hooks = {hook.name: hook.selector for hook in HOOKS}
    return f"const HOOKS = {json.dumps(hooks)};\n"


def missing(bundle: Path) -> list[Hook]:
    """The hooks the frontend bundle in ``bundle`` (a folder of .js files) does not set."""
    wanted = {hook.marker: hook for hook in HOOKS}
    quoted = re.compile("[`\"']({})[`\"']".format("|".join(re.escape(m) for m in wanted)))
    # the entry chunk holds them all today; the other chunks are read only if it does not
    files = sorted(bundle.glob("index.*.js")) + sorted(bundle.glob("*.js"))
    seen: set[Path] = set()
    for path in files:
        if path in seen:
            continue
        seen.add(path)
        for found in quoted.findall(path.read_text(encoding="utf-8", errors="replace")):
            wanted.pop(found, None)
        if not wanted:
            break
    return list(wanted.values())


def bundle_folder() -> Path:
    import streamlit

    return Path(streamlit.__file__).parent / "static" / "static" / "js"


@cache
def check(bundle: Path | None = None) -> list[Hook]:
    """Once per process: log whether the installed Streamlit still sets every hook."""
    import streamlit

    gone = missing(bundle or bundle_folder())
    if not gone:
        _LOG.info(
            "frame.js: all %d DOM hooks found in Streamlit %s", len(HOOKS), streamlit.__version__
        )
    for hook in gone:
        _LOG.warning(
            "frame.js: Streamlit %s no longer sets %s (%s): %s turned off; edits still save",
            streamlit.__version__,
            hook.marker,
            hook.selector,
            ", ".join(hook.behaviours),
        )
    return gone
