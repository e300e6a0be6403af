"""What every ``prep`` command shares: the command record, the PROFILE|FILE argument, the data
folder's store, the story bank, and the table printer.

Only the standard library and ``prep_core``'s light modules are imported at the top, so
``prep --help`` starts fast; the command modules import this one and never each other.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from prep_core.errors import InvalidProfile
from prep_core.formats import READABLE_SUFFIXES as _PROFILE_FILE_SUFFIXES

if TYPE_CHECKING:
    from prep_core.model import Profile
    from prep_core.store import Store

EXIT_USAGE = 2


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    configure: Callable[[argparse.ArgumentParser], None] = lambda parser: None


def profile_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "profile",
        metavar="PROFILE|FILE",
        help="a profile's id or slug in the data folder, or a .md/.json file",
    )


def open_store(args: argparse.Namespace) -> Store:
    """The data folder's store. Commands that only read create nothing in it."""
    from prep_core.store import Store

    return Store.open(args.data_dir)


def load_profile(args: argparse.Namespace) -> Profile:
    """PROFILE|FILE: an existing file is read as it is; anything else is looked up in the store."""
    ref: str = args.profile
    path = Path(ref).expanduser()
    try:
        exists = os.path.lexists(path)
    except (OSError, ValueError):  # a name too long for the system, a NUL byte
        exists = False
    if exists and not path.is_dir():
        from prep_core import load_file

        return load_file(path)  # only a regular file is read; others are refused by name
    if os.sep in ref or path.suffix.lower() in _PROFILE_FILE_SUFFIXES:
        raise InvalidProfile(f"{ref}: no such file")
    return open_store(args).load(ref)


def story_bank(args: argparse.Namespace) -> list:
    """The bank's stories, for a command that uses them (coverage, check, plan, export).

    The one rule for a bank that does not load: a warning line, and the command goes on
    without stories (the bank itself is left as it is; ``prep stories`` reports it as an error).
    """
    import warnings

    from prep_core.errors import PrepError, PrepWarning, one_line
    from prep_core.stories import StoryStore

    try:
        return StoryStore(args.data_dir).load().stories
    except PrepError as error:
        warnings.warn(
            f"the story bank was not read: {one_line(str(error), limit=300)}; "
            "going on without stories",
            PrepWarning,
            stacklevel=2,
        )
        return []


def exported_stories(profile, args: argparse.Namespace) -> list:
    """The bank's stories the profile uses, for an export."""
    from prep_core.coverage import linked_stories

    return linked_stories(profile, story_bank(args))


def table(rows: Sequence[Sequence[str]], *, right_aligned: set[int] = frozenset()) -> str:
    """Rows as aligned columns (the first row is the header), no trailing spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in right_aligned else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
