"""Readers: a file's bytes in, a ``Profile`` out, the format picked by the file's extension.

    .md .markdown .txt   prep_core.readers.markdown   the company-profile template
    .json                prep_core.readers.json       the lossless storage format

Which suffix goes to which reader is the format registry's (``prep_core.formats``).

Every problem with a file (unreadable, not UTF-8, an unknown extension, not a profile, a value
the model refuses) is one ``InvalidProfile`` whose message names the file. Reading never
changes the file.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from prep_core.errors import InvalidProfile
from prep_core.formats import reader_for
from prep_core.model import Profile

__all__ = ["load_bytes", "load_file"]

MAX_FILE_BYTES = 32 * 1024 * 1024  # far beyond any real profile; a bigger file is a mistake


def load_bytes(data: bytes, name: str) -> Profile:
    """Read a profile from a file's bytes; ``name`` (a file name or path) picks the format.

    A UTF-8 byte-order mark is accepted and ignored.
    """
    fmt = reader_for(name)
    if len(data) > MAX_FILE_BYTES:
        raise InvalidProfile(f"{name}: too large for a profile (over {MAX_FILE_BYTES >> 20} MB)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidProfile(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    try:
        return fmt.read(text)
    except InvalidProfile as error:
        raise InvalidProfile(f"{name}: {error}") from None


def load_file(path: str | PathLike[str]) -> Profile:
    """Read the profile in the .md or .json file at ``path``; the file is only ever read."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InvalidProfile(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidProfile(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise InvalidProfile(f"{path}: permission denied") from None
    except OSError as error:
        raise InvalidProfile(f"{path}: cannot be read ({error.strerror or error})") from None
    return load_bytes(data, str(path))
