"""As-of dates and sources of the facts that age (size, revenue), and the profile's threshold.

Drawn under Company Overview; every field through ``bind.bound``. A fact older than the
threshold is "check before quoting" (``prep_core.freshness``): the Word exports mark it, new Anki
cards leave it out and the plan's day before counts it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from pages._ui.bind import bound, wkey
from pages._ui.fields import parse_date
from pages._ui.state import current, plain
from prep_core.freshness import facts_by_source, stale_facts
from prep_core.model import DATED_FACTS, FactDate, Profile
from prep_core.sections import get_section


def facts_editor() -> None:
    profile = current()
    with st.expander("When were these facts true?", icon=":material/fact_check:"):
        st.caption(
            "A fact older than the threshold is marked “check before quoting” in Word and left "
            "out of new Anki cards. Without a date here, a year in the value counts: (2023)."
        )
        overview = get_section("overview")
        for path in DATED_FACTS:
            spec = overview.field(path)
            stamp = profile.fact_dates.get(path) or FactDate()
            left, right = st.columns(2)
            with left:
                bound(
                    st.text_input,
                    f"{spec.label}: as of",
                    wkey("fact_dates", path, "as_of"),
                    stamp.as_of.isoformat() if stamp.as_of else "",
                    _writer(path, "as_of", parse_date),
                    placeholder="YYYY-MM-DD",
                    max_chars=40,
                )
            with right:
                bound(
                    st.text_input,
                    f"{spec.label}: source",
                    wkey("fact_dates", path, "source"),
                    stamp.source,
                    _writer(path, "source"),
                    placeholder="Annual report, a link",
                )
        bound(
            st.number_input,
            "Check facts older than (days)",
            wkey("stale_after_days"),
            profile.stale_after_days,
            lambda p, value: setattr(p, "stale_after_days", int(value)),
            min_value=1,
            max_value=3650,
            step=30,
        )
    stale_note("overview")


def _writer(path: str, attr: str, parse=None):
    def write(profile: Profile, value) -> None:
        stamps = dict(profile.fact_dates)
        stamp = (stamps.get(path) or FactDate()).model_copy()
        setattr(stamp, attr, parse(value) if parse else value)
        if stamp.as_of is None and not stamp.source:
            stamps.pop(path, None)
        else:
            stamps[path] = stamp
        profile.fact_dates = stamps

    return write


def facts_by_source_view() -> None:
    """Under Research Sources: which dated facts each source supports, and which have none."""
    profile = current()
    by_source, none = facts_by_source(profile)
    stale = {f.key for f in stale_facts(profile, now=datetime.now(UTC))}

    def line(fact) -> str:
        when = f" (as of {fact.as_of})" if fact.as_of else ""
        flag = " — :orange[check before quoting]" if fact.key in stale else ""
        return f"- {plain(fact.label, 120)}{when}{flag}"

    blocks = [
        f"**{plain(source, 120)}**\n\n"
        + ("\n".join(map(line, facts)) or "- No dated fact names this source yet.")
        for source, facts in by_source.items()
    ]
    blocks.append(
        "**Facts with no source**\n\n"
        + ("\n".join(map(line, none)) or "- None: every dated fact names its source.")
    )
    with st.expander("Facts and their sources", icon=":material/link:"):
        st.markdown("\n\n".join(blocks))  # one element: a hundred sources draw in one go


def stale_note(page: str) -> None:
    """The facts of this page older than the profile's threshold, flagged in one warning."""
    old = [f for f in stale_facts(current(), now=datetime.now(UTC)) if f.page == page]
    if old:
        st.warning(
            "Check before quoting: "
            + "; ".join(f"{plain(f.label, 80)} (as of {f.as_of})" for f in old[:10]),
            icon=":material/history:",
        )
