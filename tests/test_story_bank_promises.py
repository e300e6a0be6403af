"""The story bank keeps the profile store's promises, checked with ``prep`` as a subprocess: a
bank the store would refuse to read is never written, a huge file is refused before it is read,
a byte-order mark is read, temp files of killed saves are swept, a duplicated id loses nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prep_core.model import MAX_ITEMS, MAX_TEXT, Story
from prep_core.stories import MAX_BYTES, STORIES_FILE
from tests.test_cli import ROOT, prep, snapshot


@pytest.fixture
def data_dir(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def write_bank(data_dir: Path, stories: list[dict], *, prefix: bytes = b"") -> Path:
    path = data_dir / STORIES_FILE
    text = json.dumps({"schema_version": 1, "revision": 3, "stories": stories})
    path.write_bytes(prefix + text.encode("utf-8"))
    return path


def stories_file(tmp_path: Path, stories: list[dict], name: str = "more.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(stories), encoding="utf-8")
    return path


def story(n: int, **fields: str) -> dict:
    return Story(id=f"s{n}", title=f"Story {n}", **fields).model_dump()


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


# --- a bank the read would refuse is refused before the write --------------------------------


def test_one_story_too_many_is_refused_before_it_is_written(data_dir, tmp_path):
    # Before: the 2,001st story was saved; from then on every read and save failed.
    write_bank(data_dir, [story(n) for n in range(MAX_ITEMS)])
    before = snapshot(data_dir)
    extra = stories_file(tmp_path, [story(MAX_ITEMS, action="One more")])
    err = one_error_line(prep("stories", "import", str(extra), data_dir=data_dir))
    assert err == (
        "prep: error: the story bank was not saved: stories.json: 2,001 stories, more than a "
        "story bank holds (2,000); nothing was written\n"
    )
    assert snapshot(data_dir) == before
    listed = prep("stories", "list", "--json", data_dir=data_dir)
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == MAX_ITEMS


def test_a_read_refuses_one_story_too_many_with_the_same_numbers(data_dir):
    write_bank(data_dir, [story(n) for n in range(MAX_ITEMS + 1)])
    err = one_error_line(prep("stories", "list", data_dir=data_dir))
    assert err == (
        "prep: error: stories.json: 2,001 stories, more than a story bank holds (2,000)\n"
    )


def test_an_import_that_would_make_the_bank_too_large_is_refused(data_dir, tmp_path):
    # Before: a third 8 MB import was saved, and the 20 MB bank was refused from then on.
    long_text = "x" * MAX_TEXT
    write_bank(data_dir, [story(n, action=long_text) for n in range(150)])  # 15 MB
    before = snapshot(data_dir)
    extra = stories_file(tmp_path, [story(n, action=long_text) for n in range(150, 210)])
    err = one_error_line(prep("stories", "import", str(extra), data_dir=data_dir))
    limit = f"{MAX_BYTES >> 20} MB"
    assert err == (
        f"prep: error: the story bank was not saved: stories.json: too large for a story bank "
        f"(over {limit}); nothing was written\n"
    )
    assert snapshot(data_dir) == before
    assert prep("stories", "list", data_dir=data_dir).returncode == 0


def test_a_huge_bank_is_refused_without_reading_it(data_dir):
    # Before: a 3 GB stories.json was read whole (14 s, 3.2 GB of memory) before the check.
    path = data_dir / STORIES_FILE
    with open(path, "wb") as handle:
        handle.truncate(3 << 30)  # sparse: takes no disk, reads as 3 GB of zeros
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    env = dict(os.environ, PREP_DATA_DIR=str(data_dir))
    started = time.perf_counter()
    measured = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "prep_core", "stories", "list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    seconds = time.perf_counter() - started
    assert int(measured.stdout) < 200_000  # KB: far below the file's 3 GB
    assert seconds < 10
    err = one_error_line(prep("stories", "list", data_dir=data_dir))
    assert (
        err
        == f"prep: error: stories.json: too large for a story bank (over {MAX_BYTES >> 20} MB)\n"
    )


# --- read like profiles are ------------------------------------------------------------------


def test_a_bank_with_a_byte_order_mark_is_read(data_dir):
    write_bank(data_dir, [story(1)], prefix="\ufeff".encode())
    result = prep("stories", "list", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Story 1" in result.stdout


def test_temp_files_of_killed_story_saves_are_swept(data_dir):
    write_bank(data_dir, [story(1)])
    hour_ago = time.time() - 2 * 3600
    old = [data_dir / ".stories.json.k2j3h4.tmp", data_dir / ".stories.json.bak.a8d7f6.tmp"]
    fresh = data_dir / ".stories.json.zz9y8x.tmp"  # a save under way may be writing it
    foreign = data_dir / ".notes.tmp"  # not a file of ours
    for path in [*old, fresh, foreign]:
        path.write_bytes(b"half a bank")
    for path in [*old, foreign]:
        os.utime(path, (hour_ago, hour_ago))
    assert prep("stories", "list", data_dir=data_dir).returncode == 0
    assert [p.exists() for p in old] == [False, False]
    assert fresh.exists() and foreign.exists()


# --- two stories with one id -----------------------------------------------------------------


def test_two_stories_with_one_id_are_repaired_on_reading_with_a_warning(data_dir):
    first = story(1) | {"id": "same"}
    second = story(2) | {"id": "same"}
    path = write_bank(data_dir, [first, second, first])  # the third is an exact copy
    before = path.read_bytes()
    result = prep("stories", "list", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [s["title"] for s in listed] == ["Story 1", "Story 2"]
    assert listed[0]["id"] == "same" and listed[1]["id"] != "same"
    assert result.stderr == (
        "prep: warning: stories.json: the id 'same' was on 3 stories: 1 exact copy left out, "
        "1 given a new id (saved with the next change)\n"
    )
    assert path.read_bytes() == before  # reading changes nothing
