"""Interview Prep Studio: the frame around every page.

Routing is ``st.navigation`` over the page files in ``pages/``, listed here explicitly (so
Streamlit's legacy auto-discovery of ``pages/`` is off). One page per registry section, in
template order, with the registry's titles, icons and keys as url paths. The frame opens the
profile named in the URL (``?profile=<id>``, so a reload reopens it), imports the sample on a
first run, and draws the sidebar: the open profile, the save status and overall readiness.
"""

import streamlit as st

from pages._ui.state import (
    EXPORT,
    LIBRARY,
    READINESS,
    alerts,
    open_profile,
    per_session,
    section_page,
    sidebar,
)
from prep_core.paths import ICON_PATH
from prep_core.sections import SECTIONS

# A file of ours: a ":material/..." page icon makes the browser fetch it from fonts.gstatic.com.
# (Icons elsewhere use the Material Symbols font that Streamlit serves itself.)
st.set_page_config(page_title="Interview Prep Studio", page_icon=str(ICON_PATH), layout="wide")

profile = open_profile()


def navigation() -> dict[str, list[st.Page]]:
    library = st.Page(LIBRARY, title="Library", icon=":material/library_books:", default=True)
    sections = [
        st.Page(section_page(s.key), title=s.title, icon=s.icon, url_path=s.key) for s in SECTIONS
    ]
    readiness = st.Page(
        READINESS, title="Readiness", icon=":material/monitoring:", url_path="readiness"
    )
    export = st.Page(EXPORT, title="Export", icon=":material/download:", url_path="export")
    return {"Library": [library], "Profile": sections, "Prepare": [readiness], "Export": [export]}


page = st.navigation(per_session(navigation), expanded=True)
sidebar(profile)
alerts()
page.run()
