"""Readiness: completeness per section, the fields still empty, and the days left."""

import altair as alt
import pandas as pd
import streamlit as st

from pages._ui import days_left_text, require_profile, section_page
from prep_core.completeness import completeness

profile = require_profile()
report = completeness(profile)
st.title("Readiness", anchor=False)

overall, days = st.columns(2)
overall.metric("Overall", f"{report.percent}%", help=f"{report.filled} of {report.total} fields")
days.metric("Interview", days_left_text(profile))
if profile.interview_date is None:
    st.page_link(section_page("basics"), label="Set the interview date", icon=":material/event:")

chart = pd.DataFrame(
    [
        {"Section": s.section.title, "Filled %": round(s.ratio * 100), "Order": s.section.number}
        for s in report.sections
    ]
)
st.altair_chart(
    alt.Chart(chart)
    .mark_bar()
    .encode(
        x=alt.X("Filled %:Q", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("Section:N", sort=alt.SortField("Order")),
        tooltip=["Section", "Filled %"],
    ),
    width="stretch",
)

st.subheader("Still empty", anchor=False)
missing = report.missing()
if not missing:
    st.success("Every field is filled in.", icon=":material/celebration:")
for section, spec in missing:
    st.page_link(
        section_page(section.key), label=f"{section.title}: {spec.label}", icon=section.icon
    )
