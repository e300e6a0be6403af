"""``prep thanks``: one thank-you note per interviewer of a round, from its debrief."""

from __future__ import annotations

import argparse

from prep_core.cli._common import load_profile, profile_argument, round_argument


def run_thanks(args: argparse.Namespace) -> int:
    """Print the thank-you notes of a round: the ones kept on the Debrief page, else drafts.

    The round is ``--round N`` (from 1, in time order), else the latest one that has started,
    else the next one. JSON: a list of ``{"interviewer", "text"}``.
    """
    from datetime import datetime

    from prep_core.debrief import thank_you_notes
    from prep_core.rounds import last_started_round

    profile = load_profile(args)
    now = datetime.now().astimezone()
    item = last_started_round(profile, args.round, now)
    notes = thank_you_notes(profile, item)
    if args.json:
        import json

        print(json.dumps([n.to_dict() for n in notes], indent=2, ensure_ascii=False))
        return 0
    for n, note in enumerate(notes):
        if n:
            print()
        print(f"--- To {note.interviewer or '[Name]'} ({item.label}, {item.day.isoformat()}) ---")
        print(note.text)
    return 0


def configure_thanks(parser: argparse.ArgumentParser) -> None:
    profile_argument(parser)
    round_argument(parser, "the round (default: the latest that has started)")
    parser.add_argument("--json", action="store_true", help='a list of {"interviewer", "text"}')
