"""The Practice page's *Mock round* tab: a round's questions one at a time, each under its own
timer that stops at *Done*, each with its follow-up, then the round report.

The choice of questions, the record and the report are ``prep_core.mock``; this module binds
them to widgets. The round in progress lives in session state (``ROUND``); each answer is kept
on its question as an attempt when the person moves on (a standard question joins the bank
then), and the round itself when they finish.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from pages._ui import practice as ui
from pages._ui.frame import countdown
from pages._ui.state import attempt, current, persist, plain, say
from prep_core import voice
from prep_core.mock import (
    DEFAULT_COUNT,
    Answered,
    RoundPlan,
    add_to_bank,
    plan_round,
    report,
    round_kind,
    round_record,
)
from prep_core.model import MAX_TEXT, ROUND_KIND_LABELS, ROUND_KINDS, Profile
from prep_core.practice import Feedback, feedback, pair_text, record_attempt

ROUND = "practice.mock"  # the MockSession in progress
FIRST_SEED = "practice.mock_seed"  # the seed offered first in this session
KINDS = {"next": "The next round's kind"} | {k: ROUND_KIND_LABELS[k] for k in ROUND_KINDS}
MAX_QUESTIONS = 10


@dataclass
class MockSession:
    """A round in progress: its plan, where the person is, and what they said so far."""

    profile_id: str
    plan: RoundPlan
    index: int = 0
    started: float | None = None  # when the current question's timer started
    answered: list[Answered] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # question id -> the answer
    spoken: dict[str, Any] = field(default_factory=dict)  # question id -> its Transcript
    record_id: str | None = None  # set when the round is finished and kept

    @property
    def current(self) -> Any:
        return self.plan.questions[self.index]

    @property
    def result(self) -> Answered | None:
        """The current question's answer, once the person pressed Done."""
        return self.answered[self.index] if self.index < len(self.answered) else None


def round_tab(profile: Profile) -> None:
    session: MockSession | None = st.session_state.get(ROUND)
    if session is None or session.profile_id != profile.id:
        _setup(profile)
    elif session.record_id is not None:
        _report(profile, session)
    else:
        _question(profile, session)


def _setup(profile: Profile) -> None:
    st.caption(
        "A round as an interviewer runs it: questions in sequence, each against the clock, one "
        "follow-up after each answer, and a report at the end. The weakest questions and those "
        "about uncovered must-haves come first, with the questions every such round asks."
    )
    kind = st.selectbox("Round", list(KINDS), format_func=KINDS.get, key="mock.kind")
    left, right = st.columns(2)
    count = left.number_input(
        "Questions", 1, MAX_QUESTIONS, DEFAULT_COUNT, key="mock.count", help="one to ten"
    )
    # a new round each session by default; the seed shown repeats it
    first = st.session_state.setdefault(FIRST_SEED, random.randrange(2**31))
    seed = right.number_input(
        "Seed", 0, 2**31, first, key="mock.seed", help="the same seed gives the same round"
    )
    if st.button("Start the mock round", key="mock.start", type="primary"):
        plan = plan_round(profile, round_kind(kind, profile), count=int(count), seed=int(seed))
        for note in plan.notes:
            st.info(note[0].upper() + note[1:])
        if plan.questions:
            st.session_state[ROUND] = MockSession(profile.id, plan, started=time.time())
            st.rerun()
        else:
            st.warning("No question fits this round yet: add some to the question bank first.")


def _question(profile: Profile, session: MockSession) -> None:
    planned = session.current
    total = len(session.plan.questions)
    st.progress(session.index / total, text=f"Question {session.index + 1} of {total}")
    st.subheader(plain(planned.text, 300), anchor=False)
    st.caption(f"Why this one: {plain(planned.why, 200)}")
    answered = session.result
    if answered is None:
        _clock(session)
        key = f"mock.answer.{session.index}"
        st.text_area(
            "Your answer",
            key=key,
            height=180,
            max_chars=MAX_TEXT,
            placeholder="Answer as you would say it",
        )
        if voice.available():
            st.audio_input(
                "Or say it", key=f"mock.audio.{session.index}", on_change=_heard, args=(key,)
            )
        if st.button("Done", key="mock.done", type="primary", icon=":material/stop_circle:"):
            _done(profile, session, st.session_state.get(key, ""))
            st.rerun()
        return
    taken = answered.result.clock_seconds or answered.result.seconds or 0
    st.caption(f":material/timer: Stopped at {int(taken) // 60}:{int(taken) % 60:02d}")
    ui.show_feedback(answered.result)
    if answered.follow_up is not None:
        question = planned.as_question(profile)
        text = session.texts[planned.id]
        pair = ui.follow_up_box(profile, question, answered.follow_up, text, "mock")
        if pair is not None:
            session.answered[session.index] = Answered(
                planned, answered.result, answered.follow_up, pair[1]
            )
    last = session.index + 1 == total
    label = "Finish the round" if last else "Next question"
    if st.button(label, key="mock.next", type="primary", icon=":material/arrow_forward:"):
        if _keep_attempt(session) and last:
            _finish(session)
        elif not last:
            session.index += 1
            session.started = time.time()
        st.rerun()


