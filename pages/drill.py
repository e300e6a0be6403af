"""Drill: the cards that matter most for the next round, one at a time, rated 1-4."""

import streamlit as st

from pages._ui import drill as ui
from pages._ui.state import require_profile

profile = require_profile()
st.title("Drill", anchor=False)
st.caption(
    "Spaced repetition aimed at your next round: the cards due, then those you would most "
    "likely forget by the time it starts. Space shows the answer; 1–4 rate it."
)
sitting = ui.sitting(profile)
result = ui.session(profile, sitting)
ui.figures(result)
if result.cards:
    ui.card(sitting, result.cards[0], result)
else:
    ui.finished(sitting, result)
