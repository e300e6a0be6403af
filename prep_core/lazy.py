"""The one way ``prep_core`` loads code on first use: a "package.module:name" string.

The package's public names and the format registry's readers and writers are all named this
way, so ``prep --help`` and ``prep export --to md`` import only what they run.
"""

from __future__ import annotations

import importlib
from typing import Any


def load(target: str) -> Any:
    """The object ``target`` names, importing its module if need be.

    >>> load("prep_core.template:norm_key")("  Founded: ")
    'founded'
    """
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
