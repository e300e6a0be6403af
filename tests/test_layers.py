"""The layers of ``prep_core``, checked on its import statements: who may import whom."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "prep_core"


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in the file (inside functions too)."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, [base, node.module or ""]))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def test_no_writer_imports_a_reader():
    """Readers and writers meet only at the model (and the template's syntax)."""
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in imported_modules(path) if m.startswith("prep_core.readers")
        )
        for path in sorted((PACKAGE / "writers").rglob("*.py"))
    }
    assert {path: found for path, found in offenders.items() if found} == {}


def test_markdown_export_does_not_load_the_markdown_parser():
    """``--to md`` writes text: markdown-it parses, and only the reader needs it."""
    code = (
        "import sys, prep_core\n"
        "from prep_core.model import Profile\n"
        "prep_core.export(Profile(company='Acme'), 'md')\n"
        "loaded = ('markdown_it', 'prep_core.readers')\n"
        "print(sorted(m for m in sys.modules if m.startswith(loaded)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_command_modules_share_only_cli_common():
    """Each command group imports ``cli/_common.py`` and never another command module, so
    there is no circle and no module reaches for another's helpers."""
    offenders = {}
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        if path.name in ("__init__.py", "_common.py"):
            continue
        found = {
            m
            for m in imported_modules(path)
            if m.startswith("prep_core.cli") and not m.startswith("prep_core.cli._common")
        }
        if found:
            offenders[path.name] = sorted(found)
    common = {m for m in imported_modules(PACKAGE / "cli" / "_common.py")}
    assert offenders == {}
    assert not {m for m in common if m.startswith("prep_core.cli")}


def test_no_module_imports_a_private_name_of_the_stores_or_the_cli():
    """Both stores are built on ``files.py``; neither reaches into the other (the story bank
    once borrowed ``Store._locked``), and no command uses a private helper of another."""
    private = re.compile(r"^prep_core\.(store|stories|files|cli|cli\.\w+)\._\w+$")
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        found = [m for m in imported_modules(path) if private.match(m)]
        offenders[str(path.relative_to(PACKAGE))] = sorted(set(found) - {"prep_core.cli._common"})
    assert {path: found for path, found in offenders.items() if found} == {}
    assert "_locked" not in (PACKAGE / "stories.py").read_text(encoding="utf-8")
