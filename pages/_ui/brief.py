"""The Plan page's *Brief*: one download per upcoming round, its one-page Word brief.

The document is built only on click (a lazy download), by the same export as
``prep export PROFILE --to docx --variant round --round N``.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

import streamlit as st

from pages._ui.state import insight
from prep_core.formats import export, export_filename, get_format
from prep_core.model import Profile
from prep_core.rounds import effective_rounds, upcoming_rounds


def brief_downloads(profile: Profile, now: datetime) -> None:
    upcoming = {r.id for r in upcoming_rounds(profile, now)}
    numbered = [(n, r) for n, r in enumerate(effective_rounds(profile), 1) if r.id in upcoming]
    if not numbered:
        return
    st.subheader("Brief", anchor=False)
    st.caption(
        "One page per round to read just before it: when and where, who, the must-haves to "
        "prove with a story or an answer, fresh facts and the questions worth asking."
    )
    analysis = insight(profile)  # the page's own: the brief counts the same gaps
    mime = get_format("docx").mime
    row = st.container(horizontal=True)
    for n, item in numbered:
        name = export_filename(profile, "docx", variant=f"round-{n}")
        row.download_button(
            f"Round {n}: {item.label}, {item.day:%a %d %b}",
            data=partial(export, profile, "docx", variant="round", round=n, insight=analysis),
            file_name=name,
            mime=mime,
            key=f"plan.brief.{item.id}",
            on_click="ignore",
            icon=":material/description:",
        )
