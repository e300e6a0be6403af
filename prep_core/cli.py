"""The ``prep`` command: import, list, show, check and export profiles, or start the dashboard.

A thin front end over ``prep_core``: each command parses its arguments, calls the core and
prints. Heavy modules (readers, writers, streamlit) are imported inside the commands that need
them, so ``prep --help`` starts fast. Errors a user can cause (``PrepError``) become one line on
stderr and exit code 2; they are raised before any file is written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from prep_core.errors import InvalidProfile, PrepError, UnknownFormat
from prep_core.formats import READABLE_SUFFIXES as _PROFILE_FILE_SUFFIXES
from prep_core.paths import APP_PATH, EXPORTS_DIR

if TYPE_CHECKING:
    from prep_core.model import Profile
    from prep_core.store import Store

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error here."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"prep: error: {message} (see '{self.prog} --help')\n")


# --- commands ---------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    """Import a .md or .json file as a new profile."""
    profile = _store(args).import_file(args.file)
    print(f"{profile.id}  {profile.title}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """A table of the profiles in the data folder, then a warning row per broken file."""
    from prep_core.completeness import completeness

    store = _store(args, with_sample=True)
    entries = store.entries()
    good = [e.profile for e in entries if e.profile is not None]
    if not entries:
        print(f"No profiles in {store.folder}. Import one with: prep import FILE")
        return 0
    rows = [
        (
            p.id,
            p.company or "-",
            p.role_title or "-",
            p.interview_date.isoformat() if p.interview_date else "-",
            f"{completeness(p).percent}%",
            p.updated_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        )
        for p in good
    ]
    if rows:
        header = ("ID", "COMPANY", "ROLE", "INTERVIEW", "READY", "LAST EDITED")
        print(_table([header, *rows], right_aligned={4}))
    for entry in entries:
        if entry.error is not None:
            print(f"warning: {entry.error} (not loaded; the file was left as it is)")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print a profile as Markdown in the template's format."""
    profile = _profile(args)
    from prep_core import write_markdown

    text = write_markdown(profile)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Print how complete a profile is, section by section."""
    from prep_core.completeness import completeness

    profile = _profile(args)
    report = completeness(profile)
    if args.json:
        import json

        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    rows = [("SECTION", "FILLED", "MISSING")]
    for section in report.sections:
        missing = ", ".join(spec.label for spec in section.missing) or "-"
        rows.append((section.section.title, f"{len(section.filled)}/{section.total}", missing))
    print(f"{profile.title}: {report.percent}% complete ({report.filled}/{report.total} fields)")
    print(f"Drafted answers: {report.answered} of {report.questions} questions")
    print()
    print(_table(rows, right_aligned={1}))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export a profile to a file in ``exports/``, to ``-o PATH``, or to stdout (``-o -``)."""
    from datetime import datetime

    from prep_core.formats import export, export_filename, get_format

    spec = get_format(args.to)
    options: dict[str, object] = {}
    if args.variant is not None:
        options["variant"] = args.variant  # export() names the variants when it is wrong
    if args.sections is not None:
        if "sections" not in spec.options:
            raise UnknownFormat(f"format {spec.name!r} does not take --sections")
        options["sections"] = _section_keys(args.sections)
    if args.output == "-" and spec.binary and sys.stdout.isatty():
        raise PrepError(f"{spec.label} is binary; write it to a file with -o PATH, or pipe it")
    profile = _profile(args)
    now = datetime.now().astimezone()
    data = export(profile, spec.name, now=now, **options)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    name = export_filename(profile, spec.name, now=now, variant=args.variant)
    target = _output_path(args.output, name)
    _write(target, data)
    print(target)
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    """Start the Streamlit dashboard on localhost."""
    if not APP_PATH.is_file():
        print(f"prep: the dashboard is not built yet ({APP_PATH} does not exist)", file=sys.stderr)
        return EXIT_USAGE
    data_dir = args.data_dir or os.environ.get("PREP_DATA_DIR")
    if data_dir:  # made absolute before the change of folder below
        os.environ["PREP_DATA_DIR"] = str(Path(data_dir).expanduser().resolve())
    # Streamlit reads .streamlit/config.toml (localhost, no statistics) from the working folder.
    os.chdir(APP_PATH.parent)
    from streamlit.web import cli as streamlit_cli

    # Ours come last so they win: the app holds personal notes and is never served beyond
    # this machine.
    sys.argv = ["streamlit", "run", str(APP_PATH), *args.streamlit_args]
    sys.argv += ["--server.address", "localhost"]
    return streamlit_cli.main()


