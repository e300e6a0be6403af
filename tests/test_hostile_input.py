"""Hostile files through the readers and loaders: a clear InvalidProfile or a clean profile,
never a traceback, and never a changed file."""

from __future__ import annotations

import contextlib
import json
import os
import random
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prep_core import readers
from prep_core.errors import InvalidProfile, PrepWarning
from prep_core.model import MAX_TEXT, SCHEMA_VERSION, Profile
from prep_core.readers import MAX_FILE_BYTES, MAX_MARKDOWN_BYTES, load_bytes, load_file
from prep_core.readers.markdown import read
from prep_core.writers.json import write as write_json
from prep_core.writers.markdown import markdown_view
from prep_core.writers.markdown import write as write_markdown
from tests.conftest import SAMPLE_PATH

SAMPLE = SAMPLE_PATH.read_bytes()


def one_line_error(call, *args) -> str:
    with pytest.raises(InvalidProfile) as info:
        call(*args)
    message = str(info.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


# --- control characters, sizes, encodings ------------------------------------------------------


def test_control_characters_are_dropped_not_fatal():
    text = SAMPLE.decode().replace("Netflix", "Net\x00fl\x07ix\x1b", 1)
    text = text.replace("- **Founded**: 1997", "- **Founded**: 19\x0097\x7f\x85")
    profile = read(text)
    assert profile.company == "Netflix"
    assert profile.overview.founded == "1997"


def test_nul_bytes_in_a_file_give_a_clean_profile():
    data = SAMPLE.replace(b"Los Gatos", b"Los\x00 Gatos")
    assert load_bytes(data, "x.md").overview.headquarters == "Los Gatos, California"


def test_a_field_twice_the_limit_is_a_clear_error():
    text = SAMPLE.decode().replace("- **Founded**: 1997", "- **Founded**: " + "x" * 2 * MAX_TEXT)
    message = one_line_error(load_bytes, text.encode(), "big.md")
    assert message.startswith("big.md: overview.founded: ")
    assert str(MAX_TEXT) in message


def test_a_field_at_the_limit_is_fine():
    text = SAMPLE.decode().replace("- **Founded**: 1997", "- **Founded**: " + "x" * MAX_TEXT)
    assert len(read(text).overview.founded) == MAX_TEXT


def test_invalid_utf8():
    message = one_line_error(load_bytes, b"# Company Profile: Caf\xe9\n", "latin1.md")
    assert message == "latin1.md: not UTF-8 text (byte 0xe9 at offset 22)"


def test_a_byte_order_mark_and_crlf_are_fine():
    data = b"\xef\xbb\xbf" + SAMPLE.replace(b"\n", b"\r\n")
    assert markdown_view(load_bytes(data, "bom.md")) == markdown_view(read(SAMPLE.decode()))
    profile = read(SAMPLE.decode())
    assert load_bytes(b"\xef\xbb\xbf" + write_json(profile).encode(), "bom.json") == profile


def test_random_binary_is_a_clear_error():
    rng = random.Random(1234)
    for size in (1, 16, 4096):
        data = bytes(rng.randrange(256) for _ in range(size))
        for name in ("x.md", "x.json"):
            try:
                load_bytes(data, name)
            except InvalidProfile as error:
                assert str(error).startswith(f"{name}: ") and "\n" not in str(error)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["x.md", "x.json", "x.txt"]))
def test_any_bytes_give_a_profile_or_invalid_profile(data, name):
    try:
        assert isinstance(load_bytes(data, name), Profile)
    except InvalidProfile as error:
        assert "\n" not in str(error)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_profile_or_invalid_profile(text):
    for candidate in (text, "# Company Profile: X\n" + text, "## Competitors\n" + text):
        try:
            read(candidate)
        except InvalidProfile as error:
            assert "\n" not in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "> " * 5_000 + "x",
        "- " * 5_000 + "x",
        "*" * 50_000 + "a" + "_" * 50_000,
        "[" * 50_000 + "](" * 10_000,
        "| a |\n|---|\n" + "| x |\n" * 20_000,
        "`" * 100_000,
        "<" * 100_000,
    ],
)
def test_pathological_markdown_is_read_quickly(text):
    started = time.perf_counter()
    try:
        read("# Company Profile: X\n\n## Company Overview\n\n" + text)
    except InvalidProfile as error:  # kept as an extra section, and too long for one
        assert str(error) in (
            "extra_sections.0.body: String should have at most 100000 characters",
            "20,007 lines, more than a profile can have (10,000)",
        )
    assert time.perf_counter() - started < 10


