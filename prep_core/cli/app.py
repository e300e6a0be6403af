"""``prep app``: the Streamlit dashboard, on localhost only."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from prep_core.cli._common import EXIT_USAGE
from prep_core.paths import APP_PATH


def run_app(args: argparse.Namespace) -> int:
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


def configure_app(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Any further arguments are passed to 'streamlit run'."
