"""The registry of formats: the one list the CLI, the pages, the readers and the tests loop over.

As pandoc's ``Readers.hs`` and ``Writers.hs``: each row names a format and the function that
reads it, writes it, or both, as a "module:function" string loaded on first use (``lazy.load``),
so ``prep --help`` and ``prep export --to md`` stay fast. Adding a format is one module in
``prep_core/readers/`` or ``prep_core/writers/`` plus one row in ``FORMATS``.

A writer that shows what the profile means (coverage, gaps, the plan, stale facts) is
``analysed``: it takes the profile's ``Insight`` as ``insight=`` and computes nothing itself;
``export`` builds the insight (from ``stories=``, the story bank) only when the caller has none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from prep_core.errors import InvalidProfile, UnknownFormat
from prep_core.lazy import load

if TYPE_CHECKING:  # only for annotations: `prep --help` reads FORMAT_NAMES without pydantic
    from prep_core.insight import Insight
    from prep_core.model import Profile


@dataclass(frozen=True)
class Format:
    """One format: its names, and where its reader and writer live."""

    name: str  # what --to takes: "md"
    label: str  # what a person reads: "Markdown (template)"
    extension: str  # an export's file extension, without the dot
    mime: str
    binary: bool  # the writer returns bytes; otherwise str (UTF-8 on export)
    writer: str = ""  # "module:write", write(profile, *, now, **options); empty: not written
    reader: str = ""  # "module:read", read(text) -> Profile; empty: not read
    suffixes: tuple[str, ...] = ()  # the file suffixes the reader takes: (".md", ".txt")
    variants: tuple[str, ...] = ()  # first one is the default
    options: tuple[str, ...] = ()  # further keyword options the writer accepts
    analysed: bool = False  # the writer takes insight= (and export() takes stories= for it)
    description: str = ""

    @property
    def write(self) -> Callable[..., str | bytes]:
        """The writer function, imported on first use."""
        return load(self.writer)

    @property
    def read(self) -> Callable[[str], Profile]:
        """The reader function, imported on first use."""
        return load(self.reader)


FORMATS: tuple[Format, ...] = (
    Format(
        name="md",
        label="Markdown (template)",
        extension="md",
        mime="text/markdown",
        binary=False,
        writer="prep_core.writers.markdown:write",
        reader="prep_core.readers.markdown:read",
        suffixes=(".md", ".markdown", ".txt"),
        options=("stories",),  # the story bank's stories to write under "## Story Bank"
        description="The template format: readable, editable, imports back.",
    ),
    Format(
        name="json",
        label="JSON (lossless)",
        extension="json",
        mime="application/json",
        binary=False,
        writer="prep_core.writers.json:write",
        reader="prep_core.readers.json:read",
        suffixes=(".json",),
        description="Everything, as stored: for backups and moving between machines.",
    ),
    Format(
        name="docx",
        label="Word document",
        extension="docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        binary=True,
        writer="prep_core.writers.docx:write",
        variants=("dossier", "cheatsheet"),
        analysed=True,  # the coverage matrix, the gaps, the stale facts, the fields still empty
        description="A dossier to read and print, or a two-page cheat sheet.",
    ),
    Format(
        name="apkg",
        label="Anki deck",
        extension="apkg",
        mime="application/octet-stream",
        binary=True,
        writer="prep_core.writers.anki:write",
        options=("sections",),
        analysed=True,  # weak and gap questions first, the stories used, no stale facts
        description="Flashcards of the facts and your answers; re-import updates them.",
    ),
    Format(
        name="ics",
        label="Calendar (iCalendar)",
        extension="ics",
        mime="text/calendar",
        binary=True,
        writer="prep_core.writers.ics:write",
        analysed=True,  # the plan's prep blocks and the facts to re-check
        description="Your rounds with reminders, the daily prep blocks and the debriefs; "
        "re-import updates them.",
    ),
)

WRITERS: tuple[Format, ...] = tuple(f for f in FORMATS if f.writer)
READERS: tuple[Format, ...] = tuple(f for f in FORMATS if f.reader)
FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in WRITERS)  # what --to takes
# What `prep import`, a FILE argument and the Library's uploader take: ".md" ... ".json".
READABLE_SUFFIXES: tuple[str, ...] = tuple(s for f in READERS for s in f.suffixes)


def get_format(name: str) -> Format:
    """The format an export names (``--to``); UnknownFormat lists the choices."""
    for fmt in WRITERS:
        if fmt.name == name:
            return fmt
    raise UnknownFormat(f"unknown format {name!r}; choose one of: {', '.join(FORMAT_NAMES)}")


def reader_for(name: str) -> Format:
    """The format whose reader takes the file ``name`` (by its suffix, in any case).

    Raises InvalidProfile naming the file and the suffixes that are readable.
    """
    suffix = PurePath(name).suffix.lower()
    for fmt in READERS:
        if suffix in fmt.suffixes:
            return fmt
    what = f"extension {suffix!r}" if suffix else "no extension"
    known = ", ".join(READABLE_SUFFIXES)
    raise InvalidProfile(f"{name}: cannot read a file with {what}; expected one of {known}")


def export(
    profile: Profile,
    fmt: str,
    *,
    now: datetime | None = None,
    insight: Insight | None = None,
    **options: Any,
) -> bytes:
    """Write ``profile`` in format ``fmt`` and return the file's bytes.

    ``now`` is the clock (the insight's, else the current time, when omitted), so the same call
    gives the same bytes. ``variant`` picks a variant of formats that have them; other options
    are per format. An analysed format takes the profile's ``insight``, or ``stories`` (the
    story bank) to compute it from, once, here.
    """
    spec = get_format(fmt)
    options = {k: v for k, v in options.items() if v is not None}
    now = now or (insight.now if insight is not None else datetime.now(UTC))
    stories = options.pop("stories", ()) if spec.analysed else ()
    variant = options.pop("variant", None)
    if variant is not None:
        if variant not in spec.variants:
            choices = ", ".join(spec.variants) or "none"
            raise UnknownFormat(f"format {fmt!r} has no variant {variant!r}; variants: {choices}")
        options["variant"] = variant
    unknown = set(options) - set(spec.options) - {"variant"}
    if unknown:
        raise UnknownFormat(f"format {fmt!r} takes no option {', '.join(sorted(unknown))}")
    if spec.analysed:
        if insight is None:  # once per export: the writer computes nothing itself
            from prep_core.insight import Insight

            insight = Insight.of(profile, stories, now=now)
        options["insight"] = insight
    result = spec.write(profile, now=now, **options)
    return result.encode("utf-8") if isinstance(result, str) else result


def export_filename(
    profile: Profile, fmt: str, *, now: datetime | None = None, variant: str | None = None
) -> str:
    """``netflix-ml-engineer-2026-11-27.md``; a non-default variant joins the name."""
    spec = get_format(fmt)
    day = (now or datetime.now(UTC)).date().isoformat()
    middle = f"-{variant}" if variant and spec.variants and variant != spec.variants[0] else ""
    return f"{profile.slug}{middle}-{day}.{spec.extension}"
