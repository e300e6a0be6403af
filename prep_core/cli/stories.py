"""``prep stories``: the story bank shared by every profile, listed, imported and exported.

Thin: the bank is ``prep_core.stories``. Every action that prints data takes ``--json``; a bad
file or a broken bank is one line on stderr, exit 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from prep_core.cli._common import table
from prep_core.errors import InvalidProfile

MAX_STORY_FILE = 20 << 20


def configure_stories(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the stories in the bank")
    listing.add_argument("--json", action="store_true", help="print the stories as JSON")
    importing = actions.add_parser(
        "import", help="add the stories of a file (JSON, or a profile's '## Story Bank')"
    )
    importing.add_argument("file", metavar="FILE", help="a .json story list or bank, or a .md")
    importing.add_argument("--json", action="store_true", help="print the result as JSON")
    exporting = actions.add_parser("export", help="print the bank as Markdown (or --json)")
    exporting.add_argument("--json", action="store_true", help="print the stories as JSON")


def run_stories(args: argparse.Namespace) -> int:
    """List, import or export the story bank."""
    from prep_core.stories import StoryStore, parse_stories

    store = StoryStore(args.data_dir)
    if args.action == "import":
        data = _read_file(args.file)
        stories = parse_stories(data, Path(args.file).name)
        bank, added = store.add(stories)
        if args.json:
            print(json.dumps({"added": added, "stories": len(bank.stories)}))
        else:
            print(f"added {added} of {len(stories)} stories; the bank holds {len(bank.stories)}")
        return 0
    bank = store.load()
    if args.json:
        print(json.dumps([s.model_dump() for s in bank.stories], indent=2, ensure_ascii=False))
        return 0
    if args.action == "export":
        from prep_core.writers.markdown import story_bank_blocks

        sys.stdout.write(
            "\n\n".join(story_bank_blocks(bank.stories)) + "\n" if bank.stories else ""
        )
        return 0
    if not bank.stories:
        print(f"The story bank is empty ({store.path}). Add stories: prep stories import FILE")
        return 0
    rows = [("ID", "TITLE", "TAGS")]
    rows += [(s.id, s.title or "-", ", ".join(s.tags) or "-") for s in bank.stories]
    print(table(rows))
    return 0


def _read_file(name: str) -> bytes:
    from prep_core import readers

    path = Path(name).expanduser()
    if not path.is_file():
        raise InvalidProfile(f"{name}: no such file")
    return readers.read_regular_file(path, MAX_STORY_FILE, name=name)
