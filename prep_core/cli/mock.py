"""``prep mock``: the questions of a mock round for a round kind, in the order to ask them.

Thin: the choice is ``prep_core.mock``. The round is answered on the Practice page's *Mock round*
tab (one question at a time, with a timer and a follow-up) or question by question with
``prep practice``. ``--json`` prints ``{"kind", "seed", "questions": [{"id", "text", "why"}]}``.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from collections.abc import Callable

from prep_core.cli._common import load_profile, profile_argument, story_bank

MAX_COUNT = 20  # mock.MAX_COUNT, restated: importing the model (pydantic) slows --help
MAX_SEED = 2**32


def configure_mock(parser: argparse.ArgumentParser) -> None:
    profile_argument(parser)
    parser.add_argument(
        "--kind",
        required=True,
        metavar="KIND",
        help="the round's kind: recruiter_screen, technical, system_design, behavioral, onsite, "
        "interview, other, or next (the kind of the profile's next round)",
    )
    parser.add_argument(
        "--count",
        type=_bounded("count", 1, MAX_COUNT),
        default=3,
        metavar="N",
        help=f"how many questions (1 to {MAX_COUNT}; default 3)",
    )
    parser.add_argument(
        "--seed",
        type=_bounded("seed", 0, MAX_SEED),
        metavar="S",
        help="the same seed gives the same round (default: a new one, printed)",
    )
    parser.add_argument("--json", action="store_true", help="print the round as JSON")


def run_mock(args: argparse.Namespace) -> int:
    from prep_core.mock import plan_round, round_kind

    kind = round_kind(args.kind)  # an unknown kind is refused before the profile is read
    profile = load_profile(args)
    seed = args.seed if args.seed is not None else secrets.randbelow(MAX_SEED)
    plan = plan_round(profile, kind, count=args.count, seed=seed, stories=story_bank(args))
    for note in plan.notes:
        print(f"prep: note: {note}", file=sys.stderr)
    if args.json:
        print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
        return 0
    from prep_core.model import ROUND_KIND_LABELS

    count = len(plan.questions)
    print(
        f"{profile.title}: a {ROUND_KIND_LABELS[plan.kind].lower()} mock round, "
        f"{count} question{'s' * (count != 1)} (seed {plan.seed})"
    )
    for n, question in enumerate(plan.questions, 1):
        print(f"{n}. {question.text}")
        print(f"   why: {question.why}")
    return 0


def _bounded(name: str, low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} must be from {low} to {high}")
        return value

    return parse
