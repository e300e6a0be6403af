"""How long the Word export takes, next to pandoc converting the same sample to .docx.

Run: ``python benchmarks/bench_docx.py [--repeat N] [--runs N]``. Prints
- the median in-process time to build the sample's dossier and cheat sheet;
- the median whole-process time of ``pandoc data/samples/netflix.md -o <tmp>.docx`` and of our
  own CLI doing the same (``python -m prep_core export ... --to docx``), and the ratio of the
  in-process dossier time to pandoc's (target <= 0.5);
- build times for ``scaled_profile(sample, f)`` at f = 1, 5, 10, per item and per added item,
  which stay flat when the cost grows linearly; and the time per hyperlink for 200 and 2,000
  sources with distinct URLs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep_core import read_markdown  # noqa: E402
from prep_core.model import Profile, Source  # noqa: E402
from tests.builders import scaled_profile  # noqa: E402
from tests.builders import write_docx as write  # noqa: E402  (export: its Insight + the writer)

NOW = datetime(2026, 11, 27, 14, 2, 11, tzinfo=UTC)
SAMPLE = ROOT / "data" / "samples" / "netflix.md"
FACTORS = (1, 5, 10)


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_process_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def item_count(profile: Profile) -> int:
    """Entries that scale with the profile: rows, questions, news, sources and list items."""
    prep = profile.prep
    return (
        len(profile.news)
        + len(profile.sources)
        + len(profile.culture_fit)
        + len(prep.skill_map)
        + len(prep.questions)
        + len(prep.talking_points)
        + len(prep.keywords)
        + len(prep.questions_to_ask)
    )


def in_process(sample: Profile, repeat: int) -> float:
    dossier = median_seconds(lambda: write(sample, now=NOW), repeat)
    cheatsheet = median_seconds(lambda: write(sample, now=NOW, variant="cheatsheet"), repeat)
    print(f"sample dossier, in process:     {dossier * 1000:8.2f} ms median of {repeat}")
    print(f"sample cheat sheet, in process: {cheatsheet * 1000:8.2f} ms median of {repeat}")
    return dossier


def whole_process(dossier: float, runs: int, folder: Path) -> None:
    pandoc = shutil.which("pandoc")
    command = [
        sys.executable,
        "-m",
        "prep_core",
        "export",
        str(SAMPLE),
        "--to",
        "docx",
        "-o",
        str(folder / "ours.docx"),
    ]
    try:
        ours = median_process_seconds(command, runs)
        print(f"prep export --to docx, whole process: {ours * 1000:8.2f} ms median of {runs}")
    except subprocess.CalledProcessError as error:
        last = (error.stderr or b"").decode(errors="replace").strip().splitlines()[-1:]
        print(f"prep export --to docx failed, no figure: {' '.join(last)}")
    if not pandoc:
        print("pandoc is missing (apt-get install -y pandoc): no baseline figure")
        return
    theirs = median_process_seconds([pandoc, str(SAMPLE), "-o", str(folder / "pandoc.docx")], runs)
    print(f"pandoc netflix.md -o x.docx, whole process: {theirs * 1000:8.2f} ms median of {runs}")
    print(f"ratio dossier in process / pandoc process: {dossier / theirs:.2f} (target <= 0.5)")


def growth(sample: Profile, repeat: int) -> None:
    print("growth (dossier):  factor  items   time ms   us/item   us/added item")
    first = None
    for factor in FACTORS:
        profile = scaled_profile(sample, factor)
        items = item_count(profile)
        seconds = median_seconds(lambda p=profile: write(p, now=NOW), max(11, repeat // factor))
        added = ""
        if first is None:
            first = (items, seconds)
        else:
            added = f"{(seconds - first[1]) / (items - first[0]) * 1e6:12.1f}"
        print(f"{factor:24d} {items:6d} {seconds * 1000:9.2f} {seconds / items * 1e6:9.1f} {added}")


def links(repeat: int) -> None:
    """Sources with distinct URLs: each is a relationship, which must not cost more per link
    as the document grows."""
    print("links (dossier):   sources   time ms   us/link")
    for count in (200, 2000):
        sources = [Source(title=f"Page {i}", url=f"https://example.com/{i}") for i in range(count)]
        profile = Profile(company="Links", sources=sources)
        seconds = median_seconds(lambda p=profile: write(p, now=NOW), max(5, repeat // 10))
        print(f"{count:25d} {seconds * 1000:9.2f} {seconds / count * 1e6:9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=31, help="timed in-process builds per figure")
    parser.add_argument("--runs", type=int, default=7, help="timed processes per figure")
    args = parser.parse_args()
    sample = read_markdown(SAMPLE.read_text("utf-8"))
    dossier = in_process(sample, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        whole_process(dossier, args.runs, Path(tmp))
    growth(sample, args.repeat)
    links(args.repeat)


if __name__ == "__main__":
    main()
