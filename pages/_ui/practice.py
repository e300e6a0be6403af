"""The Practice page's parts: choose a question, answer against a timer, read the feedback, keep it.

The feedback itself is ``prep_core.practice`` (pure, offline); this module only binds it to
widgets. What the person types is kept in session state under keys no widget uses, so an attempt
survives leaving the page; it reaches the profile only when they save it.
"""

from __future__ import annotations

import time

import streamlit as st

from pages._ui.bind import picker
from pages._ui.frame import countdown
from pages._ui.state import attempt, change, current, insight, persist, plain, say
from prep_core import voice
from prep_core.followup import FollowUp
from prep_core.model import MAX_TEXT, QUESTION_CATEGORIES, Profile, Question
from prep_core.practice import Feedback, feedback, feedback_on_reply, pair_text, record_attempt
from prep_core.progress import history, is_rehearsed, last_attempt_weak, practice_order, practised
from prep_core.question_bank import numbered
from prep_core.vocabulary import hotwords

SETS = {"weakest": "Weakest first", "never": "Never practised", "weak": "Weak answers"}
SETS |= {f"category:{c}": f"Category: {c.capitalize()}" for c in QUESTION_CATEGORIES if c}
STARTED = "practice.started"  # {question id: time.time() when the timer started}
TYPED = "practice.typed"  # {question id: the attempt typed so far}
RESULT = "practice.result"  # {question id: (text, seconds, words, Feedback)}
PAIR = "practice.pair"  # {question id: (reply, Feedback on the answer and the reply together)}
REPLY = "practice.reply_typed"  # {question id: the reply typed or said so far}
EMPTY = "practice.empty"  # the question whose Get feedback was pressed with nothing typed


def questions_to_practise(profile: Profile) -> list[Question]:
    """The chosen set, in practice order (never practised, weak and uncovered must-haves first).

    The order weighs the coverage matrix with the story bank: the gaps are the open profile's
    ``state.insight`` (computed once per saved revision), as on the Plan page.
    """
    choice = st.selectbox("Practise", list(SETS), format_func=SETS.get, key="practice.set")
    analysis = insight(profile)
    if choice == "weakest":  # as questions of ``profile``, the object the page edits
        by_id = {q.id: q for q in profile.prep.questions}
        return [by_id[q.id] for q in analysis.practice_order if q.id in by_id]
    gaps = analysis.gap_questions
    if choice.startswith("category:"):
        return practice_order(profile, category=choice.split(":", 1)[1], gaps=gaps)
    return practice_order(profile, mode=choice, gaps=gaps)


def pick_question(profile: Profile, questions: list[Question]) -> Question:
    """The question to practise, listed in practice order under its number in the bank (the
    number Interview Preparation, the Plan and ``prep practice --question N`` use)."""
    number = {q.id: n for n, q in numbered(profile.prep.questions)}
    labels = {q.id: f"{number[q.id]}. {q.text[:90]} · {_state(q)}" for q in questions}
    chosen = picker("Question", "practice.pick", list(labels), labels)
    return next(q for q in questions if q.id == chosen)


def _state(question: Question) -> str:
    if not practised(question):
        return "never practised"
    if last_attempt_weak(question):
        return "weak"
    return "rehearsed"


def timer(question: Question) -> None:
    """A visible countdown (soft: it warns, never cuts off). It stops when the answer is
    checked (Get feedback reads the time taken), and can be started again for a new attempt."""
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    minutes = left.number_input(
        "Minutes", min_value=0.5, max_value=10.0, value=2.0, step=0.5, key="practice.minutes"
    )
    started = st.session_state.setdefault(STARTED, {}).get(question.id)
    checked = result_of(question)
    if started is not None and checked is not None:  # the clock stopped at Get feedback
        taken = checked[1] or 0
        right.caption(f":material/timer: Stopped at {int(taken) // 60}:{int(taken) % 60:02d}")
        right.button("Start again", key="practice.start", on_click=_start, args=(question.id,))
        return
    if started is None:
        right.button("Start the timer", key="practice.start", on_click=_start, args=(question.id,))
        return
    deadline_ms = int((started + minutes * 60) * 1000)
    countdown(deadline_ms, f"{int(minutes)}:{int(minutes * 60) % 60:02d}", right)


def _start(question_id: str) -> None:
    """A new timed attempt: the clock starts, the last feedback on this question is put away."""
    st.session_state.setdefault(STARTED, {})[question_id] = time.time()
    st.session_state.get(RESULT, {}).pop(question_id, None)
    st.session_state.get(PAIR, {}).pop(f"practice.{question_id}", None)


def answer_box(question: Question) -> str:
    """The typed attempt; kept per question while the person practises."""
    typed = st.session_state.setdefault(TYPED, {})
    key = f"practice.answer.{question.id}"
    if st.session_state.get(key) != typed.get(question.id, ""):
        st.session_state[key] = typed.get(question.id, "")
    st.text_area(
        "Your answer",
        key=key,
        height=200,
        max_chars=MAX_TEXT,
        placeholder="Answer as you would say it",
        on_change=_typed,
        args=(question.id, key),
    )
    return typed.get(question.id, "")


