"""Readers: a file's bytes in, a ``Profile`` out, the format picked by the file's extension.

    .md .markdown .txt   prep_core.readers.markdown   the company-profile template
    .json                prep_core.readers.json       the lossless storage format

Which suffix goes to which reader is the format registry's (``prep_core.formats``).

Every problem with a file (unreadable, not UTF-8, an unknown extension, not a profile, a value
the model refuses) is one ``InvalidProfile`` whose message names the file. Reading never
changes the file.
"""

from __future__ import annotations

import errno
import os
import stat
import warnings
from os import PathLike
from pathlib import Path

from prep_core.errors import InvalidProfile, PrepWarning
from prep_core.formats import reader_for
from prep_core.model import Profile

__all__ = ["MAX_FILE_BYTES", "MAX_MARKDOWN_BYTES", "load_bytes", "load_file", "read_regular_file"]

# Far beyond any real profile (the sample is 10 KB; one with 200 questions, 100 skills rows and
# 100 news items is 145 KB as JSON, 90 KB as Markdown), and small enough that the costliest
# file under them is read or refused within about a second and 50 MB.
MAX_FILE_BYTES = 2 * 1024 * 1024  # any file (and every stored profile: saves refuse more)
MAX_MARKDOWN_BYTES = 512 * 1024  # Markdown costs far more to parse per byte than JSON


def load_bytes(data: bytes, name: str, *, notes: list[str] | None = None) -> Profile:
    """Read a profile from a file's bytes; ``name`` (a file name or path) picks the format.

    A UTF-8 byte-order mark is accepted and ignored. What the user should know about a file
    that still loads (a JSON key given twice) is added to ``notes`` as a line naming the file,
    or issued as a ``PrepWarning`` when no list is given.
    """
    fmt = reader_for(name)
    limit = MAX_MARKDOWN_BYTES if fmt.name == "md" else MAX_FILE_BYTES
    if len(data) > limit:
        raise InvalidProfile(too_large(name, limit))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidProfile(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    found: list[str] = []
    try:
        profile = fmt.read(text, notes=found) if fmt.name == "json" else fmt.read(text)
    except InvalidProfile as error:
        raise InvalidProfile(f"{name}: {error}") from None
    found += day_notes(profile)
    for note in found:
        if notes is None:
            warnings.warn(f"{name}: {note}", PrepWarning, stacklevel=2)
        else:
            notes.append(f"{name}: {note}")
    return profile


def day_notes(profile: Profile) -> list[str]:
    """The notes about a profile read with an implausible day (a typed one is refused; a file's
    is kept as it is, and the plan and the calendar stay bounded): one line for them all."""
    problems = profile.day_problems()
    if not problems:
        return []
    return [f"{'; '.join(problems)} (kept as read: fix it on the Company Profile page)"]


def load_file(path: str | PathLike[str], *, notes: list[str] | None = None) -> Profile:
    """Read the profile in the .md or .json file at ``path``; the file is only ever read.

    Only a regular file is read (not a device, a FIFO or a folder), and never more than
    ``MAX_FILE_BYTES`` of it: its size is checked before reading, and reading stops at the limit.
    """
    path = Path(path)
    return load_bytes(read_regular_file(path, MAX_FILE_BYTES), str(path), notes=notes)


def read_regular_file(
    path: Path,
    limit: int,
    *,
    name: str | None = None,
    follow_symlinks: bool = True,
    kind: str = "a profile",
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them, else InvalidProfile.

    The file is opened without blocking (a FIFO with no writer would hang a plain open) and
    checked on the open descriptor, so what is checked is what is read, and a file over the
    limit is refused before a byte is read. Without ``follow_symlinks`` a symbolic link is
    refused rather than followed. Errors name ``name`` (default: the path) and say what the
    file is too large for (``kind``).
    """
    name = str(path) if name is None else name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise InvalidProfile(f"{name}: {_open_error(path, error, follow_symlinks)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidProfile(f"{name}: {_kind_of(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise InvalidProfile(too_large(name, limit, kind))
        os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:  # a file that grows while it is read still stops at the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InvalidProfile(too_large(name, limit, kind))
        return b"".join(chunks)
    except OSError as error:
        raise InvalidProfile(f"{name}: cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)


def too_large(name: str, limit: int, kind: str = "a profile") -> str:
    """The one message for a file over its limit: the read's and the save's."""
    return f"{name}: too large for {kind} (over {_size(limit)})"


def _size(limit: int) -> str:
    return f"{limit >> 20} MB" if limit >= 1 << 20 else f"{limit >> 10} KB"


def _open_error(path: Path, error: OSError, follow_symlinks: bool) -> str:
    if not follow_symlinks and error.errno == errno.ELOOP and path.is_symlink():
        return "is a symbolic link, which is not followed"
    return {
        errno.ENOENT: "no such file",
        errno.EISDIR: "is a folder, not a file",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ENOTDIR: "no such file (a part of the path is not a folder)",
    }.get(error.errno or 0, f"cannot be read ({error.strerror or error})")


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is a special file"
