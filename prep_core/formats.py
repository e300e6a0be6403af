"""The registry of export formats: the one list the CLI, the Export page and the tests loop over.

Adding a format is one module in ``prep_core/writers/`` plus one row in ``FORMATS``. Writers are
imported only when used, so ``prep --help`` and ``prep export --to md`` stay fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from prep_core.errors import UnknownFormat

if TYPE_CHECKING:  # only for annotations: `prep --help` reads FORMAT_NAMES without pydantic
    from prep_core.model import Profile


@dataclass(frozen=True)
class Format:
    name: str  # what --to takes: "md"
    label: str  # what a person reads: "Markdown (template)"
    extension: str  # without the dot
    mime: str
    binary: bool  # the writer returns bytes; otherwise str (UTF-8 on export)
    module: str  # prep_core.writers.<module> holds write(profile, *, now, **options)
    variants: tuple[str, ...] = ()  # first one is the default
    options: tuple[str, ...] = ()  # further keyword options the writer accepts
    description: str = ""

    @property
    def writer(self) -> Callable[..., str | bytes]:
        return importlib.import_module(f"prep_core.writers.{self.module}").write


FORMATS: tuple[Format, ...] = (
    Format(
        name="md",
        label="Markdown (template)",
        extension="md",
        mime="text/markdown",
        binary=False,
        module="markdown",
        description="The template format: readable, editable, imports back.",
    ),
    Format(
        name="json",
        label="JSON (lossless)",
        extension="json",
        mime="application/json",
        binary=False,
        module="json",
        description="Everything, as stored: for backups and moving between machines.",
    ),
    Format(
        name="docx",
        label="Word document",
        extension="docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        binary=True,
        module="docx",
        variants=("dossier", "cheatsheet"),
        description="A dossier to read and print, or a two-page cheat sheet.",
    ),
    Format(
        name="apkg",
        label="Anki deck",
        extension="apkg",
        mime="application/octet-stream",
        binary=True,
        module="anki",
        options=("sections",),
        description="Flashcards of the facts and your answers; re-import updates them.",
    ),
)

FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)


def get_format(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise UnknownFormat(f"unknown format {name!r}; choose one of: {', '.join(FORMAT_NAMES)}")


def export(profile: Profile, fmt: str, *, now: datetime | None = None, **options: Any) -> bytes:
    """Write ``profile`` in format ``fmt`` and return the file's bytes.

    ``now`` is the clock (the current time when omitted), so the same call gives the same bytes.
    ``variant`` picks a variant of formats that have them; other options are per format.
    """
    spec = get_format(fmt)
    options = {k: v for k, v in options.items() if v is not None}
    variant = options.pop("variant", None)
    if variant is not None:
        if variant not in spec.variants:
            choices = ", ".join(spec.variants) or "none"
            raise UnknownFormat(f"format {fmt!r} has no variant {variant!r}; variants: {choices}")
        options["variant"] = variant
    unknown = set(options) - set(spec.options) - {"variant"}
    if unknown:
        raise UnknownFormat(f"format {fmt!r} takes no option {', '.join(sorted(unknown))}")
    result = spec.writer(profile, now=now or datetime.now(UTC), **options)
    return result.encode("utf-8") if isinstance(result, str) else result


def export_filename(
    profile: Profile, fmt: str, *, now: datetime | None = None, variant: str | None = None
) -> str:
    """``netflix-ml-engineer-2026-11-27.md``; a non-default variant joins the name."""
    spec = get_format(fmt)
    day = (now or datetime.now(UTC)).date().isoformat()
    middle = f"-{variant}" if variant and spec.variants and variant != spec.variants[0] else ""
    return f"{profile.slug}{middle}-{day}.{spec.extension}"
