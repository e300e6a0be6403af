"""Readiness: completeness per section, the fields still empty, and the days left."""

import pandas as pd
import streamlit as st

from pages._ui.state import days_left_text, insight, require_profile, section_page
from prep_core.progress import practice_stats

profile = require_profile()
report = insight(profile).completeness
st.title("Readiness", anchor=False)

overall, answers, rehearsed, fit, days = st.columns(5)
overall.metric("Overall", f"{report.percent}%", help=f"{report.filled} of {report.total} fields")
answers.metric(
    "Drafted answers",
    f"{report.answered} of {report.questions}",
    help="Potential questions with an answer drafted on Interview Preparation",
)
practice = practice_stats(profile)
rehearsed.metric(
    "Rehearsed",
    f"{practice.rehearsed} of {practice.questions}",
    help="Practised on the Practice page, and the last attempt was not weak",
)
fit_report = insight(profile).coverage
fit.metric(
    "Must-haves covered",
    f"{fit_report.must_covered} of {fit_report.must_total}" if fit_report.must_total else "-",
    help="Must-haves of the job posting proven by a skills row with its talking point, a story "
    "with its action and result, or a drafted answer that names it (Fit)",
)
days.metric("Interview", days_left_text(profile))
if profile.interview_date is None:
    st.page_link(section_page("basics"), label="Set the interview date", icon=":material/event:")

# Vega-Lite directly: the same bar chart Altair would build, without its schema validation
# (about 20 ms per run, most of this page's time).
chart = pd.DataFrame(
    [{"Section": s.section.title, "Filled %": round(s.ratio * 100)} for s in report.sections]
)
st.vega_lite_chart(
    chart,
    {
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": "Filled %", "type": "quantitative", "scale": {"domain": [0, 100]}},
            "y": {
                "field": "Section",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 260},
            },
        },
    },
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