def _typed(question_id: str, key: str) -> None:
    st.session_state.setdefault(TYPED, {})[question_id] = st.session_state[key]


def voice_box(profile: Profile, question: Question) -> None:
    """Answer by speaking, where the voice extra is installed: the transcript fills the answer."""
    if not voice.available():
        st.caption(f"Answer by voice: {voice.INSTALL_HINT} (all offline).")
        return
    st.audio_input(
        "Or say it",
        key=f"practice.audio.{question.id}",
        on_change=_transcribe,
        args=(profile.id, question.id),
    )


def _transcribe(profile_id: str, question_id: str) -> None:
    audio = st.session_state.get(f"practice.audio.{question_id}")
    profile = current()
    if audio is None or profile is None or profile.id != profile_id:
        return
    heard = hear(profile, audio.getvalue())
    if heard is None:
        return
    st.session_state.setdefault(TYPED, {})[question_id] = heard.text
    st.session_state.get(PAIR, {}).pop(f"practice.{question_id}", None)
    question = next(q for q in profile.prep.questions if q.id == question_id)
    result = feedback(
        profile,
        question,
        heard.text,
        seconds=heard.seconds,
        words=heard.words,
        delivery=heard.delivery,
    )
    st.session_state.setdefault(RESULT, {})[question_id] = (
        heard.text,
        heard.seconds,
        heard.words,
        result,
    )


def hear(profile: Profile, audio: bytes) -> voice.Transcript | None:
    """The transcript of a recording (with its delivery), or None and a message."""
    try:
        return voice.transcribe(audio, hotwords=hotwords(profile))
    except voice.VoiceError as error:
        say(False, f"Not transcribed: {error}")
        return None


def check_answer(profile_id: str, question_id: str) -> None:
    """Get feedback (a callback, so the clock is stopped before the page is drawn again)."""
    profile = current()
    if profile is None or profile.id != profile_id:
        return
    question = next(q for q in profile.prep.questions if q.id == question_id)
    text = st.session_state.get(TYPED, {}).get(question_id, "")
    st.session_state[EMPTY] = question_id if not text.strip() else None
    if not text.strip():
        return
    started = st.session_state.get(STARTED, {}).get(question_id)
    seconds = round(time.time() - started, 1) if started is not None else None
    st.session_state.get(PAIR, {}).pop(f"practice.{question_id}", None)
    st.session_state.setdefault(RESULT, {})[question_id] = (
        text,
        seconds,
        None,
        feedback(profile, question, text, seconds=seconds),
    )


def nothing_typed(question: Question) -> bool:
    """Whether Get feedback was just pressed with nothing typed or said."""
    return st.session_state.pop(EMPTY, None) == question.id


def result_of(question: Question) -> tuple[str, float | None, int | None, Feedback] | None:
    return (st.session_state.get(RESULT) or {}).get(question.id)


def show_feedback(result: Feedback) -> None:
    """The checklist with its reasons, the company's words used and missed, and the counts."""
    if not result.checks:
        st.warning(result.notes[0] if result.notes else "Nothing to check.")
        return
    for check in result.checks:
        mark = ":green[:material/check_circle:]" if check.passed else ":red[:material/cancel:]"
        st.markdown(
            f"{mark} **{plain(check.name.replace('_', ' '))}**: {plain(check.message, 300)}"
        )
    if result.terms_used:
        st.markdown(
            "Company words you used: " + " ".join(_chip(t, "green") for t in result.terms_used)
        )
    if result.terms_missed:
        missed = result.terms_missed[:8]
        st.markdown("Worth working in: " + " ".join(_chip(t, "gray") for t in missed))
    for point in result.points_covered:
        mark = ":material/check:" if point["covered"] else ":material/remove:"
        st.markdown(f"{mark} {plain(point['point'], 200)}")
    facts = [f"{result.words} words"]
    if result.seconds and result.spoken:
        facts.append(f"{result.seconds:.0f} s")
    elif result.seconds:
        facts.append(f"about {result.seconds:.0f} s said aloud")
    if result.clock_seconds and result.clock_seconds >= 1:  # a click, not an attempt, under 1 s
        facts.append(f"{result.clock_seconds:.0f} s on the clock (thinking and typing)")
    if result.wpm and result.spoken:  # a typed answer's time is typing time, not speech
        facts.append(f"{result.wpm:.0f} words a minute")
    fillers = sum(result.fillers.values())
    if fillers:
        least = "at least " if result.spoken else ""
        facts.append(f"{least}{fillers} fillers ({result.fillers_per_minute} a minute)")
    st.caption(" · ".join(facts))
    if result.top_words:
        words = ", ".join(f"{plain(w)} ({n})" for w, n in result.top_words[:8])
        st.caption(f"Most-used words: {words}")
    if result.delivery is not None:
        for line in result.delivery.summary():
            st.caption(f"Delivery: {plain(line, 300)}")
    for note in result.notes:
        st.caption(f":material/info: {plain(note, 300)}")


