"""Export: one card per registered format, with a download and a Save to exports/ button."""

import streamlit as st

from pages._ui.export import export_card
from pages._ui.state import require_profile
from prep_core.formats import FORMATS

profile = require_profile()
st.title("Export", anchor=False)
st.caption("Files are built when you click; downloads are named company-role-date.")
for fmt in FORMATS:
    export_card(profile, fmt)
