"""``prep drill``: the drill session (the cards to review now), or one review recorded.

Thin: the session and the schedule are ``prep_core.drill``. ``--review CARD_ID --rating 1..4``
records a review in the profile (for scripts and tests); a card id that no card has, or a rating
out of range, is one line and exit 2, and the profile is left as it was.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from prep_core.cli._common import load_profile, open_store, profile_argument, story_bank, table
from prep_core.errors import PrepError


def configure_drill(parser: argparse.ArgumentParser) -> None:
    profile_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the session as JSON")
    parser.add_argument(
        "--review", metavar="CARD_ID", help="record a review of this card (ids: `prep drill`)"
    )
    parser.add_argument(
        "--rating", metavar="1..4", help="with --review: 1 Again, 2 Hard, 3 Good, 4 Easy"
    )


def run_drill(args: argparse.Namespace) -> int:
    """List the session; with ``--review`` record one review and save the profile."""
    from prep_core import drill

    now = datetime.now().astimezone()  # the local day: "how it moved today"
    if args.review is None and args.rating is None:
        profile = load_profile(args)
        session = drill.session(profile, now=now, stories=story_bank(args))
        if args.json:
            print(json.dumps(session.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
        else:
            print(describe(profile.title, session))
        return 0
    if args.review is None or args.rating is None:
        raise PrepError("--review CARD_ID and --rating 1..4 go together")
    rating = _rating(args.rating)
    if Path(args.profile).expanduser().is_file():
        raise PrepError(
            f"--review keeps the review in a profile of the data folder; "
            f"import {args.profile} first (prep import {args.profile})"
        )
    store = open_store(args)
    profile = store.load(args.profile)  # a review is kept: only a profile of the data folder
    cards = drill.deck(profile, now=now, stories=story_bank(args))
    updated = drill.record(profile, args.review, rating, now=now, cards=cards)
    store.save(updated)
    session = drill.session(updated, now=now, cards=cards)
    label = drill.RATINGS[rating]
    if args.json:
        print(json.dumps(session.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
    print(f"prep: recorded {label} for {args.review}", file=sys.stderr)
    return 0


def _rating(text: str) -> int:
    from prep_core.drill import RATINGS, BadReview

    if text.strip() not in {str(n) for n in RATINGS}:
        raise BadReview(f"--rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {text!r}")
    return int(text)


def describe(title: str, session) -> str:
    """The session as text: the figure, then one line per card."""
    lines = [title]
    if session.recall_at_round is None:
        lines.append(session.note)
    else:
        start = session.round_start
        moved = session.moved_today or 0.0
        lines.append(
            f"Predicted recall at the round ({start:%a %d %b %H:%M %Z}): "
            f"{session.recall_at_round:.0%} ({moved:+.0%} today)"
        )
        lines.append(session.note)
    if not session.cards:
        lines.append("Nothing to drill now.")
        return "\n".join(lines)
    lines.append(f"Drill {len(session.cards)} cards, {session.minutes} min:")
    rows = [("ID", "DUE", "RECALL", "FRONT")]
    for item in session.cards:
        front = item.card.front.split("\n")[0]
        rows.append(
            (
                item.id,
                f"{item.due:%Y-%m-%d}" if item.due else "new",
                "-" if item.recall_at_round is None else f"{item.recall_at_round:.0%}",
                front if len(front) <= 60 else front[:59] + "…",
            )
        )
    lines.append(table(rows))
    return "\n".join(lines)
