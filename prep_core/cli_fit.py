"""``prep coverage`` and ``prep stories``: the posting's requirements against what is prepared,
and the story bank shared by every profile.

Thin: the matrix is ``prep_core.coverage``, the bank ``prep_core.stories``. Every command that
prints data takes ``--json``; a bad file or a broken bank is one line on stderr, exit 2, and
nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from prep_core.errors import InvalidProfile

MAX_STORY_FILE = 20 << 20


def configure_coverage(parser: argparse.ArgumentParser) -> None:
    from prep_core.cli import _profile_argument

    _profile_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the matrix as JSON")


def run_coverage(args: argparse.Namespace) -> int:
    """Print the coverage matrix: one row per requirement, its proof and its gaps."""
    from prep_core.cli import _profile, _table
    from prep_core.coverage import GAP_LABELS, coverage

    profile = _profile(args)
    report = coverage(profile, _stories(args))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    if not report.requirements:
        print(f"{profile.title}: no requirements yet; paste the job posting (Job Posting) first")
        return 0
    print(f"{profile.title}: must-haves covered {report.must_covered} of {report.must_total}")
    rows = [("KIND", "REQUIREMENT", "SKILL", "STORY", "ANSWER", "WORDS")]
    mark = {True: "yes", False: "-"}
    for row in report.requirements:
        text = row.text if len(row.text) <= 60 else row.text[:59] + "…"
        rows.append(
            (
                row.kind,
                text,
                mark[bool(row.skills)],
                mark[bool(row.stories)],
                mark[bool(row.answers)],
                mark[row.in_talking_points],
            )
        )
    print(_table(rows))
    missing = report.uncovered_musts()
    if missing:
        print()
        print("Uncovered must-haves (nothing proves them yet):")
        for row in missing:
            print(f"- {row.text} ({'; '.join(GAP_LABELS[g] for g in row.gaps)})")
    return 0


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
    from prep_core.cli import _table
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
    print(_table(rows))
    return 0


def linked(profile, args: argparse.Namespace) -> list:
    """The bank's stories the profile uses, for an export; a bank that does not load is a
    warning, and the export goes ahead without stories."""
    from prep_core.coverage import linked_stories

    stories = bank(args)
    return linked_stories(profile, stories) if stories else []


def bank(args: argparse.Namespace) -> list:
    """The story bank, for an export; a bank that does not load is a warning, and the export
    goes ahead without stories."""
    import warnings

    from prep_core.errors import PrepError, PrepWarning

    try:
        return _stories(args)
    except PrepError as error:
        warnings.warn(f"exported without the story bank: {error}", PrepWarning, stacklevel=2)
        return []


def _stories(args: argparse.Namespace) -> list:
    from prep_core.stories import StoryStore

    return StoryStore(args.data_dir).load().stories


def _read_file(name: str) -> bytes:
    from prep_core import readers

    path = Path(name).expanduser()
    if not path.is_file():
        raise InvalidProfile(f"{name}: no such file")
    return readers.read_regular_file(path, MAX_STORY_FILE, name=name)
