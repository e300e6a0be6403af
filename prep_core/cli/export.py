"""``prep export``: a profile to a file in ``exports/``, to ``-o PATH``, or to stdout."""

from __future__ import annotations

import argparse
import sys

from prep_core.cli._common import exported_stories, load_profile, profile_argument, story_bank
from prep_core.errors import PrepError, UnknownFormat
from prep_core.paths import EXPORTS_DIR


def run_export(args: argparse.Namespace) -> int:
    """Export a profile to a file in ``exports/``, to ``-o PATH``, or to stdout (``-o -``)."""
    from prep_core.formats import get_format

    spec = get_format(args.to)
    options: dict[str, object] = {}
    if args.variant is not None:
        options["variant"] = args.variant  # export() names the variants when it is wrong
    if args.sections is not None:
        if "sections" not in spec.options:
            raise UnknownFormat(f"format {spec.name!r} does not take --sections")
        options["sections"] = section_keys(args.sections)
    if args.output == "-" and spec.binary and sys.stdout.isatty():
        raise PrepError(f"{spec.label} is binary; write it to a file with -o PATH, or pipe it")
    profile = load_profile(args)
    from datetime import datetime

    now = datetime.now().astimezone()
    if spec.analysed:  # the story bank loaded once, the analysis computed once, for the writer
        from prep_core.insight import Insight

        options["insight"] = Insight.of(profile, story_bank(args), now=now)
    elif "stories" in spec.options and (stories := exported_stories(profile, args)):
        options["stories"] = stories
    if args.output == "-":
        from prep_core.formats import export

        data = export(profile, spec.name, now=now, **options)
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    from prep_core.exporting import write_export
    from prep_core.store import resolve_data_dir

    target = write_export(
        profile,
        spec.name,
        args.output,
        exports_dir=EXPORTS_DIR,
        data_dir=resolve_data_dir(args.data_dir),
        now=now,
        **options,
    )
    print(target)
    return 0


def section_keys(text: str) -> list[str]:
    """``--sections a,b``: the keys, each a section of the registry."""
    from prep_core.sections import SECTION_BY_KEY

    keys = [key.strip() for key in text.split(",") if key.strip()]
    unknown = [key for key in keys if key not in SECTION_BY_KEY]
    if unknown or not keys:
        raise UnknownFormat(
            f"unknown section {', '.join(unknown) or text!r}; sections: {', '.join(SECTION_BY_KEY)}"
        )
    return keys


def configure_export(parser: argparse.ArgumentParser) -> None:
    from prep_core.formats import FORMAT_NAMES

    profile_argument(parser)
    parser.add_argument("--to", required=True, choices=FORMAT_NAMES, help="the format")
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="file or folder to write (default: exports/<name>); '-' writes to stdout",
    )
    parser.add_argument("--variant", metavar="NAME", help="a variant of the format, if it has any")
    parser.add_argument(
        "--sections",
        metavar="A,B,...",
        help="only these sections (comma-separated keys), for formats that allow it",
    )
