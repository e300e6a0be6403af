"""Interview Prep Studio's core: the profile model, its formats, the store and the CLI.

Names are loaded on first use (PEP 562, through ``lazy.load``), so importing the package, or
running ``prep --help``, does not import every reader and writer. The ``TYPE_CHECKING`` block
says the same to editors and type checkers, so "go to definition" finds each name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prep_core.errors import PrepError
    from prep_core.formats import FORMATS, export, export_filename, get_format
    from prep_core.model import Profile
    from prep_core.readers import load_file
    from prep_core.readers.json import read as read_json
    from prep_core.readers.markdown import read as read_markdown
    from prep_core.sections import SECTIONS
    from prep_core.store import Store
    from prep_core.writers.json import write as write_json
    from prep_core.writers.markdown import write as write_markdown

__all__ = [
    "FORMATS",
    "SECTIONS",
    "PrepError",
    "Profile",
    "Store",
    "export",
    "export_filename",
    "get_format",
    "load_file",
    "read_json",
    "read_markdown",
    "write_json",
    "write_markdown",
]

_WHERE = {  # public name -> "module:name", as the TYPE_CHECKING block above imports it
    "FORMATS": "prep_core.formats:FORMATS",
    "SECTIONS": "prep_core.sections:SECTIONS",
    "PrepError": "prep_core.errors:PrepError",
    "Profile": "prep_core.model:Profile",
    "Store": "prep_core.store:Store",
    "export": "prep_core.formats:export",
    "export_filename": "prep_core.formats:export_filename",
    "get_format": "prep_core.formats:get_format",
    "load_file": "prep_core.readers:load_file",
    "read_json": "prep_core.readers.json:read",
    "read_markdown": "prep_core.readers.markdown:read",
    "write_json": "prep_core.writers.json:write",
    "write_markdown": "prep_core.writers.markdown:write",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'prep_core' has no attribute {name!r}")
    from prep_core.lazy import load  # here, so that importing the package imports nothing

    value = globals()[name] = load(_WHERE[name])
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