# --- JSON ----------------------------------------------------------------------------------------


def test_future_schema_json():
    data = json.dumps({"schema_version": SCHEMA_VERSION + 1, "company": "Acme"}).encode()
    message = one_line_error(load_bytes, data, "new.json")
    assert message.startswith("new.json: written by a newer version of Interview Prep Studio")


def test_truncated_json():
    data = write_json(read(SAMPLE.decode())).encode()[:500]
    message = one_line_error(load_bytes, data, "cut.json")
    assert message.startswith("cut.json: not valid JSON: ") and ", column " in message


# --- files that are not profiles ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"# Shopping\n\n- eggs\n", "list.md", "list.md: does not look like a company profile"),
        (b"", "empty.md", "empty.md: does not look like a company profile"),
        (b"{}", "notes.pdf", "notes.pdf: cannot read a file with extension '.pdf'"),
        (b"{}", "README", "README: cannot read a file with no extension"),
    ],
)
def test_not_a_profile(data, name, expected):
    assert one_line_error(load_bytes, data, name).startswith(expected)


def test_the_extension_picks_the_reader_case_insensitively(tmp_path):
    profile = read(SAMPLE.decode())
    assert load_bytes(write_json(profile).encode(), "BACKUP.JSON") == profile
    text = write_markdown(profile).encode()
    for name in ("a.MD", "a.markdown", "a.txt"):
        assert load_bytes(text, name).company == "Netflix"


# --- load_file -----------------------------------------------------------------------------------


def snapshot(path: Path) -> tuple[bytes, int, int]:
    stat = path.stat()
    return path.read_bytes(), stat.st_mtime_ns, stat.st_mode


@pytest.mark.parametrize(
    "content",
    [SAMPLE, b"\xef\xbb\xbf" + SAMPLE.replace(b"\n", b"\r\n"), b"\xff\xfe garbage", b"# Nope\n"],
    ids=["sample", "bom-crlf", "binary", "not-a-profile"],
)
def test_load_file_never_changes_the_file(tmp_path, content):
    path = tmp_path / "profile.md"
    path.write_bytes(content)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(path)
    with contextlib.suppress(InvalidProfile):
        load_file(path)
    assert snapshot(path) == before
    assert sorted(tmp_path.iterdir()) == [path]


def test_load_file_reads_both_formats(tmp_path):
    profile = read(SAMPLE.decode())
    (tmp_path / "p.json").write_text(write_json(profile), encoding="utf-8")
    assert load_file(tmp_path / "p.json") == profile
    assert load_file(str(SAMPLE_PATH)).company == "Netflix"


def test_load_file_errors_name_the_file(tmp_path):
    gone = tmp_path / "gone.md"
    assert one_line_error(load_file, gone) == f"{gone}: no such file"
    assert one_line_error(load_file, tmp_path).startswith(f"{tmp_path}: is a folder")
    bad = tmp_path / "bad.json"
    bad.write_text('{"company": ')
    assert one_line_error(load_file, bad).startswith(f"{bad}: not valid JSON: ")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(5, "Input/output error"), "cannot be read (Input/output error)"),
    ],
)
def test_load_file_unreadable(tmp_path, monkeypatch, error, expected):
    path = tmp_path / "locked.md"
    path.write_bytes(SAMPLE)

    def refuse(*args, **kwargs):
        raise error

    # root reads any file, so chmod cannot show this
    monkeypatch.setattr(readers.os, "open" if error.errno == 13 else "read", refuse)
    message = one_line_error(load_file, path)
    monkeypatch.undo()
    assert message == f"{path}: {expected}"


# --- what is read at all (issue 9.6) ----------------------------------------------------------


@pytest.fixture(params=["load_file", "Store.import_file"])
def reader(request, tmp_path):
    """Both ways a file is read: ``prep check FILE`` (load_file) and ``prep import FILE``."""
    if request.param == "load_file":
        return load_file
    from prep_core.store import Store

    return Store(tmp_path / "data").import_file


