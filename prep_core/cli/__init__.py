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
from collections.abc import Sequence
from typing import NoReturn

from prep_core.cli import app, coverage, export, mock, practice, profiles, readiness, stories
from prep_core.cli._common import EXIT_USAGE, Command, profile_argument
from prep_core.errors import PrepError, PrepWarning, one_line

EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other error here."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"prep: error: {message} (see '{self.prog} --help')\n")


# --- warnings --------------------------------------------------------------------------------


def _show_warnings(caught: list[warnings.WarningMessage]) -> None:
    """Our warnings (files that loaded but hold a problem): one line each; others as usual."""
    for warning in caught:
        if issubclass(warning.category, PrepWarning):
            print(f"prep: warning: {one_line(str(warning.message))}", file=sys.stderr)
        else:
            warnings.showwarning(
                warning.message, warning.category, warning.filename, warning.lineno
            )


# --- the parser -------------------------------------------------------------------------------


COMMANDS: tuple[Command, ...] = (
    Command(
        "import",
        "import a .md or .json file as a new profile",
        profiles.run_import,
        profiles.configure_import,
    ),
    Command("list", "list the profiles in the data folder", profiles.run_list),
    Command("show", "print a profile as Markdown", profiles.run_show, profile_argument),
    Command(
        "check", "show what a profile is still missing", readiness.run_check, readiness.configure
    ),
    Command(
        "export",
        "export a profile (Markdown, JSON, Word, Anki)",
        export.run_export,
        export.configure_export,
    ),
    Command(
        "plan",
        "the day-by-day plan to the next interview round",
        readiness.run_plan,
        readiness.configure,
    ),
    Command(
        "restore",
        "list deleted profiles, or bring one back from the trash",
        profiles.run_restore,
        profiles.configure_restore,
    ),
    Command(
        "app", "start the dashboard in the browser (localhost)", app.run_app, app.configure_app
    ),
    Command(
        "practice",
        "feedback on one attempt at a question, typed or spoken",
        practice.run_practice,
        practice.configure_practice,
    ),
    Command(
        "mock",
        "a mock round: questions for a round kind, weakest first",
        mock.run_mock,
        mock.configure_mock,
    ),
    Command(
        "coverage",
        "each posting requirement against skills, stories and answers",
        coverage.run_coverage,
        coverage.configure_coverage,
    ),
    Command(
        "stories",
        "the STAR story bank shared by profiles: list, import, export",
        stories.run_stories,
        stories.configure_stories,
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
