"""Fit: each requirement of the job posting against a skills row, a story and the words to say."""

import streamlit as st

from pages._ui import fit as ui
from pages._ui.state import insight, require_profile, section_page, stories
from pages._ui.stories import story_editor
from pages._ui.tabs import tabs as tabs_in_url

profile = require_profile()
st.title("Fit", anchor=False)
st.caption(
    "Each requirement of the job posting, and what proves it: a row of your skills table, a "
    "story from your story bank, a drafted answer, and its words in your talking points. Fix a "
    "gap with one click; uncovered must-haves come first in Practice."
)
bank = stories()
result = insight(profile).coverage
if not result.requirements and not profile.requirements:
    st.info("No job posting yet. Paste it under Company Profile (the title block).")
    st.page_link(section_page("basics"), label="Paste the job posting", icon=":material/edit:")
    st.subheader("Your stories", anchor=False)  # the bank is shared: write them before a posting
    story_editor(profile, result)
    st.stop()

covered, total = st.columns(2)
covered.metric(
    "Must-haves covered",
    f"{result.must_covered} of {result.must_total}",
    delta=f"{result.must_in_progress} in progress" if result.must_in_progress else None,
    delta_color="orange",
    delta_arrow="off",
    help="Proven by a skills row with its talking point, a story with its action and result, "
    "or a drafted answer that names it. In progress: started, not proven yet (see Gaps)",
)
total.metric("Requirements", len(result.requirements))
ui.reading_notes(profile)

matrix_tab, gaps_tab, edit_tab, stories_tab, ask_tab = tabs_in_url(
    ["Matrix", "Gaps", "Requirements", "Stories", "Questions to ask"], key="fit.tab"
)
if matrix_tab.open:
    with matrix_tab:
        ui.matrix(result, bank)
if gaps_tab.open:
    with gaps_tab:
        ui.gaps(profile, result, bank)
if edit_tab.open:
    with edit_tab:
        ui.requirements_editor(profile)
if stories_tab.open:
    with stories_tab:
        story_editor(profile, result)
if ask_tab.open:
    with ask_tab:
        ui.known_questions(profile)