def refused_quickly_and_small(path, read=load_file) -> str:
    """The refusal to read ``path``: within 1 s, 50 MB and one line, or the test fails."""
    result: dict[str, object] = {}

    def attempt() -> None:
        tracemalloc.start()
        started = time.perf_counter()
        try:
            read(path)
        except InvalidProfile as error:
            result["message"] = str(error)
        finally:
            result["seconds"] = time.perf_counter() - started
            result["peak"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=5)
    if worker.is_alive():  # a FIFO open without O_NONBLOCK waits for a writer forever
        with contextlib.suppress(OSError), open(path, "wb"):  # let the reader go
            pass
        pytest.fail(f"load_file({path}) still blocked after 5 s")
    assert "message" in result, "the file was read as a profile"
    assert result["seconds"] < 1.0, result
    assert result["peak"] < 50 * 1024 * 1024, result
    assert "\n" not in result["message"]
    return result["message"]


def test_a_3_gb_file_is_refused_before_it_is_read(tmp_path, reader):
    huge = tmp_path / "huge.md"
    with open(huge, "wb") as file:
        file.truncate(3 * 1024**3)  # sparse: no disk used, but 3 GB to a reader
    message = refused_quickly_and_small(huge, reader)
    assert message == f"{huge}: too large for a profile (over {MAX_FILE_BYTES >> 20} MB)"


def test_one_byte_over_the_limit_is_refused(tmp_path, reader):
    big = tmp_path / "big.json"
    with open(big, "wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    assert "too large" in refused_quickly_and_small(big, reader)


def test_dev_zero_is_refused(tmp_path, reader):
    zero = Path("/dev/zero")
    assert refused_quickly_and_small(zero, reader) == "/dev/zero: is a device, not a regular file"
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    assert refused_quickly_and_small(link, reader) == f"{link}: is a device, not a regular file"


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, reader):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    expected = f"{fifo}: is a pipe (FIFO), not a regular file"
    assert refused_quickly_and_small(fifo, reader) == expected


# --- duplicate JSON keys (issue 9.10) ---------------------------------------------------------


def test_duplicate_json_keys_are_reported_not_silent():
    data = b'{"company": "First", "role_title": "R", "company": "Second"}'
    notes: list[str] = []
    assert load_bytes(data, "dup.json", notes=notes).company == "Second"
    assert notes == ["dup.json: duplicate key 'company': the last value was used"]
    with pytest.warns(PrepWarning, match=r"^dup\.json: duplicate key 'company'"):
        load_bytes(data, "dup.json")
    clean: list[str] = []
    load_bytes(b'{"company": "Only"}', "ok.json", notes=clean)
    assert clean == []


# --- the costliest inputs a reader still parses (issue 9.6: within 1 s and 50 MB) --------------

HEAD = "# Company Profile: X\n\n## Company Overview\n\n"


def fill(unit: str, size: int, head: str = HEAD) -> bytes:
    return (head + unit * ((size - len(head)) // len(unit))).encode()


WORST = {
    "list items": fill("- some words here and there\n", MAX_MARKDOWN_BYTES),
    "paragraphs": fill("a\n\n", MAX_MARKDOWN_BYTES),
    "headings": fill("### h\n", MAX_MARKDOWN_BYTES),
    "quotes": fill("> a\n", MAX_MARKDOWN_BYTES),
    "table rows": fill("|a|b|\n", MAX_MARKDOWN_BYTES, HEAD + "|a|b|\n|-|-|\n"),
    "a wide table": (HEAD + "|a" * 130_000 + "|\n" + "|-" * 130_000 + "|\n").encode(),
    "links in a field": fill("[a](b) ", MAX_MARKDOWN_BYTES, HEAD + "- **Founded**: "),
    "emphasis in a field": fill("*a ", MAX_MARKDOWN_BYTES, HEAD + "- **Founded**: "),
    "json lists": b'{"company": [' + b"[]," * (MAX_FILE_BYTES // 3 - 10) + b"1]}",
    "json objects": b'{"company": [' + b'{"a":1},' * (MAX_FILE_BYTES // 8 - 10) + b"1]}",
    "json numbers": b'{"company": [' + b"1," * (MAX_FILE_BYTES // 2 - 10) + b"1]}",
}


@pytest.mark.parametrize("kind", WORST)
def test_the_costliest_input_under_the_size_limit_is_cheap(kind):
    data = WORST[kind]
    name = "worst.json" if kind.startswith("json") else "worst.md"
    assert len(data) <= MAX_FILE_BYTES
    started = time.perf_counter()
    with contextlib.suppress(InvalidProfile):
        load_bytes(data, name)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        with contextlib.suppress(InvalidProfile):
            load_bytes(data, name)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024, f"{kind}: {peak >> 20} MB"
    assert seconds < 2.0, f"{kind}: {seconds:.2f} s"  # 1 s on an idle machine; CI shares cores
