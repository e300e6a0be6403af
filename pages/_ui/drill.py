"""The Drill page's parts: a sitting of up to 20 cards, each shown, recalled and rated.

The schedule and the order are ``prep_core.drill``; this module only keeps the sitting in
session state and binds it to widgets. A sitting holds the deck as it was when it started (the
cards do not change while you drill; a review changes only the log) and the ids of the cards
already drilled in it, so each card comes once and the session is rebuilt after every rating
from the log alone. Space shows the answer; 1-4 rate it (Streamlit's button shortcuts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import streamlit as st

from pages._ui.state import current, insight, persist, plain, say
from prep_core import drill
from prep_core.cards import Card
from prep_core.errors import PrepError
from prep_core.model import Profile
from prep_core.sections import SECTION_BY_KEY

SITTING = "drill.sitting"  # the Sitting of the open profile


@dataclass
class Sitting:
    """One sitting at the Drill page: the deck it started with and the cards drilled in it."""

    profile_id: str
    cards: tuple[Card, ...]
    drilled: list[str] = field(default_factory=list)
    shown: bool = False  # the current card's answer is shown


def now() -> datetime:
    return datetime.now().astimezone()  # the person's day: "how it moved today" is theirs


def sitting(profile: Profile) -> Sitting:
    """The open profile's sitting, started on the first visit (or after *Start again*)."""
    kept = st.session_state.get(SITTING)
    if kept is None or kept.profile_id != profile.id:
        cards = tuple(insight(profile).cards)  # the Anki deck's cards, as the open profile's
        kept = st.session_state[SITTING] = Sitting(profile.id, cards)
    return kept


def session(profile: Profile, kept: Sitting) -> drill.Session:
    """What is left to drill in this sitting (at most 20 cards in all), with the figures."""
    left = max(0, drill.SESSION_SIZE - len(kept.drilled))
    return drill.session(profile, now=now(), cards=kept.cards, skip=kept.drilled, size=left)


def figures(result: drill.Session) -> None:
    """Predicted recall at the next round, overall with how it moved today, then per section."""
    if result.recall_at_round is None:
        st.info(result.note)
        return
    moved = result.moved_today or 0.0
    st.metric(
        "Predicted recall at the round",
        f"{result.recall_at_round:.0%}",
        delta=f"{moved:+.0%} today" if result.reviewed_today else None,
        help=f"The chance of recalling a card, averaged over the deck, when the round starts "
        f"({result.round_start:%a %d %b %H:%M %Z}). A card never drilled counts as 0%.",
        border=True,
    )
    with st.expander("By section"):
        for key, value in result.by_section.items():
            st.progress(value, text=f"{SECTION_BY_KEY[key].title}: {value:.0%}")


def card(kept: Sitting, item: drill.DrillCard, result: drill.Session) -> None:
    """The card's front; *Show* (Space); then the answer and Again / Hard / Good / Easy (1-4)."""
    done = len(kept.drilled)
    st.caption(
        f"Card {done + 1} of up to {done + len(result.cards)} · "
        f"{plain(SECTION_BY_KEY[item.card.section].title)} · {plain(item.card.source)}"
        + (" · weak" if item.card.weak else "")
        + (" · must-have gap" if item.card.gap else "")
    )
    with st.container(border=True):
        st.markdown(f"**{_lines(item.card.front)}**")
        if kept.shown:
            st.divider()
            st.markdown(_lines(item.card.back))
    if not kept.shown:
        st.button(
            "Show",
            key="drill.show",
            on_click=_show,
            type="primary",
            shortcut="Space",
            width="stretch",
            icon=":material/visibility:",
        )
        return
    row = st.container(horizontal=True, gap="small")
    for rating, label in drill.RATINGS.items():
        row.button(
            label,
            key=f"drill.rate.{rating}",
            on_click=_rate,
            args=(item.id, rating),
            shortcut=str(rating),
            width="stretch",  # four in one row at 390 px, each a thumb wide: no icons
            type="primary" if rating == 3 else "secondary",
        )


def finished(kept: Sitting, result: drill.Session) -> None:
    """The end of a sitting: how many cards, and a way to start again."""
    if kept.drilled:
        st.success(f"Session done: {len(kept.drilled)} cards drilled.")
    elif result.recall_at_round is not None:
        st.success("Nothing to drill now: every card is above the target at the round's start.")
    else:
        st.success("Nothing is due now.")
    st.button("Start again", key="drill.again", on_click=_start_again, width="stretch")


def _lines(text: str) -> str:
    return "  \n".join(plain(line, 4000) for line in text.split("\n"))


def _show() -> None:
    kept = st.session_state.get(SITTING)
    if kept is not None:
        kept.shown = True


def _rate(card_id: str, rating: int) -> None:
    """Record the rating and save it at once; the next card comes up with its front only."""
    profile = current()
    kept = st.session_state.get(SITTING)
    if profile is None or kept is None or card_id in kept.drilled:
        return  # a second click on a card already rated (a double press): nothing twice
    try:
        updated = drill.record(profile, card_id, rating, now=now(), cards=kept.cards)
    except PrepError as error:
        say(False, f"Not recorded: {error}")
        return
    if persist(updated):
        kept.drilled.append(card_id)
        kept.shown = False
        say(True, f"{drill.RATINGS[rating]}: saved")


def _start_again() -> None:
    st.session_state.pop(SITTING, None)
