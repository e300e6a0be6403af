"""The interview rounds on the Company Profile page: one box of fields per round.

Every field is drawn by ``bind.bound`` and saved through ``prep_core.rounds.edit_round``, which
refuses an overlap, a round past midnight or a bad value in one line (kept on screen until it is
fixed) and moves the headline ``interview_date`` to the next upcoming round. With rounds, the
interview date is that rule's result and is shown, not typed. A time left empty makes the round
all-day. Interviewers are one per line: ``Name | role | private note``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

import streamlit as st

from pages._ui.bind import bound, wkey
from pages._ui.state import change, current, days_left_text
from prep_core.model import ROUND_KIND_LABELS, ROUND_KINDS, Interviewer, Profile, Round
from prep_core.rounds import (
    add_round,
    delete_round,
    edit_round,
    effective_rounds,
    headline_date,
    length_text,
    parse_length,
)
from prep_core.sections import FieldSpec

KINDS = [k for k in ROUND_KINDS if k != "interview"]  # "interview": a date alone, not a choice


def interview_date(spec: FieldSpec, draw: Callable[[FieldSpec], None]) -> None:
    """The interview date: typed while there are no rounds, then the next round's day."""
    profile = current()
    if not profile.rounds:
        draw(spec)
        return
    day = headline_date(profile, _now())
    st.text_input(
        spec.label,
        value=day.isoformat() if day else "",
        key=wkey(spec.path, "shown"),
        disabled=True,
        help="The day of the next round: change the rounds below",
    )
    st.caption(days_left_text(profile))


def rounds_editor() -> None:
    profile = current()
    st.markdown("**Interview rounds**")  # the hint as text: a help "?" would be a Tab stop
    st.caption("Each round's kind, length, day, time, zone and who")
    if not profile.rounds:
        st.caption(
            "No rounds yet: the interview date above counts as one all-day round. Add rounds "
            "to plan for each one, with its time, time zone and interviewers."
        )
    for n, item in enumerate(effective_rounds(profile), 1):
        _round(item, n)
    st.button(
        "Add a round",
        key=wkey("rounds", "add"),
        on_click=change,
        args=(lambda p: add_round(p, _now()),),
        icon=":material/add:",
    )


def _round(item: Round, n: int) -> None:
    rid = item.id
    with st.container(border=True, key=f"round-{rid}"):
        top = st.columns([3, 2, 2, 2, 3, 1], vertical_alignment="bottom")
        with top[0]:
            kinds = KINDS if item.kind in KINDS else [item.kind, *KINDS]
            bound(
                st.selectbox,
                f"Round {n}",
                wkey("rounds", rid, "kind"),
                item.kind,
                _writer(rid, "kind"),
                default=lambda v: {"index": kinds.index(v)},
                options=kinds,
                format_func=ROUND_KIND_LABELS.get,
            )
        with top[1]:
            bound(
                st.text_input,
                "Length",
                wkey("rounds", rid, "minutes"),
                length_text(item.minutes),
                _writer(rid, "minutes", parse_length),
                placeholder="45 min, 4 h",
                max_chars=20,
            )
        with top[2]:
            bound(
                st.text_input,
                "Day",
                wkey("rounds", rid, "day"),
                item.day.isoformat(),
                _writer(rid, "day", _day),
                placeholder="YYYY-MM-DD",
                max_chars=40,
            )
        with top[3]:
            bound(
                st.text_input,
                "Time",
                wkey("rounds", rid, "start_time"),
                f"{item.start_time:%H:%M}" if item.start_time else "",
                _writer(rid, "start_time", _time),
                placeholder="HH:MM, or all day",
                max_chars=20,
            )
        with top[4]:
            bound(
                st.text_input,
                "Time zone",
                wkey("rounds", rid, "timezone"),
                item.timezone,
                _writer(rid, "timezone"),
                placeholder="Europe/London",
                max_chars=80,
            )
        top[5].button(
            "",
            key=wkey("rounds", rid, "delete"),
            help=f"Delete round {n}",
            icon=":material/delete:",
            type="tertiary",
            on_click=change,
            args=(lambda p: delete_round(p, rid, _now()),),
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
            "Interviewers, one per line: Name | role | private note (never quoted in a thank-you)",
            wkey("rounds", rid, "interviewers"),
            "\n".join(_person_line(p) for p in item.interviewers),
            _people_writer(rid),
            height=80,
        )


def _writer(rid: str, attr: str, parse: Callable[[str], Any] | None = None):
    def write(profile: Profile, value: Any) -> None:
        edit_round(profile, rid, _now(), **{attr: parse(value) if parse else value})

    return write


def _people_writer(rid: str):
    def write(profile: Profile, text: str) -> None:
        old = next(r for r in profile.rounds if r.id == rid).interviewers
        edit_round(profile, rid, _now(), interviewers=_people(text, old))

    return write


def _now() -> datetime:
    return datetime.now(UTC)


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


def _people(text: str, old: list[Interviewer]) -> list[dict[str, str]]:
    """One interviewer per line; a line keeps the id of the one at its position."""
    people = []
    for n, line in enumerate(line for line in text.split("\n") if line.strip()):
        name, role, note = [*(part.strip() for part in line.split("|", 2)), "", ""][:3]
        keep = {"id": old[n].id} if n < len(old) else {}
        people.append({"name": name, "role": role, "note": note, **keep})
    return people