def follow_up_box(
    profile: Profile, question: Question, asked: FollowUp, answer: str, prefix: str
) -> tuple[str, Feedback] | None:
    """The interviewer's follow-up, a reply (typed or said) and the feedback on the pair.

    ``prefix`` keeps the Answer tab's and the mock round's widgets apart. Returns the reply and
    its feedback once checked.
    """
    st.info(f"**Follow-up:** {plain(asked.text, 300)}", icon=":material/record_voice_over:")
    replies = st.session_state.setdefault(REPLY, {})
    slot = f"{prefix}.{question.id}"
    key = f"{prefix}.reply.{question.id}"
    if st.session_state.get(key) != replies.get(slot, ""):
        st.session_state[key] = replies.get(slot, "")
    st.text_area(
        "Your reply to the follow-up",
        key=key,
        height=100,
        max_chars=MAX_TEXT,
        on_change=lambda: replies.__setitem__(slot, st.session_state[key]),
    )
    if voice.available():
        st.audio_input(
            "Or say your reply",
            key=f"{prefix}.reply_audio.{question.id}",
            on_change=_transcribe_reply,
            args=(profile.id, slot, f"{prefix}.reply_audio.{question.id}"),
        )
    pairs = st.session_state.setdefault(PAIR, {})
    if st.button("Check my reply", key=f"{prefix}.reply_check"):
        reply = replies.get(slot, "")
        if reply.strip():
            pairs[slot] = (reply, feedback_on_reply(profile, question, answer, asked, reply))
        else:
            st.warning("Type or say a reply first.")
    if slot in pairs:
        st.markdown("**Your answer and your reply, together:**")
        show_feedback(pairs[slot][1])
        return pairs[slot]
    return None


def _transcribe_reply(profile_id: str, slot: str, key: str) -> None:
    audio = st.session_state.get(key)
    profile = current()
    if audio is None or profile is None or profile.id != profile_id:
        return
    heard = hear(profile, audio.getvalue())
    if heard is not None:
        st.session_state.setdefault(REPLY, {})[slot] = heard.text


def _chip(text: str, colour: str) -> str:
    return f":{colour}-badge[{plain(text, 60)}]"


def rating_key(question_id: str) -> str:
    return f"practice.rating.{question_id}"


def keep(question_id: str) -> None:
    """Save the attempt (text, seconds, checks, rating) on the question.

    The rating is read from its widget when the click arrives, not passed in when the button was
    drawn: a rating clicked just before Save reaches the server in the same rerun.
    """
    rating = st.session_state.get(rating_key(question_id))
    profile = current()
    question = next((q for q in profile.prep.questions if q.id == question_id), None)
    result = (st.session_state.get(RESULT) or {}).get(question_id)
    if question is None or result is None:
        return
    text, _seconds, _words, fed = result
    pair = st.session_state.get(PAIR, {}).get(f"practice.{question_id}")
    if pair is not None and fed.follow_up is not None:  # the answer and its follow-up, together
        text, fed = pair_text(text, fed.follow_up, pair[0]), pair[1]
    kept = attempt(lambda: record_attempt(profile, question_id, text, fed, rating=rating))
    if kept is not None and persist(kept):
        weak = (
            " It counts as weak: it comes first next time." if fed.with_rating(rating).weak else ""
        )
        say(True, f"Attempt saved.{weak}")
        st.session_state[STARTED].pop(question_id, None)


def use_as_draft(question_id: str) -> None:
    result = (st.session_state.get(RESULT) or {}).get(question_id)
    if result is None:
        return

    def draft(profile: Profile) -> None:
        question = next(q for q in profile.prep.questions if q.id == question_id)
        question.answer = result[0]

    if change(draft):
        say(True, "Your attempt is now the drafted answer")


def progress(profile: Profile) -> None:
    """Per question: attempts, last rating and state; the weak ones listed first."""
    rows = ["| # | Question | Attempts | Last rating | State |", "|---:|---|---:|---:|---|"]
    for n, question in enumerate(profile.prep.questions, 1):
        if not question.text:
            continue
        last = question.attempts[-1].rating if question.attempts else None
        rows.append(
            f"| {n} | {plain(question.text, 80)} | {len(question.attempts)} | "
            f"{last or '–'} | {_state(question)} |"
        )
    st.markdown("\n".join(rows))
    rehearsed = sum(is_rehearsed(q) for q in profile.prep.questions)
    st.caption(f"Rehearsed: {rehearsed} of {sum(bool(q.text) for q in profile.prep.questions)}")


def trend(question: Question) -> None:
    """This question's attempts over time: checks passed and self-rating."""
    rows = history(question)
    if len(rows) < 2:
        return
    st.line_chart(
        {
            "checks passed": [r["passed"] for r in rows],
            "self-rating": [r["rating"] or 0 for r in rows],
        },
        height=160,
    )
