"""The README keeps up with the code: every CLI command and export format is documented."""

from __future__ import annotations

import pytest

from prep_core.cli import COMMANDS
from prep_core.formats import FORMATS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_cli_command_is_in_the_readme(command):
    assert f"prep {command}" in README


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_export_format_is_in_the_readme(fmt):
    assert f"--to {fmt.name}" in README


def test_the_first_lines_give_the_two_commands():
    commands = [line for line in README.splitlines()[:10] if line.startswith("`python3.11 -m venv")]
    assert len(commands) == 2
    assert commands[0].endswith("prep app`")
    assert commands[1].endswith("pytest`")
    assert commands[1].strip("`") in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
