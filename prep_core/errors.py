"""Errors a user can cause, each with a message fit to show them as it is.

PrepError                    anything the CLI prints as one line and exits 2 on
├── InvalidProfile           a file or value that is not a valid profile
├── UnknownProfile           no profile with that id or slug in the data folder
├── UnknownFormat            an export format or option nobody registered
└── StoreError               the data folder refused an operation
    └── StaleRevision        a save from an out-of-date copy (another tab saved first)
"""

from __future__ import annotations


class PrepError(Exception):
    """Base of every error whose message is meant for the user."""


class InvalidProfile(PrepError):
    pass


class UnknownProfile(PrepError):
    pass


class UnknownFormat(PrepError):
    pass


class StoreError(PrepError):
    pass


class StaleRevision(StoreError):
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