def _clock(session: MockSession) -> None:
    """The question's countdown (two minutes; soft: it warns, never cuts off)."""
    started = session.started or time.time()
    deadline_ms = int((started + 120) * 1000)
    countdown(deadline_ms, "2:00")


def _heard(key: str) -> None:
    """A spoken answer: its transcript fills the answer box (the delivery is kept for Done)."""
    session: MockSession | None = st.session_state.get(ROUND)
    profile = current()
    audio = st.session_state.get(f"mock.audio.{session.index}") if session else None
    if session is None or profile is None or audio is None:
        return
    heard = ui.hear(profile, audio.getvalue())
    if heard is not None:
        st.session_state[key] = heard.text
        session.spoken[session.current.id] = heard


def _done(profile: Profile, session: MockSession, text: str) -> None:
    """Stop the clock and check the answer: typed by its words, spoken by its recording."""
    planned = session.current
    clock = round(time.time() - (session.started or time.time()), 1)
    heard = session.spoken.get(planned.id)
    question = planned.as_question(profile)
    if heard is not None and heard.text == text:
        result = feedback(
            profile,
            question,
            text,
            seconds=heard.seconds,
            words=heard.words,
            delivery=heard.delivery,
        )
    else:
        result = feedback(profile, question, text, seconds=clock)
    session.texts[planned.id] = text
    session.answered.append(Answered(planned, result, result.follow_up))


def _keep_attempt(session: MockSession) -> bool:
    """Keep the answer (with its follow-up reply) on its question, a standard question joining
    the bank; an empty answer is not kept."""
    answered = session.result
    profile = current()
    if answered is None or profile is None:
        return False
    text = session.texts[answered.question.id]
    if not text.strip():
        return True  # nothing said: nothing to keep, the round goes on
    final: Feedback = answered.replied or answered.result
    if answered.replied is not None and answered.follow_up is not None:
        reply = st.session_state.get(ui.PAIR, {}).get(f"mock.{answered.question.id}")
        text = pair_text(text, answered.follow_up, reply[0] if reply else "")
    updated = add_to_bank(profile, answered.question)
    kept = attempt(lambda: record_attempt(updated, answered.question.id, text, final))
    return kept is not None and persist(kept)


def _finish(session: MockSession) -> None:
    profile = current()
    if profile is None:
        return
    record = round_record(session.plan, session.answered)
    updated = profile.model_copy(deep=True)
    updated.mock_rounds = [*updated.mock_rounds, record]
    if persist(updated):
        session.record_id = record.id
        say(True, "Mock round kept: the report is below.")


def _report(profile: Profile, session: MockSession) -> None:
    record = next((r for r in profile.mock_rounds if r.id == session.record_id), None)
    if record is None:
        st.session_state.pop(ROUND, None)
        st.rerun()
        return
    shown = report(profile, record)
    st.subheader("Round report", anchor=False)
    share = f"{shown.share:.0%}" if shown.share is not None else "–"
    change = shown.change
    trend = "" if change is None else f" ({change * 100:+.0f} points on the previous round)"
    st.markdown(f"Checks passed: **{share}**{trend}")
    rows = ["| # | Question | Checks | Failed | Follow-up | Reply |", "|---:|---|---:|---|---|---|"]
    for n, item in enumerate(shown.items, 1):
        asked = f"{item.follow_up_kind}: {plain(item.follow_up, 120)}" if item.follow_up else "–"
        reply = ("gave it" if item.replied else "not yet") if item.follow_up else "–"
        failed = ", ".join(name.replace("_", " ") for name in item.failed) or "–"
        rows.append(
            f"| {n} | {plain(item.question, 80)} | {item.passed}/{item.checks} | {failed} | "
            f"{asked} | {reply} |"
        )
    st.markdown("\n".join(rows))
    if shown.trend:
        shares = [s for _, _, s in shown.trend] + [shown.share or 0.0]
        st.line_chart({"checks passed": shares}, height=160)
    if shown.fixes:
        st.markdown("**Fix these first:**\n" + "\n".join(f"1. {fix}" for fix in shown.fixes))
    if st.button("Start another round", key="mock.again", icon=":material/replay:"):
        st.session_state.pop(ROUND, None)
        st.rerun()
