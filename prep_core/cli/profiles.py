"""``prep import``, ``prep list``, ``prep show`` and ``prep restore``: the profiles of the data
folder, brought in, listed, printed and brought back from the trash."""

from __future__ import annotations

import argparse
import sys

from prep_core.cli._common import load_profile, open_store, table
from prep_core.errors import PrepError, one_line
from prep_core.paths import SAMPLE_PATH


def run_import(args: argparse.Namespace) -> int:
    """Import a .md or .json file as a new profile (again, as a copy, with ``--copy``)."""
    from prep_core.errors import AlreadyImported

    try:
        profile = open_store(args).import_file(args.file, as_copy=args.copy)
    except AlreadyImported as error:
        raise PrepError(
            f"{args.file}: {error} (id {error.existing_id}); --copy imports it again"
        ) from None
    print(f"{profile.id}  {profile.title}")
    _add_stories(args)
    return 0


def _add_stories(args: argparse.Namespace) -> None:
    """The stories of an imported Markdown file's '## Story Bank', added to the bank (the
    profile's questions link to them); a bank that cannot take them is a warning: the profile
    is imported either way."""
    import warnings
    from pathlib import Path

    from prep_core import readers
    from prep_core.errors import PrepWarning
    from prep_core.stories import StoryStore

    path = Path(args.file).expanduser()
    try:
        data = readers.read_regular_file(path, readers.MAX_FILE_BYTES)
        added, found = StoryStore(args.data_dir).add_from_profile_file(data, path.name)
    except PrepError as error:
        message = f"the stories were not added to the story bank: {one_line(str(error), 300)}"
        warnings.warn(message, PrepWarning, stacklevel=2)
        return
    if added:
        print(
            f"prep: added {added} of {found} stories to the story bank (prep stories list)",
            file=sys.stderr,
        )
    elif found:
        print(
            f"prep: the story bank has its {found} stor{'y' if found == 1 else 'ies'} already",
            file=sys.stderr,
        )


def run_list(args: argparse.Namespace) -> int:
    """A table of the profiles in the data folder, then a warning row per broken file."""
    from datetime import datetime

    from prep_core.completeness import completeness
    from prep_core.rounds import headline_date

    now = datetime.now().astimezone()  # the interview date follows the next upcoming round

    store = open_store(args)
    entries = store.entries()
    good = [e.profile for e in entries if e.profile is not None]
    if not entries:
        sample = f" (the sample: prep import {SAMPLE_PATH})" if SAMPLE_PATH.is_file() else ""
        print(f"No profiles in {store.folder}. Import one with: prep import FILE{sample}")
        return 0
    names = store.slugs(good)  # what a command takes instead of the id: "netflix"
    rows = [
        (
            p.id,
            names[p.id],
            p.company or "-",
            p.role_title or "-",
            _date(headline_date(p, now)),
            f"{completeness(p).percent}%",
            p.updated_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        for p in good
    ]
    if rows:
        header = ("ID", "NAME", "COMPANY", "ROLE", "INTERVIEW", "READY", "LAST EDITED")
        print(table([header, *rows], right_aligned={5}))
    for entry in entries:
        if entry.error is not None:
            print(f"warning: {one_line(entry.error)} (not loaded; the file was left as it is)")
        elif entry.warning is not None:
            print(f"warning: {one_line(entry.warning)}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """List what is in the trash, or bring back the latest trashed copy of PROFILE_ID."""
    store = open_store(args)
    if args.profile_id is not None:
        profile = store.restore(args.profile_id)
        if args.json:
            import json

            print(json.dumps({"id": profile.id, "title": profile.title}, ensure_ascii=False))
        else:
            print(f"{profile.id}  {profile.title}")
        return 0
    trashed = store.trashed()
    if args.json:
        import json

        rows = [
            {
                "id": t.id,
                "company": t.profile.company if t.profile else None,
                "role": t.profile.role_title if t.profile else None,
                "deleted_at": t.deleted_at.isoformat(),
            }
            for t in trashed
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not trashed:
        print(f"The trash is empty ({store.folder / '.trash'}).")
        return 0
    header = ("ID", "COMPANY", "ROLE", "DELETED")
    rows = [
        (
            t.id,
            (t.profile.company or "-") if t.profile else f"(cannot be read: {one_line(t.error)})",
            (t.profile.role_title or "-") if t.profile else "-",
            t.deleted_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        for t in trashed
    ]
    print(table([header, *rows]))
    return 0


def run_show(args: argparse.Namespace) -> int:
    """Print a profile as Markdown in the template's format."""
    profile = load_profile(args)
    from prep_core import write_markdown

    text = write_markdown(profile)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a profile as .md (the template) or .json")
    parser.add_argument(
        "--copy",
        action="store_true",
        help="import a file that is imported already again, as '<company> (copy)'",
    )


def configure_restore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "profile_id",
        metavar="PROFILE_ID",
        nargs="?",
        help="the id of a deleted profile (without it: list what is in the trash)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _date(day) -> str:
    return day.isoformat() if day else "-"
