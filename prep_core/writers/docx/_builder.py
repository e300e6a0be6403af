"""A thin, fast layer over python-docx: paragraphs, runs, links, fields and tables.

Every string goes through ``clean`` before it reaches the XML, because lxml refuses control
characters outright. Paragraphs and table rows are built on the XML elements directly, with
style ids resolved once by the theme, which keeps building linear in the size of the profile.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from prep_core.writers.docx._table import add_table
from prep_core.writers.docx._theme import Scale, apply_theme

# What XML 1.0 cannot hold, plus C1 controls (legal XML, but never meant as text).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_PLACEHOLDER = re.compile(r"^\s*\[[^\[\]]*\]\s*$")
_LINK_SCHEMES = ("http", "https", "mailto", "ftp")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core-property strings


def clean(text: str) -> str:
    """``text`` with every character XML (and so Word) cannot hold removed."""
    return _UNSAFE.sub("", text)


def is_placeholder(value: object) -> bool:
    """Whether ``value`` is a template hint such as ``[Yes/No]`` rather than real content."""
    return isinstance(value, str) and bool(_PLACEHOLDER.match(value))


def format_date(day: date) -> str:
    """'Friday 4 December 2026', in English whatever the process locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def link_target(url: str) -> str:
    """The URL to link to, or '' when it is not one a reader should be sent to."""
    url = "".join(clean(url).split())
    if not url:
        return ""
    scheme = urlsplit(url).scheme.lower() if ":" in url else ""
    if not scheme and "." in url.split("/", 1)[0]:
        return "https://" + url  # "netflixtechblog.com/x": a bare host is meant as a web page
    return url if scheme in _LINK_SCHEMES else ""


def clip(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (for metadata, never content)."""
    text = clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Builder:
    """One Word document under construction, with the theme's styles resolved once."""

    def __init__(self, scale: Scale) -> None:
        self.doc = docx.Document()
        self.style_ids = apply_theme(self.doc, scale)
        self.section = self.doc.sections[0]
        self._body = self.doc._body
        self._body_element = self._body._element
        self._part = self.doc.part
        self._link_ids: dict[str, str] = {}

    # --- paragraphs and runs -----------------------------------------------------------------

    def paragraph(
        self, style: str = "Normal", text: str = "", *, bold: bool = False, italic: bool = False
    ) -> Paragraph:
        """A new body paragraph in ``style`` (a theme style name), optionally with text."""
        p = self._body_element.add_p()
        style_id = self.style_ids[style]
        if style != "Normal":
            p.style = style_id
        paragraph = Paragraph(p, self._body)
        if text:
            self.run(paragraph, text, bold=bold, italic=italic)
        return paragraph

    def run(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        style: str = "",
    ) -> Run:
        """Append ``text`` to ``paragraph``; ``\\n`` becomes a line break, as in Word."""
        r = paragraph._p.add_r()
        run = Run(r, paragraph)
        run.text = clean(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if style:
            r.style = self.style_ids[style]
        return run

    def heading(self, text: str, level: int) -> Paragraph:
        """A Heading 1/2 paragraph: the outline and the navigation pane come from these."""
        return self.paragraph(f"Heading {level}", text)

    def fact(self, label: str, value: str, style: str = "Fact") -> Paragraph:
        """'**Label**: value'; further paragraphs of a long value follow in plain paragraphs."""
        first, *rest = [part for part in value.split("\n\n") if part] or [""]
        paragraph = self.paragraph(style)
        self.run(paragraph, f"{label}: ", bold=True)
        self.run(paragraph, first)
        for part in rest:
            self.paragraph(style, part)
        return paragraph

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.paragraph("List Bullet", item)

    def keep_with_next(self, paragraph: Paragraph) -> None:
        paragraph.paragraph_format.keep_with_next = True

    # --- links and fields ---------------------------------------------------------------------

    def hyperlink(self, paragraph: Paragraph, text: str, url: str) -> None:
        """A clickable link (an external relationship), or plain text if ``url`` is unusable."""
        target = link_target(url)
        if not target:
            self.run(paragraph, text or clean(url))
            return
        rel_id = self._link_ids.get(target)
        if rel_id is None:
            rel_id = self._part.relate_to(target, RT.HYPERLINK, is_external=True)
            self._link_ids[target] = rel_id
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        link.set(qn("w:history"), "1")
        r = OxmlElement("w:r")
        link.append(r)
        run = Run(r, paragraph)
        run.text = clean(text) or target
        r.style = self.style_ids["Hyperlink"]
        paragraph._p.append(link)

    def field(self, paragraph: Paragraph, instruction: str, shown: str = "") -> None:
        """A Word field (PAGE, NUMPAGES …) whose last computed result is ``shown``."""
        self.field_start(paragraph, instruction)
        if shown:
            self.run(paragraph, shown)
        self.field_end(paragraph)

    def field_start(self, paragraph: Paragraph, instruction: str) -> None:
        """Open a field; its result is what follows until ``field_end`` (may span paragraphs)."""
        self._field_char(paragraph, "begin")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        paragraph._p.add_r().append(instr)
        self._field_char(paragraph, "separate")

    def field_end(self, paragraph: Paragraph) -> None:
        self._field_char(paragraph, "end")

    @staticmethod
    def _field_char(paragraph: Paragraph, kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        paragraph._p.add_r().append(char)

    def footer(self, left: str) -> None:
        """Footer: ``left`` text, then 'page N of M' from PAGE and NUMPAGES fields."""
        paragraph = self.section.footer.paragraphs[0]
        paragraph._p.style = self.style_ids["Footer"]
        self.run(paragraph, f"{left}  ·  page " if left else "page ")
        self.field(paragraph, "PAGE", "1")
        self.run(paragraph, " of ")
        self.field(paragraph, "NUMPAGES", "1")

    # --- tables ---------------------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths_cm: Sequence[float],
        *,
        borders: bool = True,
    ) -> Table:
        """A fixed-layout table; the header row (if any) repeats on every page."""
        return add_table(self, header, rows, widths_cm, borders=borders)

    # --- the file -------------------------------------------------------------------------------

    def properties(
        self,
        *,
        title: str,
        subject: str,
        keywords: Iterable[str],
        now: datetime,
        comments: str = "",
        author: str = "",
    ) -> None:
        """Core properties: dates from ``now`` (UTC), python-docx's own defaults overwritten."""
        props = self.doc.core_properties
        stamp = now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
        props.title = clip(title)
        props.subject = clip(subject)
        props.author = clip(author)
        props.keywords = clip("; ".join(clean(k) for k in keywords))
        props.comments = clip(comments)
        props.category = "Interview preparation"
        props.last_modified_by = clip(author)
        props.created = props.modified = stamp
        props.last_printed = stamp
        props.revision = 1

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()
