"""How long the Anki export takes, next to a bare genanki script writing as many notes.

Run: ``python benchmarks/bench_anki.py [--repeat N]``. For the sample, then for the profile ten
times larger (``tests.builders.large_profile``), prints the median time of:

* ours: ``export(profile, "apkg")`` (its Insight, choosing the cards, escaping, packing, zipping);
* bare: a minimal genanki script, one plain model, one deck, the same number of short notes,
  written with ``Package.write_to_file`` (what the target ratio <= 1.3 is measured against);
* bare in memory: the same notes through genanki's ``write_to_db`` into an in-memory database,
  with no file and no zip: a stricter, CPU-only floor, printed for honesty.

Runs alternate (ours, bare, bare in memory, ...), so a busy machine slows all of them alike, and
each ratio is the median of the per-round ratios.
"""

from __future__ import annotations

import argparse
import itertools
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import genanki

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep_core import read_markdown  # noqa: E402
from prep_core.formats import export  # noqa: E402
from prep_core.model import Profile  # noqa: E402
from tests.builders import cards_of, large_profile  # noqa: E402

NOW = datetime(2026, 11, 27, 14, 2, 11, tzinfo=UTC)
PLAIN_MODEL = genanki.Model(
    1_500_000_001,
    "Bench plain",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"}],
)


def plain_package(count: int) -> genanki.Package:
    deck = genanki.Deck(1_500_000_002, "Bench")
    for i in range(count):
        deck.add_note(genanki.Note(model=PLAIN_MODEL, fields=[f"Question {i}", f"Answer {i}"]))
    return genanki.Package(deck)


def bare_to_file(count: int, folder: Path) -> Callable[[], object]:
    """The baseline: what a minimal genanki script does for ``count`` notes."""
    path = folder / "bare.apkg"
    return lambda: plain_package(count).write_to_file(path, timestamp=NOW.timestamp())


def bare_in_memory(count: int) -> Callable[[], object]:
    def run() -> bytes:
        with sqlite3.connect(":memory:") as conn:
            ids = itertools.count(int(NOW.timestamp() * 1000))
            plain_package(count).write_to_db(conn.cursor(), NOW.timestamp(), ids)
            data = conn.serialize()
        conn.close()
        return data

    return run


def rounds(runners: list[Callable[[], object]], repeat: int) -> list[list[float]]:
    """Seconds per runner per round; the runners take turns within each round."""
    for run in runners:
        run()  # warm-up: imports, caches
    times: list[list[float]] = [[] for _ in runners]
    for _ in range(repeat):
        for run, sink in zip(runners, times, strict=True):
            start = time.perf_counter()
            run()
            sink.append(time.perf_counter() - start)
    return times


def compare(label: str, profile: Profile, repeat: int, folder: Path) -> None:
    count = len(cards_of(profile))
    ours, bare, floor = rounds(
        [
            lambda: export(profile, "apkg", now=NOW),
            bare_to_file(count, folder),
            bare_in_memory(count),
        ],
        repeat,
    )
    print(f"{label}: {count} notes, median of {repeat} rounds")
    print(f"  ours (export apkg, bytes in memory): {statistics.median(ours) * 1000:8.2f} ms")
    print(f"  bare genanki script, write_to_file:  {statistics.median(bare) * 1000:8.2f} ms")
    print(f"  bare genanki, in-memory write_to_db: {statistics.median(floor) * 1000:8.2f} ms")
    print(f"  ratio ours / bare script:    {_median_ratio(ours, bare):.2f}  (target <= 1.3)")
    print(f"  ratio ours / bare in memory: {_median_ratio(ours, floor):.2f}")


def _median_ratio(top: list[float], bottom: list[float]) -> float:
    return statistics.median(a / b for a, b in zip(top, bottom, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=51, help="timed rounds per profile")
    args = parser.parse_args()
    sample = read_markdown((ROOT / "data" / "samples" / "netflix.md").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        # genanki's write_to_file leaves its temporary database in the temp folder: use ours.
        tempfile.tempdir = tmp
        try:
            compare("sample (netflix.md)", sample, args.repeat, Path(tmp))
            compare("large profile (10x)", large_profile(sample), args.repeat, Path(tmp))
        finally:
            tempfile.tempdir = None


if __name__ == "__main__":
    main()
