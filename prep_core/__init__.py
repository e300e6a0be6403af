"""Interview Prep Studio's core: the profile model, its formats, the store and the CLI.

Names are loaded on first use (PEP 562), so importing the package, or running ``prep --help``,
does not import every reader and writer.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "FORMATS",
    "SECTIONS",
    "PrepError",
    "Profile",
    "Store",
    "completeness",
    "export",
    "export_filename",
    "get_format",
    "load_file",
    "read_json",
    "read_markdown",
    "write_json",
    "write_markdown",
]

_HOMES = {
    "FORMATS": "prep_core.formats",
    "SECTIONS": "prep_core.sections",
    "PrepError": "prep_core.errors",
    "Profile": "prep_core.model",
    "Store": "prep_core.store",
    "completeness": "prep_core.completeness",
    "export": "prep_core.formats",
    "export_filename": "prep_core.formats",
    "get_format": "prep_core.formats",
    "load_file": "prep_core.readers",
    "read_json": "prep_core.readers.json",
    "read_markdown": "prep_core.readers.markdown",
    "write_json": "prep_core.writers.json",
    "write_markdown": "prep_core.writers.markdown",
}
_RENAMED = {
    "read_json": "read",
    "read_markdown": "read",
    "write_json": "write",
    "write_markdown": "write",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'prep_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
