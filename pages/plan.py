"""Plan: the days from today to the last round, each item a button to the page where it is done;
the one-page brief of each upcoming round."""

import streamlit as st

from pages._ui.brief import brief_downloads
from pages._ui.frame import go, page_path
from pages._ui.state import insight, plain, require_profile

ICONS = {
    "research": ":material/travel_explore:",
    "fit": ":material/fact_check:",
    "practice": ":material/record_voice_over:",
    "drill": ":material/style:",
    "review": ":material/style:",
    "facts": ":material/fact_check:",
    "round": ":material/groups:",
    "debrief": ":material/rate_review:",
    "setup": ":material/event:",
}

profile = require_profile()
now = insight(profile).now  # the person's own day: "today" is theirs, not UTC's
result = insight(profile).plan
st.title("Plan", anchor=False)
st.caption(
    "Built from your profile each time you open it: an item goes away when it is done (the "
    "section filled in, the question rehearsed), so there is nothing to tick off by hand."
)
(st.info if result.status == "ok" else st.warning)(plain(result.message, 400))
today = now.date()
target = None
for day in result.days:
    when = {0: "Today", 1: "Tomorrow"}.get((day.date - today).days, f"{day.date:%A}")
    st.subheader(f"{when}, {day.date:%d %B %Y}", anchor=False)
    items = st.container(key=f"plan-day-{day.date.isoformat()}")  # frame.css: left-aligned
    for n, item in enumerate(day.items):
        if items.button(
            plain(item.text, 300),
            key=f"plan.{day.date.isoformat()}.{n}",
            icon=":material/check_circle:" if item.done else ICONS.get(item.kind),
            type="tertiary",
            help=f"Open the {item.page.replace('_', ' ')} page",
        ):
            target = page_path(item.page)
brief_downloads(profile, now)
if target is not None:
    go(target)
