"""Dashboard page times under AppTest, as ratios to a bare one-widget page in the same process.

For each page (and each tab of Interview Preparation and of Fit, where only the open tab is
drawn) this
prints the median time of one ``AppTest.run()`` (the frame ``app.py`` plus the page) on the
shipped sample and on ``tests.builders.large_profile(sample)`` (200 questions, 100 skills rows,
100 news items), and each as a multiple of the median run of a page holding one ``st.text_input``.
Targets: within 3x of the bare page on the sample, within 4x on the large profile. The last
row is the frame alone (navigation over 16 pages, sidebar, a two-line page), for scale.

    python benchmarks/bench_pages.py            # --repeat 15 runs per page by default
    python benchmarks/bench_pages.py --cpu      # CPU time of the process instead of wall time

``--cpu`` times each run by the process's CPU time (the script runs in a thread of this
process): a machine busy with other work barely changes it, where wall times swing.

Everything happens in a temporary data folder; nothing is written into ``data/`` or ``exports/``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from prep_core import read_markdown  # noqa: E402
from prep_core.sections import SECTIONS  # noqa: E402
from prep_core.store import SAMPLE_PATH, Store  # noqa: E402
from tests.app_harness import v2_pages  # noqa: E402
from tests.builders import large_profile  # noqa: E402

BARE = "import streamlit as st\nst.text_input('Company', key='company')\n"
TARGETS = {"sample": 3.0, "large": 4.0}
FIT_TABS = ("Matrix", "Gaps", "Requirements", "Questions to ask")


CLOCK = time.perf_counter  # time.process_time with --cpu


def timed_run(at: AppTest) -> float:
    start = CLOCK()
    at.run()
    elapsed = CLOCK() - start
    assert not at.exception, [e.value for e in at.exception]
    return elapsed


def ratio_to_bare(at: AppTest, bare: AppTest, repeat: int) -> tuple[float, float, float]:
    """Median seconds of one ``at.run()``, its ratio to the bare page's median, and best to best.

    The two are run alternately, so a machine busy with something else slows both alike; the
    best-of ratio is the steadier figure on a loaded machine.
    """
    at.run()  # warm-up: the page's first run seeds its widgets
    pairs = [(timed_run(at), timed_run(bare)) for _ in range(repeat)]
    page, base = zip(*pairs, strict=True)
    return (
        statistics.median(page),
        statistics.median(page) / statistics.median(base),
        min(page) / min(base),
    )


def pages() -> list[tuple[str, str, str | None]]:
    """(row name, page file, prep tab or None) for every page of the dashboard."""
    rows: list[tuple[str, str, str | None]] = [("library", "pages/library.py", None)]
    for section in SECTIONS:
        tabs = section.subsections() if section.key == "prep" else [None]
        for tab in tabs:
            name = section.key if tab is None else f"prep: {tab}"
            rows.append((name, f"pages/{section.key}.py", tab))
    rows.append(("readiness", "pages/readiness.py", None))
    rows += [(f"fit: {tab}", "pages/fit.py", tab) for tab in FIT_TABS]
    rows += [(name, f"pages/{name}.py", None) for name in ("practice", "plan", "debrief")]
    return [*rows, ("export", "pages/export.py", None)]


def page_times(
    profile_id: str, bare: AppTest, repeat: int, only: str = ""
) -> dict[str, tuple[float, ...]]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["profile"] = profile_id
    at.run()
    times = {}
    for name, page, tab in pages():
        if not name.startswith(only):
            continue
        at.switch_page(page)
        if tab is not None:
            at.session_state["fit.tab" if page.endswith("fit.py") else "prep.tab"] = tab
        times[name] = ratio_to_bare(at, bare, repeat)
    return times


def frame_time(data_dir: Path, bare: AppTest, repeat: int) -> tuple[float, float, float]:
    """A section page with no profile open: the frame (navigation, sidebar) and a two-line stub.

    The folder holds only an unreadable file, so no sample is imported and nothing opens.
    """
    (data_dir / "profiles").mkdir(parents=True)
    (data_dir / "profiles" / "unreadable.json").write_text("{", encoding="utf-8")
    os.environ["PREP_DATA_DIR"] = str(data_dir)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/overview.py")
    return ratio_to_bare(at, bare, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per page")
    parser.add_argument("--only", default="", help="only the pages whose row starts so: 'fit'")
    parser.add_argument("--cpu", action="store_true", help="time by CPU, not wall, time")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.cpu else time.perf_counter

    sample = read_markdown(SAMPLE_PATH.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp, v2_pages():
        os.environ["PREP_DATA_DIR"] = tmp
        store = Store(Path(tmp))
        large = large_profile(sample).with_new_ids()
        ids = {"sample": store.create(sample).id, "large": store.create(large).id}
        bare = AppTest.from_string(BARE, default_timeout=60).run()
        base = statistics.median(timed_run(bare) for _ in range(args.repeat))
        figures = {kind: page_times(pid, bare, args.repeat, args.only) for kind, pid in ids.items()}
        frame = frame_time(Path(tmp) / "empty", bare, args.repeat)

    clock = "CPU" if args.cpu else "wall"
    print(
        f"bare one-widget page: {base * 1000:.1f} ms {clock} per AppTest run ({args.repeat} runs)"
    )
    print("ratios: page median / bare median, and page best / bare best, run alternately")
    print(
        f"{'page':<40} {'sample ms':>9} {'x med':>6} {'x best':>6}"
        f" {'large ms':>9} {'x med':>6} {'x best':>6}"
    )
    misses = []
    for name in figures["sample"]:
        cells = []
        for kind in ("sample", "large"):
            seconds, ratio, best = figures[kind][name]
            flag = " " if ratio <= TARGETS[kind] else "!"
            if flag == "!":
                misses.append(f"{name} ({kind} {ratio:.1f}x, best-of {best:.1f}x)")
            cells.append(f"{seconds * 1000:9.1f} {ratio:5.1f}{flag} {best:6.1f}")
        print(f"{name:<40} {' '.join(cells)}")
    print(
        f"{'(frame alone: no profile open)':<40} {frame[0] * 1000:9.1f} {frame[1]:5.1f}  "
        f"{frame[2]:6.1f}"
    )
    verdict = "missed (median): " + "; ".join(misses) if misses else "all met"
    print(f"targets: 3x on the sample, 4x on the large profile; {verdict}")


if __name__ == "__main__":
    main()
