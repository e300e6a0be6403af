"""``prep practice``: feedback on one attempt at a question, typed (a file or stdin) or spoken.

Kept in its own module so the command's parsing, reading and printing sit together; the
feedback itself is ``prep_core.practice``. Everything a user can get wrong (the answer file,
the question, the audio) is checked before anything is saved.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from prep_core.cli._common import load_profile, open_store, profile_argument
from prep_core.errors import PrepError

if TYPE_CHECKING:
    from prep_core.model import Profile, Question
    from prep_core.practice import Feedback

MAX_TEXT = 100_000  # model.MAX_TEXT, restated: importing the model (pydantic) slows --help
MAX_ANSWER_BYTES = 4 * MAX_TEXT  # UTF-8 takes at most 4 bytes a character
MAX_SECONDS = 24 * 3600
MIN_SECONDS = 1.0  # practice.MIN_SECONDS, restated for the same reason


def configure_practice(parser: argparse.ArgumentParser) -> None:
    profile_argument(parser)
    parser.add_argument(
        "--question", required=True, metavar="N|ID", help="the question's number (from 1) or id"
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--answer-file", metavar="F", help="the answer as UTF-8 text; '-' reads standard input"
    )
    source.add_argument(
        "--audio",
        metavar="F.wav",
        help="a spoken answer, transcribed on this machine (needs the voice extra)",
    )
    parser.add_argument(
        "--seconds",
        type=_seconds,
        metavar="S",
        help="spoken: how long the answer took; typed: the time on the clock (thinking and "
        "typing, shown apart: a typed answer is measured by its words at speaking pace)",
    )
    parser.add_argument(
        "--reply-file",
        metavar="F",
        help="your reply to the answer's follow-up question: feedback on the two together",
    )
    parser.add_argument(
        "--rating", type=int, choices=range(1, 6), metavar="1-5", help="your own rating, 1 to 5"
    )
    parser.add_argument(
        "--save", action="store_true", help="keep the attempt in the profile (the last 20 are kept)"
    )
    parser.add_argument("--json", action="store_true", help="print the feedback as JSON")


def run_practice(args: argparse.Namespace) -> int:
    """Check one attempt; with ``--save`` keep it on the question."""
    from prep_core.practice import (
        feedback,
        feedback_on_reply,
        find_question,
        pair_text,
        record_attempt,
    )

    if args.save and Path(args.profile).expanduser().is_file():
        raise PrepError(
            f"--save keeps the attempt in a profile of the data folder; "
            f"import {args.profile} first (prep import {args.profile})"
        )
    profile = load_profile(args)
    question = find_question(profile, args.question)
    seconds, words, delivery = args.seconds, None, None
    if args.audio is not None:
        from prep_core import voice
        from prep_core.vocabulary import hotwords

        heard = voice.transcribe(Path(args.audio), hotwords=hotwords(profile))
        text, words, delivery = heard.text, heard.words, heard.delivery
        seconds = seconds if seconds is not None else heard.seconds
    else:
        text = read_answer(args.answer_file)
    timing = {"seconds": seconds, "words": words, "rating": args.rating, "delivery": delivery}
    result = feedback(profile, question, text, **timing)
    if args.reply_file is not None:
        asked = result.follow_up
        if asked is None:
            raise PrepError("this answer has no follow-up question to reply to")
        reply = read_answer(args.reply_file)
        if words is not None:
            timing["words"] = words + len(reply.split())
        result = feedback_on_reply(profile, question, text, asked, reply, **timing)
        text = pair_text(text, asked, reply)
    if args.save:
        if not text.strip():
            raise PrepError("the answer is empty: nothing to save")
        store = open_store(args)
        current = store.load(profile.id)  # the file as it is now; the Store refuses stale saves
        store.save(record_attempt(current, question.id, text, result, rating=args.rating))
    if args.json:
        data = result.to_dict()
        if args.audio is not None:
            data |= {"transcript": text}
        print(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))
    else:
        print(checklist(profile, question, result, transcript=text if args.audio else None))
    if args.save:
        print(f"prep: saved the attempt on question {args.question}", file=sys.stderr)
    return 0


def read_answer(name: str) -> str:
    """The answer in file ``name`` ('-': standard input) as text; one clear error otherwise."""
    label = "standard input" if name == "-" else name
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_ANSWER_BYTES + 1)
        else:
            with open(Path(name).expanduser(), "rb") as handle:
                data = handle.read(MAX_ANSWER_BYTES + 1)
    except OSError as error:
        raise PrepError(f"cannot read {label}: {error.strerror or error}") from error
    if b"\x00" in data:
        raise PrepError(f"{label} is a binary file, not text: give the answer as UTF-8 text")
    if len(data) > MAX_ANSWER_BYTES:
        raise PrepError(f"{label} is too long for an answer (over {MAX_TEXT:,} characters)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PrepError(
            f"{label} is not UTF-8 text (byte {error.start + 1}): save it as UTF-8"
        ) from None
    if len(text) > MAX_TEXT:
        raise PrepError(f"{label} is too long for an answer (over {MAX_TEXT:,} characters)")
    return text


def checklist(
    profile: Profile, question: Question, result: Feedback, *, transcript: str | None = None
) -> str:
    """The feedback as a readable checklist: a line per check, then the details."""
    number = profile.prep.questions.index(question) + 1
    lines = [f"Question {number}: {question.text}"]
    if transcript is not None:
        lines += ["", f"Transcript: {transcript.strip() or '(nothing heard)'}"]
    lines.append("")
    if not result.checks:
        return "\n".join([*lines, *(note[0].upper() + note[1:] for note in result.notes)])
    lines += [f"{'✓' if c.passed else '✗'} {c.name}: {c.message}" for c in result.checks]
    lines += [f"Note: {note}" for note in result.notes]
    lines.append("")
    if result.terms_used:
        lines.append(f"Terms used: {'; '.join(result.terms_used)}")  # a term may hold a comma
    if result.terms_missed:
        more = len(result.terms_missed) - 8
        shown = "; ".join(result.terms_missed[:8]) + (f" (and {more} more)" if more > 0 else "")
        lines.append(f"Terms missed: {shown}")
    for point in result.points_covered:
        lines.append(f"  {'✓' if point['covered'] else '✗'} drafted: {point['point']}")
    if result.star is not None:
        parts = " ".join(f"{part} {'✓' if ok else '✗'}" for part, ok in result.star.items())
        lines.append(f"STAR: {parts}")
    pace = f", {result.wpm:g} words a minute" if result.wpm is not None else ""
    took = f", {result.seconds:g} s" if result.spoken and result.seconds else ""
    if not result.spoken:
        took = f", about {result.seconds:.0f} s said aloud"
        if result.clock_seconds:
            took += f"; {result.clock_seconds:.0f} s on the clock (thinking and typing)"
    lines.append(f"Length: {result.words} words{took}{pace}")
    if result.delivery is not None:
        lines += [f"Delivery: {line}" for line in result.delivery.summary()]
    if result.top_words:
        lines.append("Most-used words: " + ", ".join(f"{w} ({n})" for w, n in result.top_words))
    verdict = "weak" if result.weak else "not weak"
    failed = len(result.failed)
    rating = f", rated {result.rating}/5" if result.rating is not None else ""
    lines.append(f"This attempt: {verdict} ({failed} check{'s' * (failed != 1)} failed{rating})")
    if result.follow_up is not None:
        lines.append(f"Follow-up ({result.follow_up.kind}): {result.follow_up.text}")
    return "\n".join(lines)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= MAX_SECONDS:  # also refuses nan
        raise argparse.ArgumentTypeError(f"seconds must be from 0 to {MAX_SECONDS}")
    if 0 < value < MIN_SECONDS:  # no pace can come of it: 5e-324 s divided by zero
        raise argparse.ArgumentTypeError(
            f"seconds must be 0 (not timed) or from {MIN_SECONDS:g} to {MAX_SECONDS}"
        )
    return value
