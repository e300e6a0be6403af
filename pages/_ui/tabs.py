"""Tabs that come back after a reload: the open tab is in the URL (``?tab=gaps``).

A reload starts a new session, so a tab's place in the session state alone was lost and the
page went back to its first tab. The URL keeps it, and a link to a tab opens it.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from prep_core.model import slugify


def tabs(labels: list[str], key: str) -> Any:
    """``st.tabs`` over ``labels`` (only the open one drawn), the open one kept in the URL."""
    by_slug = {slugify(label): label for label in labels}
    wanted = by_slug.get(st.query_params.get("tab", ""))
    if wanted and key not in st.session_state:  # a fresh session: a reload or a link
        st.session_state[key] = wanted
    drawn = st.tabs(labels, key=key, on_change="rerun")
    shown = st.session_state.get(key) or labels[0]
    if st.query_params.get("tab") != slugify(shown):
        st.query_params["tab"] = slugify(shown)  # only when it changes: each set is a message
    return drawn