# --- helpers ----------------------------------------------------------------------------------


def _store(args: argparse.Namespace, *, with_sample: bool = False) -> Store:
    """The data folder's store; on first use it is given the sample profile."""
    from prep_core.store import Store

    store = Store.open(args.data_dir)
    if with_sample:
        sample = store.ensure_sample()
        if sample is not None:
            print(f"prep: added the sample profile {sample.id} ({sample.title})", file=sys.stderr)
    return store


def _profile(args: argparse.Namespace) -> Profile:
    """PROFILE|FILE: an existing file is read as it is; anything else is looked up in the store."""
    ref: str = args.profile
    path = Path(ref).expanduser()
    if path.is_file():
        from prep_core import load_file

        return load_file(path)
    if os.sep in ref or path.suffix.lower() in _PROFILE_FILE_SUFFIXES:
        raise InvalidProfile(f"{ref}: no such file")
    from prep_core.store import is_valid_name

    # A malformed name is refused before first use could add the sample to the folder.
    return _store(args, with_sample=is_valid_name(ref)).load(ref)


def _section_keys(text: str) -> list[str]:
    from prep_core.sections import SECTION_BY_KEY

    keys = [key.strip() for key in text.split(",") if key.strip()]
    unknown = [key for key in keys if key not in SECTION_BY_KEY]
    if unknown or not keys:
        raise UnknownFormat(
            f"unknown section {', '.join(unknown) or text!r}; sections: {', '.join(SECTION_BY_KEY)}"
        )
    return keys


def _output_path(output: str | None, default_name: str) -> Path:
    if output is None:
        return EXPORTS_DIR / default_name
    path = Path(output).expanduser()
    return path / default_name if path.is_dir() else path


def _write(target: Path, data: bytes) -> None:
    from prep_core.store import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data, mode=0o644)  # an export is a document to share
    except OSError as error:
        raise PrepError(f"cannot write {target}: {error.strerror or error}") from error


def _table(rows: Sequence[Sequence[str]], *, right_aligned: set[int] = frozenset()) -> str:
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


# --- the parser -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    configure: Callable[[argparse.ArgumentParser], None] = lambda parser: None


def _profile_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "profile",
        metavar="PROFILE|FILE",
        help="a profile's id or slug in the data folder, or a .md/.json file",
    )


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a profile as .md (the template) or .json")


def _configure_check(parser: argparse.ArgumentParser) -> None:
    _profile_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _configure_export(parser: argparse.ArgumentParser) -> None:
    from prep_core.formats import FORMAT_NAMES

    _profile_argument(parser)
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


def _configure_app(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Any further arguments are passed to 'streamlit run'."


COMMANDS: tuple[Command, ...] = (
    Command("import", "import a .md or .json file as a new profile", cmd_import, _configure_import),
    Command("list", "list the profiles in the data folder", cmd_list),
    Command("show", "print a profile as Markdown", cmd_show, _profile_argument),
    Command("check", "show what a profile is still missing", cmd_check, _configure_check),
    Command(
        "export", "export a profile (Markdown, JSON, Word, Anki)", cmd_export, _configure_export
    ),
    Command("app", "start the dashboard in the browser (localhost)", cmd_app, _configure_app),
)


def build_parser() -> argparse.ArgumentParser:
    """The ``prep`` argument parser, one subcommand per entry of ``COMMANDS``."""
    parser = _Parser(
        prog="prep",
        description="Interview Prep Studio: research a company, draft your answers, export them.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the data folder (default: $PREP_DATA_DIR, else data/ of the checkout)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=command.help, description=command.help)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked for (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=kwargs.get("help"))  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> NoReturn:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("interview-prep-studio")
        except PackageNotFoundError:
            number = "unknown"
        print(f"prep {number}")
        parser.exit(0)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``prep`` with ``argv`` (default: the command line); return the exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "app":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.streamlit_args = extra
    try:
        return args.run(args)
    except PrepError as error:
        print(f"prep: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`prep show x | head`): stop quietly, without a second error
        # when Python flushes stdout on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
