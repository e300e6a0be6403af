"""A thin, fast layer over python-docx: paragraphs, runs, links, fields and tables.

Every string goes through ``clean`` before it reaches the XML, because lxml refuses control
characters outright. Paragraphs and table rows are built on the XML elements directly, with
style ids resolved once by the theme, which keeps building linear in the size of the profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Cm, Emu
from docx.table import Table
from lxml.etree import SubElement

from prep_core.writers.docx._package import open_template, save
from prep_core.writers.docx._theme import TABLE_BORDER, TABLE_HEADER_FILL, Scale
from prep_core.writers.docx._xml import (
    add_field_char,
    add_instruction,
    add_paragraph,
    add_run,
    clean,
    paragraph_element,
)

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
_R_ID, _HISTORY, _HYPERLINK = qn("r:id"), qn("w:history"), qn("w:hyperlink")
_W, _TYPE = qn("w:w"), qn("w:type")
_TR, _TR_PR, _CANT_SPLIT, _TC, _TC_PR, _TC_W = (
    qn(f"w:{tag}") for tag in ("tr", "trPr", "cantSplit", "tc", "tcPr", "tcW")
)
CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core-property strings


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
    """One Word document under construction, started from the variant's cached template.

    Paragraphs are returned as raw ``w:p`` elements: callers only pass them back to ``run``,
    ``hyperlink`` and ``field``.
    """

    def __init__(self, scale: Scale) -> None:
        self.doc, self.style_ids = open_template(scale)
        self.section = self.doc.sections[0]
        self._body = self.doc._body
        self._sect_pr = self._body._element.sectPr
        self._part = self.doc.part
        self._link_ids: dict[str, str] = {}

    # --- paragraphs and runs -----------------------------------------------------------------

    def paragraph(
        self, style: str = "Normal", text: str = "", *, bold: bool = False, italic: bool = False
    ) -> CT_P:
        """A new body paragraph in ``style`` (a theme style name), optionally with text."""
        p = paragraph_element(self.style_ids[style] if style != "Normal" else "")
        self._sect_pr.addprevious(p)  # the body's last child must stay its sectPr
        if text:
            self.run(p, text, bold=bold, italic=italic)
        return p

    def run(
        self, p: CT_P, text: str, *, bold: bool = False, italic: bool = False, style: str = ""
    ) -> CT_R:
        """Append ``text`` to paragraph ``p``; ``\\n`` becomes a line break, as in Word."""
        style_id = self.style_ids[style] if style else ""
        return add_run(p, text, bold=bold, italic=italic, style_id=style_id)

    def heading(self, text: str, level: int) -> CT_P:
        """A Heading 1/2 paragraph: the outline and the navigation pane come from these."""
        return self.paragraph(f"Heading {level}", text)

    def fact(self, label: str, value: str, style: str = "Fact") -> CT_P:
        """'**Label**: value'; further paragraphs of a long value follow in plain paragraphs."""
        first, *rest = [part for part in value.split("\n\n") if part] or [""]
        p = self.paragraph(style)
        # "Have you used their products?" reads better without a colon after the mark
        self.run(p, f"{label} " if label.endswith(("?", ":", "!")) else f"{label}: ", bold=True)
        self.run(p, first)
        for part in rest:
            self.paragraph(style, part)
        return p

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.paragraph("List Bullet", item)

    def keep_with_next(self, p: CT_P) -> None:
        p.get_or_add_pPr().keepNext_val = True

    # --- links and fields ---------------------------------------------------------------------

    def hyperlink(self, p: CT_P, text: str, url: str) -> None:
        """A clickable link (an external relationship), or plain text if ``url`` is unusable."""
        target = link_target(url)
        if not target:
            self.run(p, text or url)
            return
        rel_id = self._link_ids.get(target)
        if rel_id is None:
            # Our own ids: part.relate_to scans every relationship twice per call (quadratic
            # in the number of links); python-docx's own ids are "rId<n>", so no clash.
            rel_id = f"rIdLink{len(self._link_ids) + 1}"
            self._part.rels.add_relationship(RT.HYPERLINK, target, rel_id, is_external=True)
            self._link_ids[target] = rel_id
        link = SubElement(p, _HYPERLINK, {_R_ID: rel_id, _HISTORY: "1"})
        add_run(link, clean(text) or target, style_id=self.style_ids["Hyperlink"])

    def field(self, p: CT_P, instruction: str, shown: str = "") -> None:
        """A Word field (PAGE, NUMPAGES …) whose last computed result is ``shown``."""
        self.field_start(p, instruction)
        if shown:
            self.run(p, shown)
        self.field_end(p)

    def field_start(self, p: CT_P, instruction: str) -> None:
        """Open a field; its result is what follows until ``field_end`` (may span paragraphs)."""
        add_field_char(p, "begin")
        add_instruction(p, instruction)
        add_field_char(p, "separate")

    def field_end(self, p: CT_P) -> None:
        add_field_char(p, "end")

    def footer(self, left: str) -> None:
        """Footer: ``left`` text, then 'page N of M' from PAGE and NUMPAGES fields."""
        p = self.section.footer.paragraphs[0]._p
        p.style = self.style_ids["Footer"]
        self.run(p, f"{left}  ·  page " if left else "page ")
        self.field(p, "PAGE", "1")
        self.run(p, " of ")
        self.field(p, "NUMPAGES", "1")

    # --- tables ---------------------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[str]],
        widths_cm: Sequence[float],
        *,
        borders: bool = True,
    ) -> Table:
        """A fixed-layout table after the last paragraph; the header row (if any) repeats on
        every page. A ``Label`` value is written in bold.

        Rows are appended as XML directly: ``table.add_row().cells`` and ``table.cell()`` walk
        the whole table on each call, which made long tables quadratic.
        """
        widths = [Cm(w) for w in widths_cm]
        table = self.doc.add_table(rows=0, cols=len(widths))
        tbl = table._tbl
        _table_properties(tbl, Emu(sum(widths)), borders=borders)
        for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
            grid_col.w = width
        if header:
            tr = self._row(tbl, header, widths, "Table Head")
            tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for tc in tr.tc_lst:
                _shade(tc, TABLE_HEADER_FILL)
        for values in rows:
            self._row(tbl, values, widths, "Table Text")
        return table

    def _row(self, tbl, values: Sequence[str], widths: Sequence[Emu], style: str):
        tr = SubElement(tbl, _TR)
        SubElement(SubElement(tr, _TR_PR), _CANT_SPLIT)  # a row never breaks across pages
        style_id = self.style_ids[style]
        for value, width in zip(values, widths, strict=True):
            tc = SubElement(tr, _TC)
            SubElement(SubElement(tc, _TC_PR), _TC_W, {_W: str(width.twips), _TYPE: "dxa"})
            bold = isinstance(value, Label)
            for part in str(value).split("\n\n"):
                add_run(add_paragraph(tc, style_id), part, bold=bold)
        return tr

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

    def to_bytes(self, now: datetime) -> bytes:
        return save(self.doc, now)


# --- table properties ---------------------------------------------------------------------------


class Label(str):
    """A table cell value written in bold (the label column of a facts table)."""


def _table_properties(tbl, width: Emu, *, borders: bool) -> None:
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(width.twips))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")  # LibreOffice and Word keep the widths we chose
    tbl_pr.insert_element_before(layout, "w:tblCellMar", "w:tblLook")
    edges = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        visible = borders or side == "insideH"
        edge.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:color"), TABLE_BORDER if borders else "E7E6E6")
        edges.append(edge)
    tbl_pr.insert_element_before(edges, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 30), ("left", 80), ("bottom", 30), ("right", 80)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.insert_element_before(margins, "w:tblLook")


def _shade(tc, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shading)
