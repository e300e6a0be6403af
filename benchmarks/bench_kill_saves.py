"""Fault injection: saves SIGKILLed at random moments, then what the store finds on disk.

Run from the repository root with the venv active:

    python benchmarks/bench_kill_saves.py [--n 200] [--max-delay-ms 40] [--seed 1]

For each of N rounds a forked child saves the profile in a loop (load, change a field, save),
reporting each finished save's revision on a pipe; after a random 0..max-delay ms the parent
kills it with SIGKILL, so most kills land inside a save (writing the temp file, fsync, rotating
the backup, the rename). After each kill it checks that the profile file loads and holds the
old or the new revision (the last reported one, or the one in flight), and that the backup
loads and is one revision behind (or equal to the file, when the kill came between rotating
the backup and the rename). At the end it counts the temp files the kills left, what the next
``Store.open`` removes at once (nothing: a live save may hold them), and what it removes an
hour later (their mtimes moved back two hours). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "netflix.md"
sys.path.insert(0, str(ROOT))

from prep_core import load_file  # noqa: E402
from prep_core.model import Profile  # noqa: E402
from prep_core.store import Store  # noqa: E402


def saver(data_dir: Path, profile_id: str, report: int) -> None:
    """The child: save in a loop until killed, reporting each saved revision."""
    store = Store(data_dir)
    n = 0
    while True:
        profile = store.load(profile_id)
        n += 1
        profile.overview.founded = f"save {n} in pid {os.getpid()}"
        saved = store.save(profile)
        os.write(report, f"{saved.revision}\n".encode())


def one_kill(data_dir: Path, profile_id: str, delay: float) -> int | None:
    """Fork a saver, kill it after ``delay`` seconds; the last revision it reported."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            saver(data_dir, profile_id, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    lines = b"".join(chunks).decode().split()
    return int(lines[-1]) if lines else None


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="kills (default 200)")
    parser.add_argument("--max-delay-ms", type=float, default=40.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory(prefix="prep-kill-") as tmp:
        data_dir = Path(tmp) / "data"
        store = Store(data_dir)
        profile = store.create(load_file(SAMPLE).with_new_ids())
        backup = store.folder / f"{profile.id}.json.bak"
        known = profile.revision  # the newest revision known to be saved
        loads = old = new = lost = bak_ok = bak_missing = saves = no_save_yet = 0
        problems: list[str] = []
        started = time.perf_counter()
        for round_ in range(args.n):
            reported = one_kill(data_dir, profile.id, rng.uniform(0, args.max_delay_ms) / 1000)
            if reported is None:
                no_save_yet += 1
            else:
                saves += reported - known
                known = reported
            try:
                on_disk = Store(data_dir).load(profile.id)
            except Exception as error:
                problems.append(f"round {round_}: the file does not load: {error}")
                continue
            loads += 1
            if on_disk.revision == known:
                old += 1
            elif on_disk.revision == known + 1:  # renamed, killed before it could report
                new += 1
                known += 1
                saves += 1
            else:
                lost += 1
                problems.append(f"round {round_}: revision {on_disk.revision}, expected {known}")
            if not backup.exists():
                bak_missing += 1
                continue
            try:
                behind = on_disk.revision - Profile.model_validate_json(backup.read_text()).revision
            except Exception as error:
                problems.append(f"round {round_}: the backup does not load: {error}")
                continue
            if behind in (0, 1):
                bak_ok += 1
            else:
                problems.append(f"round {round_}: the backup is {behind} revisions behind")
        seconds = time.perf_counter() - started

        left = temp_files(store.folder)
        left_bytes = sum(p.stat().st_size for p in left)
        removed_now = Store.open(data_dir).removed_temp_files
        after_open = len(temp_files(store.folder))
        two_hours_ago = time.time() - 7200
        for temp in temp_files(store.folder):
            os.utime(temp, (two_hours_ago, two_hours_ago))
        removed_later = Store.open(data_dir).removed_temp_files
        after_later_open = len(temp_files(store.folder))

    n = args.n
    delay = f"0-{args.max_delay_ms:g} ms"
    print(f"kills: {n} SIGKILLs after {delay} of saving in a loop ({seconds:.1f} s)")
    print(f"saves completed between the kills: {saves}; kills before a first save: {no_save_yet}")
    print(f"kills survived (the file loads): {loads}/{n}")
    print(f"  ... holding the old revision: {old}, the new one: {new}, anything else: {lost}")
    print(f"backup valid (loads, 0 or 1 revision behind): {bak_ok}/{n - bak_missing}", end="")
    print(f" (no backup: {bak_missing})")
    print(f"temp files left by the kills: {len(left)} ({left_bytes / 1e6:.1f} MB)")
    print(f"  ... after the next open at once: {after_open} (removed {removed_now}: too recent)")
    print(f"  ... after an open an hour later: {after_later_open} (removed {removed_later})")
    for problem in problems[:10]:
        print(f"problem: {problem}")


if __name__ == "__main__":
    main()
