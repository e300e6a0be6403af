"""The interview rounds on the Company Profile page: one row of fields per round.

Every field is drawn and saved by ``bind.bound``; a round's change also moves the headline
``interview_date`` to the next upcoming round (``prep_core.rounds.headline_date``). A time left
empty makes the round all-day; a time zone zoneinfo does not know is refused with one line and
stays on screen until fixed. Interviewers are one per line: ``Name | role | note``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import streamlit as st

from pages._ui.bind import bound, wkey
from pages._ui.state import change, current
from prep_core.model import ROUND_KIND_LABELS, ROUND_KINDS, Interviewer, Profile, Round
from prep_core.rounds import headline_date

KINDS = list(ROUND_KINDS)


def rounds_editor() -> None:
    profile = current()
    st.markdown("**Interview rounds**")  # the hint as text: a help "?" would be a Tab stop
    st.caption("Each round's day, time and time zone, and who")
    if not profile.rounds:
        st.caption(
            "No rounds yet: the interview date above counts as one all-day round. Add rounds "
            "to plan for each one, with its time, time zone and interviewers."
        )
    for n, item in enumerate(profile.rounds, 1):
        _round(item, n)
    st.button(
        "Add a round",
        key=wkey("rounds", "add"),
        on_click=change,
        args=(_add,),
        icon=":material/add:",
    )


def _round(item: Round, n: int) -> None:
    rid = item.id
    with st.container(border=True, key=f"round-{rid}"):
        top = st.columns([3, 2, 2, 3, 1], vertical_alignment="bottom")
        with top[0]:
            bound(
                st.selectbox,
                f"Round {n}",
                wkey("rounds", rid, "kind"),
                item.kind,
                _writer(rid, "kind"),
                default=lambda v: {"index": KINDS.index(v)},
                options=KINDS,
                format_func=ROUND_KIND_LABELS.get,
            )
        with top[1]:
            bound(
                st.text_input,
                "Day",
                wkey("rounds", rid, "day"),
                item.day.isoformat(),
                _writer(rid, "day", _day),
                placeholder="YYYY-MM-DD",
                max_chars=40,
            )
        with top[2]:
            bound(
                st.text_input,
                "Time",
                wkey("rounds", rid, "start_time"),
                f"{item.start_time:%H:%M}" if item.start_time else "",
                _writer(rid, "start_time", _time),
                placeholder="HH:MM, empty: all day",
                max_chars=20,
            )
        with top[3]:
            bound(
                st.text_input,
                "Time zone",
                wkey("rounds", rid, "timezone"),
                item.timezone,
                _writer(rid, "timezone"),
                placeholder="Europe/London",
                max_chars=80,
            )
        top[4].button(
            "",
            key=wkey("rounds", rid, "delete"),
            help=f"Delete round {n}",
            icon=":material/delete:",
            type="tertiary",
            on_click=change,
            args=(lambda p: _delete(p, rid),),
        )
        bound(
            st.text_input,
            "Place or link",
            wkey("rounds", rid, "location"),
            item.location,
            _writer(rid, "location"),
        )
        bound(
            st.text_area,
            "Interviewers, one per line: Name | role | note",
            wkey("rounds", rid, "interviewers"),
            "\n".join(_person_line(p) for p in item.interviewers),
            _writer(rid, "interviewers", lambda text, old: _people(text, old)),
            height=80,
        )


def _writer(rid: str, attr: str, parse: Callable[..., Any] | None = None):
    def write(profile: Profile, value: Any) -> None:
        item = next(r for r in profile.rounds if r.id == rid)
        if parse is None:
            setattr(item, attr, value)
        elif attr == "interviewers":
            setattr(item, attr, parse(value, item.interviewers))
        else:
            setattr(item, attr, parse(value))
        profile.interview_date = headline_date(profile, datetime.now(UTC))

    return write


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a day: type it as YYYY-MM-DD") from None


def _time(text: str) -> time | None:
    text = text.strip()
    if not text:
        return None
    try:
        return time.fromisoformat(text if len(text) > 2 else f"{int(text):02d}:00")
    except ValueError:
        raise ValueError(f"{text!r} is not a time: type it as HH:MM, or leave it empty") from None


def _person_line(person: Interviewer) -> str:
    return " | ".join([person.name, person.role, person.note]).rstrip(" |")


def _people(text: str, old: list[Interviewer]) -> list[Interviewer]:
    """One interviewer per line; a line keeps the id of the one at its position."""
    people = []
    for n, line in enumerate(line for line in text.split("\n") if line.strip()):
        name, role, note = [*(part.strip() for part in line.split("|", 2)), "", ""][:3]
        keep = {"id": old[n].id} if n < len(old) else {}
        people.append(Interviewer(name=name, role=role, note=note, **keep))
    return people


def _add(profile: Profile) -> None:
    today = datetime.now(UTC).date()
    last = max((r.day for r in profile.rounds), default=profile.interview_date)
    day = max(last + timedelta(days=7), today) if last else today + timedelta(days=7)
    profile.rounds = [*profile.rounds, Round(day=day)]
    profile.interview_date = headline_date(profile, datetime.now(UTC))


def _delete(profile: Profile, rid: str) -> None:
    profile.rounds = [r for r in profile.rounds if r.id != rid]
    profile.interview_date = headline_date(profile, datetime.now(UTC))
