"""The layers of ARCHITECTURE.md, checked on the import statements: who may import whom.

The drawing is the table under "## The layers" in ARCHITECTURE.md (rows from the top of the
house down). Every module of ``prep_core/``, ``pages/`` and ``app.py`` sits in exactly one layer,
and every import it makes, anywhere in the file (inside functions and ``TYPE_CHECKING`` blocks
too), goes to its own layer or one below.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAWING = ROOT / "ARCHITECTURE.md"
WRITERS_MAY_IMPORT = {"base", "model", "section registry"}  # and the Insight type, to annotate
PACKAGE = ROOT / "prep_core"


def imported_modules(path: Path) -> set[str]:
    """Every module name ``path`` imports, anywhere in the file (inside functions too)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
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


def layers(drawing: Path = DRAWING) -> list[tuple[str, list[str]]]:
    """(layer name, module path patterns) for each row of the layers table, top first."""
    text = drawing.read_text(encoding="utf-8")
    table = text.split("## The layers", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("layer", "---"):
            rows.append((cells[0], re.findall(r"`([^`]+)`", cells[1])))
    return rows


def sources(root: Path) -> list[Path]:
    """Every Python file of the drawing's ground: the package, the pages, the app."""
    found = [*root.glob("prep_core/**/*.py"), *root.glob("pages/**/*.py"), root / "app.py"]
    return sorted(p for p in found if "__pycache__" not in p.parts)


def matches(path: str, pattern: str) -> bool:
    """``pattern`` names ``path`` or a folder it is in; ``*`` stays within one name, so
    ``pages/*.py`` is the pages and ``prep_core/cli*`` is ``cli.py``, ``cli_fit.py`` and a
    ``cli/`` package."""
    regex = re.compile(".*".join(map(_name_glob, pattern.rstrip("/").split("**"))))
    parts = path.split("/")
    return any(regex.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1))


def _name_glob(part: str) -> str:
    return "[^/]*".join(re.escape(piece) for piece in part.split("*"))


def layer_of(path: str, drawing: list[tuple[str, list[str]]]) -> list[str]:
    return [name for name, patterns in drawing if any(matches(path, p) for p in patterns)]


def module_path(name: str, root: Path) -> str | None:
    """The file (relative to ``root``) that the module ``name`` is, or None if not ours."""
    if not name.startswith(("prep_core", "pages")):
        return None
    base = root.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate.relative_to(root).as_posix()
    return None


def imports(path: Path, root: Path) -> list[tuple[str, bool]]:
    """(imported file, only for type checking) for each of ours that ``path`` imports."""
    rel = path.relative_to(root)
    package = ".".join(rel.parent.parts)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test).endswith("TYPE_CHECKING")
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, [base, node.module or ""]))
            # ``from prep_core import voice`` imports a module; ``import load_file`` the package
            names = [
                f"{module}.{a.name}" if module_path(f"{module}.{a.name}", root) else module
                for a in node.names
            ]
        for name in names:
            target = module_path(name, root)
            if target is not None and target != rel.as_posix():
                found.append((target, id(node) in typing_only))
    return found


def violations(root: Path = ROOT, drawing: Path = DRAWING) -> list[str]:
    """Every way the code at ``root`` differs from the drawing, one line each."""
    table = layers(drawing)
    rank = {name: n for n, (name, _) in enumerate(table)}  # 0 is the top of the house
    problems = []
    for path in sources(root):
        rel = path.relative_to(root).as_posix()
        homes = layer_of(rel, table)
        if len(homes) != 1:
            problems.append(f"{rel} is in {len(homes)} layers of the drawing: {homes}")
            continue
        home = homes[0]
        for target, typing_only in imports(path, root):
            there = layer_of(target, table)
            if len(there) != 1:
                continue  # reported as its own module
            if rank[there[0]] < rank[home]:
                problems.append(f"{rel} ({home}) imports {target} ({there[0]}), a layer above")
            writer = rel.startswith("prep_core/writers/")
            if writer and not target.startswith("prep_core/writers/"):
                allowed = there[0] in WRITERS_MAY_IMPORT
                allowed |= typing_only and target == "prep_core/insight.py"
                if not allowed:
                    problems.append(f"{rel} is a writer and imports {target} ({there[0]})")
            if writer and target.startswith("prep_core/readers/"):
                problems.append(f"{rel} is a writer and imports a reader, {target}")
    return problems


def test_the_code_is_the_drawing():
    assert layers(), "ARCHITECTURE.md has no layers table"
    assert violations() == []


def test_a_planted_upward_import_fails(tmp_path):
    """The model importing the CLI (a layer far above it), and a writer importing the
    analysis: both are reported."""
    for part in ("prep_core", "pages"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "app.py", tmp_path / "app.py")
    assert violations(tmp_path) == []
    with (tmp_path / "prep_core" / "model.py").open("a", encoding="utf-8") as model:
        model.write("\n\ndef _planted():\n    from prep_core.cli import main\n")
    with (tmp_path / "prep_core" / "writers" / "ics.py").open("a", encoding="utf-8") as ics:
        ics.write("\n\nfrom prep_core.coverage import coverage\n")
    assert violations(tmp_path) == [
        "prep_core/model.py (model) imports prep_core/cli/__init__.py (front ends), a layer above",
        "prep_core/writers/ics.py is a writer and imports prep_core/coverage.py (analysis)",
    ]


def test_a_module_outside_the_drawing_fails(tmp_path):
    for part in ("prep_core", "pages"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "app.py", tmp_path / "app.py")
    (tmp_path / "prep_core" / "newcomer.py").write_text("", encoding="utf-8")
    assert violations(tmp_path) == ["prep_core/newcomer.py is in 0 layers of the drawing: []"]


def test_no_code_or_test_cites_a_document_outside_the_repository():
    """The repository stands alone: what the code relies on is in ARCHITECTURE.md or docs/."""
    cited = []
    for path in [*sources(ROOT), *ROOT.glob("tests/**/*.py"), *ROOT.glob("benchmarks/*.py")]:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bDESIGN\b|\.\./shared", text) and path != Path(__file__):
            cited.append(path.relative_to(ROOT).as_posix())
    assert cited == []


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
