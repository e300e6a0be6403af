"""A whole ``prep export --to docx`` process next to a whole ``pandoc`` process on the sample.

Run: ``python benchmarks/bench_cli.py [--runs N]``. Prints the median and the fastest wall time
of ``pandoc data/samples/netflix.md -o <tmp>.docx`` and of
``python -m prep_core export data/samples/netflix.md --to docx -o <tmp>`` (what ``prep export``
runs), and the ratio (target <= 3). Ours runs twice: with Python's bytecode cache, as a user's
machine runs it, and from a copy of ``prep_core`` that has none, under
``PYTHONDONTWRITEBYTECODE=1`` (as some sandboxes and CI run it: each of our modules is compiled
again in every process; installed libraries keep theirs). Then the start-up parts: a bare
interpreter and fresh processes importing the model, python-docx, markdown-it and the Word
writer.

The commands take turns, run after run, so that a busy machine slows them alike. Each figure is
printed twice: wall time, and CPU time (user + sys of the process, from ``getrusage``), which a
machine busy with other work barely changes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "netflix.md"
CACHED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
UNCACHED = CACHED | {"PYTHONDONTWRITEBYTECODE": "1"}
IMPORTS = {
    "python -c pass": "pass",
    "import prep_core.model (pydantic)": "import prep_core.model",
    "import docx": "import docx",
    "import markdown_it": "import markdown_it",
    "import prep_core.writers.docx": "import prep_core.writers.docx",
}

Job = tuple[list[str], dict[str, str], Path]  # command, environment, working folder


def timings(jobs: dict[str, Job], runs: int) -> dict[str, tuple[list[float], list[float]]]:
    """Milliseconds per run of each job, wall and CPU, the jobs taking turns; one untimed round
    first (it warms the file cache and writes the bytecode cache where that is allowed)."""
    found: dict[str, tuple[list[float], list[float]]] = {label: ([], []) for label in jobs}
    for round_ in range(runs + 1):
        for label, (command, env, cwd) in jobs.items():
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=cwd, env=env)
            if round_:
                found[label][0].append((time.perf_counter() - start) * 1000)
                found[label][1].append((_children_cpu() - before) * 1000)
    return found


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed processes per figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours = [sys.executable, "-m", "prep_core", "--data-dir", str(folder / "data")]
        ours += ["export", str(SAMPLE), "--to", "docx", "-o", str(folder / "ours.docx")]
        bare = folder / "no-bytecode"  # prep_core without __pycache__, and it never gets one
        shutil.copytree(
            ROOT / "prep_core", bare / "prep_core", ignore=shutil.ignore_patterns("__pycache__")
        )
        cached, uncached = CACHED | {"PYTHONPATH": str(ROOT)}, UNCACHED | {"PYTHONPATH": str(bare)}
        jobs: dict[str, Job] = {
            "prep export --to docx (bytecode cache)": (ours, cached, ROOT),
            "prep export --to docx (no bytecode cache)": (ours, uncached, bare),
        }
        pandoc = shutil.which("pandoc")
        if pandoc:
            command = [pandoc, str(SAMPLE), "-o", str(folder / "y.docx")]
            jobs["pandoc netflix.md -o y.docx"] = (command, CACHED, ROOT)
        else:
            print("pandoc is missing (apt-get install -y pandoc): no ratio")
        found = timings(jobs, args.runs)
    print(f"whole processes, {args.runs} runs each: median and fastest ms, ratio to pandoc")
    base = found.get("pandoc netflix.md -o y.docx")
    for n, clock in enumerate(("wall", "CPU")):
        for label, times in found.items():
            ms = times[n]
            ratio = ""
            if base:
                by_median = statistics.median(ms) / statistics.median(base[n])
                ratio = f"{by_median:8.2f} / {min(ms) / min(base[n]):.2f}"
            name = f"{label} ({clock})"
            print(f"  {name:<52}{statistics.median(ms):9.1f}{min(ms):10.1f}   {ratio}")
    print("  (ratio: of the medians / of the fastest runs; target <= 3)")
    print("start-up, fresh processes with bytecode cache: median and fastest ms, wall | CPU")
    env = CACHED | {"PYTHONPATH": str(ROOT)}
    parts = {label: ([sys.executable, "-c", code], env, ROOT) for label, code in IMPORTS.items()}
    for label, (wall, cpu) in timings(parts, args.runs).items():
        print(
            f"  {label:<44}{statistics.median(wall):9.1f}{min(wall):10.1f}"
            f"  | {statistics.median(cpu):7.1f}{min(cpu):8.1f}"
        )


if __name__ == "__main__":
    main()
