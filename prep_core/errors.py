"""Errors a user can cause, each with a message fit to show them as it is.

PrepError                    anything the CLI prints as one line and exits 2 on
├── InvalidProfile           a file or value that is not a valid profile
├── UnknownProfile           no profile with that id or slug in the data folder
├── UnknownFormat            an export format or option nobody registered
├── AlreadyImported          an import of a file whose content is stored already
└── StoreError               the data folder refused an operation
    └── StaleRevision        a save from an out-of-date copy (saved since elsewhere)
        └── DeletedElsewhere the profile was deleted since this copy was loaded

A message may quote user text or a file name; ``one_line`` makes it safe for one terminal line.
"""

from __future__ import annotations

import re

# Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional
# overrides that could make a terminal line read differently from what it holds.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str, limit: int | None = None) -> str:
    """``text`` on one line with every control character escaped (ESC as ``\\x1b``, a newline
    as ``\\n``), shortened to ``limit`` characters when given."""
    escaped = _UNSAFE.sub(_escape, str(text))
    if limit is not None and len(escaped) > limit:
        escaped = escaped[: limit - 1] + "…"
    return escaped


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class PrepError(Exception):
    """Base of every error whose message is meant for the user."""


class PrepWarning(UserWarning):
    """Something a user should know about a file that was still read (``warnings.warn``)."""


class InvalidProfile(PrepError):
    pass


class UnknownProfile(PrepError):
    pass


class UnknownFormat(PrepError):
    pass


class StoreError(PrepError):
    pass


class AlreadyImported(PrepError):
    """The imported file holds a profile that is stored already (ids and times aside)."""

    def __init__(self, existing_id: str, title: str) -> None:
        super().__init__(f"already imported as {title}")
        self.existing_id = existing_id
        self.title = title


class StaleRevision(StoreError):
    """A save from an out-of-date copy. ``revision`` and ``saved_at`` (HH:MM, local time): the
    revision on disk and when it was saved, so that a caller who knows which revisions it wrote
    itself can tell where the newer one came from (None: the file is gone)."""

    def __init__(self, message: str, revision: int | None = None, saved_at: str = "") -> None:
        super().__init__(message)
        self.revision = revision
        self.saved_at = saved_at


class DeletedElsewhere(StaleRevision):
    pass


def describe_validation_error(error: Exception, *, source: str = "") -> str:
    """One readable line per bad field of a pydantic ValidationError."""
    from pydantic import ValidationError

    prefix = f"{source}: " if source else ""
    if not isinstance(error, ValidationError):
        return f"{prefix}{error}"
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item["loc"]) or "profile"
        parts.append(f"{where}: {item['msg']}")
    more = error.error_count() - len(parts)
    if more > 0:
        parts.append(f"and {more} more")
    return prefix + "; ".join(parts)
