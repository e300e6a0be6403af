"""Core timings on the sample profile: Markdown read and write, a store save+load, CLI start-up.

Run from the repository root with the venv active:

    python benchmarks/bench_core.py [--repeat 200] [--runs 7]

In-process figures are per call in a warm process (after one untimed call); the CLI figures are
whole-process wall times of fresh ``python -m prep_core`` runs, start-up included.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "netflix.md"
sys.path.insert(0, str(ROOT))


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Seconds per call of ``action``, ``repeat`` times, after one warm-up call."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def in_process(repeat: int) -> list[tuple[str, list[float]]]:
    from prep_core import read_markdown, write_markdown
    from prep_core.store import Store

    text = SAMPLE.read_text(encoding="utf-8")
    profile = read_markdown(text)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder))
        current = [store.create(profile)]

        def save_and_load() -> None:
            saved = store.save(current[0])
            current[0] = store.load(saved.id)

        return [
            ("read_markdown(sample)", timed(lambda: read_markdown(text), repeat)),
            ("write_markdown(sample)", timed(lambda: write_markdown(profile), repeat)),
            ("Store save + load (JSON)", timed(save_and_load, repeat)),
        ]


def whole_process(runs: int) -> list[tuple[str, list[float]]]:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "netflix.md"
        export = ["export", str(SAMPLE), "--to", "md", "-o", str(target)]
        commands = {"prep --help": ["--help"], "prep export sample --to md -o TMP": export}
        data_dir = Path(folder) / "data"  # never the checkout's data/
        return [
            (label, timed(lambda argv=argv: _prep(argv, data_dir), runs))
            for label, argv in commands.items()
        ]


def _prep(argv: list[str], data_dir: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "prep_core", "--data-dir", str(data_dir), *argv],
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )


def table(title: str, rows: list[tuple[str, list[float]]]) -> str:
    """A plain-text table of median, min and max in milliseconds."""
    lines = [title, f"  {'what':<36}{'median ms':>11}{'min ms':>10}{'max ms':>10}{'runs':>6}"]
    for label, times in rows:
        ms = [t * 1000 for t in times]
        median, low, high = statistics.median(ms), min(ms), max(ms)
        lines.append(f"  {label:<36}{median:>11.3f}{low:>10.3f}{high:>10.3f}{len(ms):>6}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="calls per in-process figure")
    parser.add_argument("--runs", type=int, default=7, help="processes per whole-process figure")
    args = parser.parse_args()
    size = SAMPLE.stat().st_size
    print(f"sample: {SAMPLE.relative_to(ROOT)} ({size} bytes), Python {sys.version.split()[0]}")
    print(table("in a warm process", in_process(args.repeat)))
    print(table("whole process (python -m prep_core)", whole_process(args.runs)))


if __name__ == "__main__":
    main()
