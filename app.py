"""Interview Prep Studio: the frame around every page.

Routing is ``st.navigation`` over the page files in ``pages/`` (listed in ``pages/_ui/frame.py``,
so Streamlit's legacy auto-discovery of ``pages/`` is off): one page per registry section, in
template order, with the registry's titles, icons and keys as url paths. The frame opens the
profile named in the URL (``?profile=<id>``, so a reload reopens it), imports the sample on a
first run, and draws the sidebar: the menu, the open profile, the save status and readiness.
"""

import streamlit as st

from pages._ui.frame import alerts, navigation, sidebar
from pages._ui.state import open_profile
from prep_core.paths import ICON_PATH

# A file of ours: a ":material/..." page icon makes the browser fetch it from fonts.gstatic.com.
# (Icons elsewhere use the Material Symbols font that Streamlit serves itself.)
st.set_page_config(page_title="Interview Prep Studio", page_icon=str(ICON_PATH), layout="wide")

profile = open_profile()
page = navigation()
sidebar(profile)
alerts()
page.run()
