"""How fast the posting's requirements and the coverage matrix are.

Run: ``python benchmarks/bench_coverage.py [--repeat N]``. Prints, per call in a warm process
(median, min, max): ``posting.requirements`` on a 1,500-word posting (the test postings'
sections, reworded and repeated), ``coverage.coverage`` of those requirements against the
profile ten times larger than the sample (``tests.builders.large_profile``: 200 questions with
drafted answers, 100 skills rows) and 100 stories, and the two together (target: at most 50 ms).
Then the hostile postings of ``tests/hostile_postings.py`` (one 20,000-character line, 5,000
bullets, 200 KB of HTML, 99,000 spaces, "R " to the field's limit, a bullet naming 3,000 tools
...): each read by ``posting.read``, wall and CPU time (target: at most 200 ms each).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep_core import read_markdown  # noqa: E402
from prep_core.coverage import coverage  # noqa: E402
from prep_core.model import Story  # noqa: E402
from prep_core.posting import read, requirements  # noqa: E402
from tests.builders import large_profile  # noqa: E402
from tests.hostile_postings import hostile  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "netflix.md"
POSTINGS = ROOT / "tests" / "postings"
TARGET_MS = 50
HOSTILE_TARGET_MS = 200


def posting_of(words: int) -> str:
    """A posting of about ``words`` words: the English test postings' sections, each copy's
    bullets numbered so that no two rows are the same."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(POSTINGS.glob("*.md"))]
    parts = [p for p in parts if "Was du mitbringst" not in p]
    out, copy = [], 0
    while sum(len(p.split()) for p in out) < words:
        for part in parts:
            lines = [
                f"{line} (team {copy})" if line.lstrip().startswith(("-", "•", "*")) else line
                for line in part.splitlines()
            ]
            out.append("\n".join(lines))
        copy += 1
    kept, count = [], 0
    for line in "\n\n".join(out).split("\n"):
        if count >= words:
            break
        kept.append(line)
        count += len(line.split())
    return "\n".join(kept)


def stories(count: int) -> list[Story]:
    topics = ["Kubernetes", "PyTorch", "Spark", "AWS", "statistics", "A/B tests", "Go", "Figma"]
    return [
        Story(
            title=f"Story {n}: {topics[n % len(topics)]} at scale",
            situation=f"Our {topics[n % len(topics)]} jobs were slow and costly.",
            task="Make them fast enough for daily research.",
            action=f"I profiled the jobs, moved them to {topics[(n + 1) % len(topics)]} and "
            "wrote the runbook.",
            result=f"{20 + n % 50}% faster, half the cost.",
            tags=[topics[n % len(topics)]],
        )
        for n in range(count)
    ]


def per_call(fn, repeat: int) -> tuple[float, float, float, float]:
    """Wall time per call (median, min, max) and the median CPU time (what a machine shared
    with other work cannot inflate)."""
    fn()  # warm: imports and caches of term patterns
    times, cpu = [], []
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return statistics.median(times), min(times), max(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=31)
    args = parser.parse_args()
    text = posting_of(1_500)
    profile = large_profile(read_markdown(SAMPLE.read_text(encoding="utf-8")))
    for question in profile.prep.questions:  # every question drafted: the most to search
        question.answer = question.answer or f"{question.text} I used PyTorch on AWS."
    bank = stories(100)
    rows = requirements(text)
    profile.requirements = rows
    print(
        f"posting: {len(text.split()):,} words, {len(rows)} requirements; profile: "
        f"{len(profile.prep.questions)} questions, {len(profile.prep.skill_map)} skills rows; "
        f"{len(bank)} stories"
    )

    def both() -> None:
        profile.requirements = requirements(text)
        coverage(profile, bank)

    for name, fn in (
        ("requirements(posting)", lambda: requirements(text)),
        ("coverage(profile, stories)", lambda: coverage(profile, bank)),
        ("both", both),
    ):
        median, low, high, cpu = per_call(fn, args.repeat)
        print(
            f"{name:28} median {median * 1000:7.1f} ms  min {low * 1000:7.1f}  "
            f"max {high * 1000:7.1f}  cpu {cpu * 1000:6.1f}"
            + (f"   (target <= {TARGET_MS} ms)" if name == "both" else "")
        )
    print(f"hostile postings, per read (best of 3; target <= {HOSTILE_TARGET_MS} ms):")
    for name, posting in hostile().items():
        wall, cpu = hostile_times(posting)
        reading = read(posting)
        print(
            f"  {name:30} {len(posting):>8,} chars  wall {wall * 1000:6.1f} ms  "
            f"cpu {cpu * 1000:6.1f} ms  {len(reading.requirements):>4} rows"
        )


def hostile_times(posting: str) -> tuple[float, float]:
    """The best wall and CPU time of three reads (CPU time is what a shared machine can't
    inflate)."""
    walls, cpus = [], []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        read(posting)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


if __name__ == "__main__":
    main()
