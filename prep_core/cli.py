"""The ``prep`` command: import, list, show, check, export and practise, or start the dashboard.

A thin front end over ``prep_core``: each command parses its arguments, calls the core and
prints. Heavy modules (readers, writers, streamlit) are imported inside the commands that need
them, so ``prep --help`` starts fast. Errors a user can cause (``PrepError``) become one line on
stderr and exit code 2; they are raised before any file is written.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from prep_core import cli_fit, cli_practice
from prep_core.errors import InvalidProfile, PrepError, PrepWarning, UnknownFormat, one_line
from prep_core.formats import READABLE_SUFFIXES as _PROFILE_FILE_SUFFIXES
from prep_core.paths import APP_PATH, EXPORTS_DIR, SAMPLE_PATH

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
    """Import a .md or .json file as a new profile (again, as a copy, with ``--copy``)."""
    from prep_core.errors import AlreadyImported

    try:
        profile = _store(args).import_file(args.file, as_copy=args.copy)
    except AlreadyImported as error:
        raise PrepError(
            f"{args.file}: {error} (id {error.existing_id}); --copy imports it again"
        ) from None
    print(f"{profile.id}  {profile.title}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """A table of the profiles in the data folder, then a warning row per broken file."""
    from prep_core.completeness import completeness

    store = _store(args)
    entries = store.entries()
    good = [e.profile for e in entries if e.profile is not None]
    if not entries:
        sample = f" (the sample: prep import {SAMPLE_PATH})" if SAMPLE_PATH.is_file() else ""
        print(f"No profiles in {store.folder}. Import one with: prep import FILE{sample}")
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
            print(f"warning: {one_line(entry.error)} (not loaded; the file was left as it is)")
        elif entry.warning is not None:
            print(f"warning: {one_line(entry.warning)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """List what is in the trash, or bring back the latest trashed copy of PROFILE_ID."""
    store = _store(args)
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
    print(_table([header, *rows]))
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
    from datetime import datetime

    from prep_core.insight import Insight
    from prep_core.progress import practice_stats

    profile = _profile(args)
    insight = Insight.of(profile, cli_fit._stories(args), now=datetime.now().astimezone())
    report, fit = insight.completeness, insight.coverage
    practice = practice_stats(profile)
    if args.json:
        import json

        data = report.to_dict() | {"practice": practice.to_dict(), "coverage": fit.to_dict()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    rows = [("SECTION", "FILLED", "MISSING")]
    for section in report.sections:
        missing = ", ".join(spec.label for spec in section.missing) or "-"
        rows.append((section.section.title, f"{len(section.filled)}/{section.total}", missing))
    print(f"{profile.title}: {report.percent}% complete ({report.filled}/{report.total} fields)")
    print(f"Drafted answers: {report.answered} of {report.questions} questions")
    print(
        f"Rehearsed answers: {practice.rehearsed} of {practice.questions} questions "
        f"({practice.weak} weak, {practice.attempts} attempts)"
    )
    if fit.requirements:
        print(f"Must-haves covered: {fit.must_covered} of {fit.must_total} (prep coverage)")
    print()
    print(_table(rows, right_aligned={1}))
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    """Print the day-by-day plan to the next interview round."""
    from datetime import datetime

    from prep_core.insight import Insight
    from prep_core.stories import StoryStore

    profile = _profile(args)
    try:  # a story can prove a must-have; a bad bank only means none does
        stories = StoryStore(args.data_dir).load().stories
    except PrepError:
        stories = []
    now = datetime.now().astimezone()  # the local day
    result = Insight.of(profile, stories, now=now).plan
    if args.json:
        import json

        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"{profile.title}: {result.message}")
    for day in result.days:
        print()
        print(f"{day.date:%a %Y-%m-%d}")
        for item in day.items:
            print(f"  [{item.kind}] {item.text}  ({item.page})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export a profile to a file in ``exports/``, to ``-o PATH``, or to stdout (``-o -``)."""
    from prep_core.formats import get_format

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
    from datetime import datetime

    now = datetime.now().astimezone()
    if spec.analysed:  # the story bank loaded once, the analysis computed once, for the writer
        from prep_core.insight import Insight

        options["insight"] = Insight.of(profile, cli_fit.bank(args), now=now)
    elif "stories" in spec.options and (stories := cli_fit.linked(profile, args)):
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


def _store(args: argparse.Namespace) -> Store:
    """The data folder's store. Commands that only read create nothing in it."""
    from prep_core.store import Store

    return Store.open(args.data_dir)


def _profile(args: argparse.Namespace) -> Profile:
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
    return _store(args).load(ref)


def _section_keys(text: str) -> list[str]:
    from prep_core.sections import SECTION_BY_KEY

    keys = [key.strip() for key in text.split(",") if key.strip()]
    unknown = [key for key in keys if key not in SECTION_BY_KEY]
    if unknown or not keys:
        raise UnknownFormat(
            f"unknown section {', '.join(unknown) or text!r}; sections: {', '.join(SECTION_BY_KEY)}"
        )
    return keys


def _show_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Our warnings (files that loaded but hold a problem): one line each; others as usual."""
    for warning in caught:
        if issubclass(warning.category, PrepWarning):
            print(f"prep: warning: {one_line(str(warning.message))}", file=sys.stderr)
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )


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
    parser.add_argument(
        "--copy",
        action="store_true",
        help="import a file that is imported already again, as '<company> (copy)'",
    )


def _configure_restore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "profile_id",
        metavar="PROFILE_ID",
        nargs="?",
        help="the id of a deleted profile (without it: list what is in the trash)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


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
    Command("plan", "the day-by-day plan to the next interview round", cmd_plan, _configure_check),
    Command(
        "restore",
        "list deleted profiles, or bring one back from the trash",
        cmd_restore,
        _configure_restore,
    ),
    Command("app", "start the dashboard in the browser (localhost)", cmd_app, _configure_app),
    Command(
        "practice",
        "feedback on one attempt at a question, typed or spoken",
        cli_practice.run,
        cli_practice.configure,
    ),
    Command(
        "coverage",
        "each posting requirement against skills, stories and answers",
        cli_fit.run_coverage,
        cli_fit.configure_coverage,
    ),
    Command(
        "stories",
        "the STAR story bank shared by profiles: list, import, export",
        cli_fit.run_stories,
        cli_fit.configure_stories,
    ),
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
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", PrepWarning)
            try:
                return args.run(args)
            finally:
                _show_warnings(caught)
    except PrepError as error:
        print(f"prep: error: {one_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`prep show x | head`): stop quietly, without a second error
        # when Python flushes stdout on exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # the system refused a path we were given: still one line
        where = f"{error.filename}: " if error.filename is not None else ""
        reason = error.strerror or str(error)
        print(f"prep: error: {one_line(f'{where}{reason}')}", file=sys.stderr)
        return EXIT_USAGE
