"""How long the Anki export takes, next to a bare genanki script writing as many notes.

Run: ``python benchmarks/bench_anki.py [--repeat N]``. Prints the median time to build the
sample's deck in-process, the median time of the bare genanki baseline (one plain model, one
deck, the same number of notes, written with ``Package.write_to_file``), and their ratio; then
the same for the profile ten times larger (``tests.builders.large_profile``).
"""

from __future__ import annotations

import argparse
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
from prep_core.writers import anki  # noqa: E402
from prep_core.writers.anki_cards import build_cards  # noqa: E402
from tests.builders import large_profile  # noqa: E402

NOW = datetime(2026, 11, 27, 14, 2, 11, tzinfo=UTC)
PLAIN_MODEL = genanki.Model(
    1_500_000_001,
    "Bench plain",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr>{{Back}}"}],
)


def bare_genanki(count: int, folder: Path) -> Callable[[], bytes]:
    """The baseline: what a minimal genanki script does for ``count`` notes."""

    def run() -> bytes:
        deck = genanki.Deck(1_500_000_002, "Bench")
        for i in range(count):
            deck.add_note(genanki.Note(model=PLAIN_MODEL, fields=[f"Question {i}", f"Answer {i}"]))
        path = folder / "bare.apkg"
        genanki.Package(deck).write_to_file(path, timestamp=NOW.timestamp())
        return path.read_bytes()

    return run


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compare(label: str, profile, repeat: int, folder: Path) -> None:
    count = len(build_cards(profile))
    ours = median_seconds(lambda: anki.write(profile, now=NOW), repeat)
    bare = median_seconds(bare_genanki(count, folder), repeat)
    print(f"{label}: {count} notes")
    print(f"  prep export (build_cards + package, in memory): {ours * 1000:8.2f} ms median")
    print(f"  bare genanki, one plain model, same notes:      {bare * 1000:8.2f} ms median")
    print(f"  ratio ours / bare: {ours / bare:.2f} (target <= 1.3)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=51, help="timed runs per figure")
    args = parser.parse_args()
    sample = read_markdown((ROOT / "data" / "samples" / "netflix.md").read_text("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        # genanki's write_to_file leaves its temporary database in the temp folder: keep it in ours.
        tempfile.tempdir = tmp
        try:
            compare("sample (netflix.md)", sample, args.repeat, Path(tmp))
            compare("large profile (10x)", large_profile(sample), args.repeat, Path(tmp))
        finally:
            tempfile.tempdir = None


if __name__ == "__main__":
    main()
