"""The layers of ``prep_core``, checked on its import statements: who may import whom."""

from __future__ import annotations

import ast
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
