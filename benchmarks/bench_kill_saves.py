"""Fault injection: saves SIGKILLed at random moments, then what the store finds on disk.

Run from the repository root with the venv active:

    python benchmarks/bench_kill_saves.py [--n 200] [--max-delay-ms 40] [--seed 1]

Both stores are measured, one after the other: a profile (``Store``) and the story bank
(``StoryStore``, ``stories.json``). For each of N rounds a forked child saves in a loop (load,
change a field, save), reporting each finished save's revision on a pipe; after a random
0..max-delay ms the parent kills it with SIGKILL, so most kills land inside a save (writing the
temp file, fsync, rotating the backup, the rename). After each kill it checks that the file
loads and holds the old or the new revision (the last reported one, or the one in flight), and
that the backup loads and is one revision behind (or equal to the file, when the kill came
between rotating the backup and the rename). At the end it counts the temp files the kills
left, what a sweep removes at once (nothing: a live save may hold them), and what it removes an
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

from prep_core import files, load_file, store, stories  # noqa: E402
from prep_core.model import Profile, Story, StoryBank  # noqa: E402
from prep_core.store import Store  # noqa: E402
from prep_core.stories import StoryStore  # noqa: E402


class ProfileTarget:
    """A profile file of the profile store."""

    name = "profile"

    def __init__(self, data_dir: Path) -> None:
        self.store = Store(data_dir)
        self.id = self.store.create(load_file(SAMPLE).with_new_ids()).id
        self.folder = self.store.folder
        self.backup = self.folder / f"{self.id}.json.bak"
        self.temp = store._TEMP

    def save_once(self, n: int) -> int:
        profile = self.store.load(self.id)
        profile.overview.founded = f"save {n} in pid {os.getpid()}"
        return self.store.save(profile).revision

    def revision(self) -> int:
        return Store(self.store.data_dir).load(self.id).revision

    def backup_revision(self) -> int:
        return Profile.model_validate_json(self.backup.read_text()).revision


class StoryBankTarget:
    """The story bank, ``stories.json``, with as many stories as a real bank might hold."""

    name = "story bank"

    def __init__(self, data_dir: Path) -> None:
        self.store = StoryStore(data_dir)
        self.store.add([Story(title=f"Story {n}", action="I did it. " * 40) for n in range(60)])
        self.folder = data_dir
        self.backup = data_dir / stories.BACKUP_FILE
        self.temp = stories._TEMP

    def save_once(self, n: int) -> int:
        bank = self.store.load()
        first = bank.stories[0].model_copy(update={"title": f"save {n} in pid {os.getpid()}"})
        changed = bank.model_copy(update={"stories": [first, *bank.stories[1:]]})
        return self.store.save(changed).revision

    def revision(self) -> int:
        return StoryStore(self.folder).load().revision

    def backup_revision(self) -> int:
        return StoryBank.model_validate_json(self.backup.read_text()).revision


def saver(target, report: int) -> None:
    """The child: save in a loop until killed, reporting each saved revision."""
    n = 0
    while True:
        n += 1
        os.write(report, f"{target.save_once(n)}\n".encode())


def one_kill(target, delay: float) -> int | None:
    """Fork a saver, kill it after ``delay`` seconds; the last revision it reported."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        try:
            saver(target, write_end)
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
    parser.add_argument("--n", type=int, default=200, help="kills per store (default 200)")
    parser.add_argument("--max-delay-ms", type=float, default=40.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for kind in (ProfileTarget, StoryBankTarget):
        with tempfile.TemporaryDirectory(prefix="prep-kill-") as tmp:
            measure(kind(Path(tmp) / "data"), args, random.Random(args.seed))


def measure(target, args: argparse.Namespace, rng: random.Random) -> None:
    known = target.revision()  # the newest revision known to be saved
    loads = old = new = lost = bak_ok = bak_missing = saves = no_save_yet = 0
    problems: list[str] = []
    started = time.perf_counter()
    for round_ in range(args.n):
        reported = one_kill(target, rng.uniform(0, args.max_delay_ms) / 1000)
        if reported is None:
            no_save_yet += 1
        else:
            saves += reported - known
            known = reported
        try:
            on_disk = target.revision()
        except Exception as error:
            problems.append(f"round {round_}: the file does not load: {error}")
            continue
        loads += 1
        if on_disk == known:
            old += 1
        elif on_disk == known + 1:  # renamed, killed before it could report
            new += 1
            known += 1
            saves += 1
        else:
            lost += 1
            problems.append(f"round {round_}: revision {on_disk}, expected {known}")
        if not target.backup.exists():
            bak_missing += 1
            continue
        try:
            behind = on_disk - target.backup_revision()
        except Exception as error:
            problems.append(f"round {round_}: the backup does not load: {error}")
            continue
        if behind in (0, 1):
            bak_ok += 1
        else:
            problems.append(f"round {round_}: the backup is {behind} revisions behind")
    seconds = time.perf_counter() - started

    left = temp_files(target.folder)
    left_bytes = sum(p.stat().st_size for p in left)
    removed_now = files.sweep_temp_files(target.folder, target.temp) or 0
    after_now = len(temp_files(target.folder))
    two_hours_ago = time.time() - 7200
    for temp in temp_files(target.folder):
        os.utime(temp, (two_hours_ago, two_hours_ago))
    removed_later = files.sweep_temp_files(target.folder, target.temp) or 0
    after_later = len(temp_files(target.folder))

    n = args.n
    delay = f"0-{args.max_delay_ms:g} ms"
    print(f"== {target.name}")
    print(f"kills: {n} SIGKILLs after {delay} of saving in a loop ({seconds:.1f} s)")
    print(f"saves completed between the kills: {saves}; kills before a first save: {no_save_yet}")
    print(f"kills survived (the file loads): {loads}/{n}")
    print(f"  ... holding the old revision: {old}, the new one: {new}, anything else: {lost}")
    print(f"backup valid (loads, 0 or 1 revision behind): {bak_ok}/{n - bak_missing}", end="")
    print(f" (no backup: {bak_missing})")
    print(f"temp files left by the kills: {len(left)} ({left_bytes / 1e6:.1f} MB)")
    print(f"  ... after a sweep at once: {after_now} (removed {removed_now}: too recent)")
    print(f"  ... after a sweep an hour later: {after_later} (removed {removed_later})")
    for problem in problems[:10]:
        print(f"problem: {problem}")


if __name__ == "__main__":
    main()
