"""How fast the plan and the calendar export are, on the sample and a ten-times-larger profile.

Run: ``python benchmarks/bench_plan.py [--repeat N]``. Prints, for the sample and for the profile
ten times larger (``tests.builders.large_profile``: 200 questions, 100 news items), each given
ten rounds (timed, in three time zones, and all-day) and the next one 14 days away:
``prep_core.plan.plan`` and the ``ics`` export (``prep_core.export(profile, "ics")``), median,
min and max per call in a warm process (target: at most 20 ms each on the ten-times profile).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from prep_core import export, read_markdown  # noqa: E402
from prep_core.insight import Insight  # noqa: E402
from prep_core.model import Profile, Round  # noqa: E402
from tests.builders import large_profile  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "netflix.md"
NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
ZONES = ("Europe/London", "America/New_York", "Asia/Tokyo")
TARGET_MS = 20.0


def with_rounds(profile: Profile) -> Profile:
    profile.rounds = [
        Round(
            day=date(2026, 12, 15) + timedelta(days=3 * n),
            start_time=None if n % 4 == 3 else clock(10 + n % 6),
            timezone=ZONES[n % 3],
            kind=("recruiter_screen", "technical", "system_design", "behavioral", "onsite")[n % 5],
            interviewers=[{"name": f"Interviewer {n}, Jr.", "role": "Engineer; ML"}],
        )
        for n in range(10)
    ]
    return profile


def measure(fn, repeat: int) -> list[float]:
    fn()  # warm up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=101)
    args = parser.parse_args()
    sample = with_rounds(read_markdown(SAMPLE.read_text(encoding="utf-8")))
    large = with_rounds(large_profile(read_markdown(SAMPLE.read_text(encoding="utf-8"))))
    print(f"{'profile':<10} {'what':<6} {'median':>9} {'min':>9} {'max':>9}  target")
    for name, profile in (("sample", sample), ("10x", large)):
        for what, fn in (
            ("plan", lambda p=profile: Insight.of(p, now=NOW).plan),  # coverage included
            ("ics", lambda p=profile: export(p, "ics", now=NOW)),
        ):
            times = measure(fn, args.repeat)
            median = statistics.median(times)
            verdict = "ok" if median <= TARGET_MS else "OVER"
            print(
                f"{name:<10} {what:<6} {median:>7.2f}ms {min(times):>7.2f}ms "
                f"{max(times):>7.2f}ms  <= {TARGET_MS:g} ms {verdict}"
            )


if __name__ == "__main__":
    main()
