"""How long building a drill session takes, with a long review log.

Run: ``python benchmarks/bench_drill.py [--repeat N] [--reviews N]``. For the profile ten times
larger (``tests.builders.large_profile``, one round ten days ahead) with ``--reviews`` reviews
(5,000 by default) recorded over the past months, prints the median, min and max of:

* the session after a rating, as the Drill page builds it: ``drill.session`` with the deck the
  sitting started with (the scheduler state rebuilt from the log, every card's predicted recall
  at the round's start, the order); target at most 50 ms;
* the session from nothing, the deck built too (what ``prep drill`` and the page's first draw
  do);
* the deck alone (``drill.deck``) and the log's replay alone (``drill.memories``), to show
  where the time goes.

The log keeps its last ``MAX_REVIEWS`` reviews as made; older ones are folded into each card's
state (``drill.compact``), so the replay is bounded whatever the number of reviews.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep_core import drill, read_markdown  # noqa: E402
from prep_core.model import MAX_REVIEWS, Profile, Review, Round  # noqa: E402
from tests.builders import large_profile  # noqa: E402

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def drilled_profile(reviews: int) -> Profile:
    """The ten-times profile with one round ahead and ``reviews`` reviews in its log."""
    sample = read_markdown((ROOT / "data" / "samples" / "netflix.md").read_text("utf-8"))
    profile = large_profile(sample)
    profile.rounds = [Round(day=date(2026, 12, 7), timezone="Europe/Berlin")]
    cards = [card.id for card in drill.deck(profile, now=NOW)]
    start = NOW - timedelta(days=180)
    step = timedelta(days=180) / reviews
    log = [
        Review(card=cards[n % len(cards)], rating=1 + (n * 7) % 4, time=start + n * step)
        for n in range(reviews)
    ]
    profile.drill = drill.compact(log)
    return Profile.model_validate_json(profile.model_dump_json())  # as read from disk


def timings(run: Callable[[], object], repeat: int) -> list[float]:
    run()  # warm: imports, caches
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        out.append((time.perf_counter() - started) * 1000)
    return out


def show(label: str, ms: list[float]) -> None:
    print(
        f"  {label:<34} median {statistics.median(ms):6.1f} ms"
        f"   min {min(ms):6.1f}   max {max(ms):6.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=31)
    parser.add_argument("--reviews", type=int, default=5_000)
    args = parser.parse_args()
    profile = drilled_profile(args.reviews)
    cards = len(drill.deck(profile, now=NOW))
    print(
        f"ten-times profile: {cards} cards, {args.reviews:,} reviews recorded "
        f"({len(profile.drill.reviews):,} kept as made, the last MAX_REVIEWS = {MAX_REVIEWS:,}; "
        f"{len(profile.drill.memory):,} cards' state folded)"
    )
    session = drill.session(profile, now=NOW)
    print(
        f"  session: {len(session.cards)} cards, recall at the round {session.recall_at_round:.1%}"
    )
    deck = drill.deck(profile, now=NOW)
    show(
        "session (target <= 50 ms)",
        timings(lambda: drill.session(profile, now=NOW, cards=deck), args.repeat),
    )
    show("session from nothing", timings(lambda: drill.session(profile, now=NOW), args.repeat))
    show("  the deck alone", timings(lambda: drill.deck(profile, now=NOW), args.repeat))
    show("  the log's replay alone", timings(lambda: drill.memories(profile.drill), args.repeat))


if __name__ == "__main__":
    main()
