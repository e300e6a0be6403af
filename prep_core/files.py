"""The file primitives both stores are built on (``store.py``: profiles, ``stories.py``: the bank).

- ``replace_with_backup``: a save. The new bytes go to a synced temp file beside the target
  (``.<name>.<random>.tmp``); only then is the previous version written to the backup, the temp
  file renamed into place and the folder synced. A save that fails (a full disk, a kill) leaves
  the file and its backup as they were; a kill can only leave a temp file behind.
- ``write_atomic``: the same for a file without a backup (an export).
- ``locked``: a folder's advisory lock (``<folder>/.lock``), so check-then-write is safe across
  processes and threads. It never follows a symbolic link.
- ``sweep_once``: removes the temp files killed saves left (older than an hour), once per
  process and folder, and never while another save holds the folder's lock.
- ``Known``: the files this process wrote or validated, by identity (inode, size, mtime), so a
  save reads the revision of the file it wrote itself without parsing and validating it again.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from prep_core.errors import StoreError

try:  # POSIX advisory locks make check-then-write safe across processes and threads.
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

LOCK = ".lock"
# A temp file of ours is ``.<name>.<random>.tmp``; one older than this was left by a killed
# save: no save takes more than seconds.
TEMP_MAX_AGE = 3600.0  # seconds


def replace_with_backup(path: Path, data: bytes, backup: Path, previous: bytes | None) -> None:
    """Write ``data`` to ``path``, keeping ``previous`` (the file's bytes now) as ``backup``.

    Call it holding the folder's lock. Raises ``OSError``; the temp file never outlives it.
    """
    temp = write_temp(path, data)
    try:
        if previous is not None:
            write_atomic(backup, previous)
        os.replace(temp, path)
        temp = None
        fsync_dir(path.parent)
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    The file is private to the user (0600) unless ``mode`` says otherwise.
    """
    temp = write_temp(path, data, mode=mode)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_dir(path.parent)


def write_temp(path: Path, data: bytes, *, mode: int | None = None) -> str:
    """A synced temp file beside ``path`` holding ``data`` (``.<name>.<random>.tmp``)."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return temp


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: the directory entry itself must reach the disk."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows cannot open folders
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def locked(folder: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold ``folder``'s lock for the block (creating the folder); yields False if ``wait`` is
    off and another process or thread holds it.

    The lock file is opened without following a symbolic link, so a link planted as ``.lock``
    can neither be written through nor created outside the folder.
    """
    lock = folder / LOCK
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, flags, 0o600)
    except OSError as error:
        if lock.is_symlink():
            raise StoreError(
                f"cannot use {folder}: {LOCK} is a symbolic link; the store never "
                "follows a link out of its folder"
            ) from error
        raise StoreError(f"cannot use {folder}: {error.strerror or error}") from error
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(f"cannot use {folder}: {LOCK} is not a regular file")
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
        yield True
    finally:
        os.close(fd)


_swept: set[tuple[str, str]] = set()  # (folder, pattern) swept by this process


def sweep_once(folder: Path, pattern: re.Pattern[str]) -> int:
    """``sweep_temp_files`` the first time this process asks for ``folder`` (and again until
    a sweep was not put off by a save under way); 0 after that."""
    key = (os.path.abspath(folder), pattern.pattern)
    if key in _swept:
        return 0
    removed = sweep_temp_files(folder, pattern)
    if removed is not None:
        _swept.add(key)
    return removed or 0


def sweep_temp_files(folder: Path, pattern: re.Pattern[str]) -> int | None:
    """Remove the files in ``folder`` named like ``pattern`` and older than an hour: the temp
    files of killed saves. None (nothing removed) when a save holds the folder's lock: its
    temp file may be one of them. Creates nothing."""
    try:
        with os.scandir(folder) as found:
            old = [
                f.name
                for f in found
                if pattern.match(f.name)
                and f.is_file(follow_symlinks=False)
                and time.time() - f.stat(follow_symlinks=False).st_mtime > TEMP_MAX_AGE
            ]
    except OSError:  # no folder yet (nothing to do), or one we cannot list
        return 0
    if not old:
        return 0
    removed = 0
    with contextlib.suppress(StoreError), locked(folder, wait=False) as got:
        if not got:
            return None
        for name in old:
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
                removed += 1
    return removed


class Known:
    """Files this process wrote, or read and validated, with the revision each held.

    A file is known by its identity (device, inode, size, modification time): a save replaces
    the file by a rename, so any other writer's change gives it a new identity, and the next
    save reads and validates it again instead of trusting the number remembered here.
    """

    def __init__(self) -> None:
        self._files: dict[str, tuple[tuple[int, ...], int]] = {}

    def remember(self, path: Path, revision: int) -> None:
        identity = _identity(path)
        if identity is not None:
            self._files[os.path.abspath(path)] = (identity, revision)

    def revision(self, path: Path) -> int | None:
        """The revision ``path`` holds if it is the very file remembered, else None."""
        found = self._files.get(os.path.abspath(path))
        if found is None or _identity(path) != found[0]:
            return None
        return found[1]


def _identity(path: Path) -> tuple[int, ...] | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
