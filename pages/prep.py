"""Interview Preparation: one tab per ### subsection; only the open tab is drawn."""

import streamlit as st

from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header
from pages._ui.tabs import tabs as tabs_in_url

section = section_header("prep")
headings = section.subsections()
tabs = tabs_in_url(headings, key="prep.tab")
for heading, tab in zip(headings, tabs, strict=True):
    if tab.open:
        with tab:
            st.subheader(heading, anchor=False)
            for spec in section.fields:
                if spec.heading == heading:
                    field(spec)
section_footer(section)
