"""A whole ``prep export --to docx`` process next to a whole ``pandoc`` process on the sample.

Run: ``python benchmarks/bench_cli.py [--runs N]``. Prints the median wall time of
- ``python -m prep_core export data/samples/netflix.md --to docx -o <tmp>`` (what ``prep export``
  runs), and ``pandoc data/samples/netflix.md -o <tmp>.docx``, and their ratio (target <= 3);
- the parts of ours that start-up costs: a bare interpreter, and one importing the model,
  python-docx, markdown-it, and the Word writer (each a fresh process).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "netflix.md"
IMPORTS = {
    "python -c pass": "pass",
    "import prep_core.model (pydantic)": "import prep_core.model",
    "import docx": "import docx",
    "import markdown_it": "import markdown_it",
    "import prep_core.writers.docx": "import prep_core.writers.docx",
}


def median_ms(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed processes per figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours_cmd = [sys.executable, "-m", "prep_core", "--data-dir", str(folder / "data")]
        ours_cmd += ["export", str(SAMPLE), "--to", "docx", "-o", str(folder / "ours.docx")]
        ours = median_ms(ours_cmd, args.runs)
        print(f"prep export netflix.md --to docx, whole process: {ours:8.1f} ms", end="")
        print(f"  (median of {args.runs})")
        pandoc = shutil.which("pandoc")
        if pandoc:
            theirs = median_ms([pandoc, str(SAMPLE), "-o", str(folder / "y.docx")], args.runs)
            print(f"pandoc netflix.md -o y.docx, whole process:      {theirs:8.1f} ms")
            print(f"ratio ours / pandoc: {ours / theirs:.2f}  (target <= 3)")
        else:
            print("pandoc is missing (apt-get install -y pandoc): no ratio")
    print("start-up, fresh processes:")
    for label, code in IMPORTS.items():
        print(f"  {label:<36}{median_ms([sys.executable, '-c', code], args.runs):8.1f} ms")


if __name__ == "__main__":
    main()
