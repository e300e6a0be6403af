"""Debrief: right after a round, what they asked and how it went, follow-ups, thank-you notes."""

import streamlit as st

from pages._ui import debrief as ui
from pages._ui.frame import go, page_path
from pages._ui.state import change, require_profile
from prep_core.model import Round

profile = require_profile()
st.title("Debrief", anchor=False)
st.caption(
    "Write it while you remember: the questions go to your question bank for the next round, "
    "and the notes and thank-you drafts go into the Markdown, JSON and Word exports."
)
if not profile.rounds:
    st.info("No interview rounds yet: add them on the Company Profile page.")
    row = st.container(horizontal=True)
    if profile.interview_date is not None and row.button(
        "Debrief the interview on the interview date", key="debrief.from_date", type="primary"
    ):
        change(lambda p: setattr(p, "rounds", [Round(day=p.interview_date)]))
        st.rerun()
    if row.button("Open the Company Profile", key="debrief.basics"):
        go(page_path("basics"))
    st.stop()

item = ui.pick_round(profile)
ui.questions_asked(profile, item)
ui.notes(item)
ui.thank_you(profile, item)
