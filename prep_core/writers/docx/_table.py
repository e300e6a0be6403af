"""Tables for the Word writers: fixed column widths, light borders, a repeating header row.

Rows are appended as XML directly: ``table.add_row().cells`` and ``table.cell()`` walk the
whole table on each call, which made long tables quadratic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.table import Table
from lxml.etree import SubElement

from prep_core.writers.docx._theme import TABLE_BORDER, TABLE_HEADER_FILL
from prep_core.writers.docx._xml import add_paragraph, add_run

_W, _TYPE = qn("w:w"), qn("w:type")
_TR, _TR_PR, _CANT_SPLIT, _TC, _TC_PR, _TC_W = (
    qn(f"w:{tag}") for tag in ("tr", "trPr", "cantSplit", "tc", "tcPr", "tcW")
)

if TYPE_CHECKING:
    from prep_core.writers.docx._builder import Builder


def add_table(
    b: Builder,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_cm: Sequence[float],
    *,
    borders: bool = True,
) -> Table:
    """A fixed-layout table after the last paragraph; the header row (if any) repeats on
    every page. A ``Label`` value is written in bold."""
    widths = [Cm(w) for w in widths_cm]
    table = b.doc.add_table(rows=0, cols=len(widths))
    tbl = table._tbl
    _table_properties(tbl, Emu(sum(widths)), borders=borders)
    for grid_col, width in zip(tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = width
    if header:
        tr = _row(b, tbl, header, widths, "Table Head")
        tr_pr = tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
        for tc in tr.tc_lst:
            _shade(tc, TABLE_HEADER_FILL)
    for values in rows:
        _row(b, tbl, values, widths, "Table Text")
    return table


def _row(b: Builder, tbl, values: Sequence[str], widths: Sequence[Emu], style: str):
    tr = SubElement(tbl, _TR)
    SubElement(SubElement(tr, _TR_PR), _CANT_SPLIT)  # a row never breaks across pages
    style_id = b.style_ids[style]
    for value, width in zip(values, widths, strict=True):
        tc = SubElement(tr, _TC)
        SubElement(SubElement(tc, _TC_PR), _TC_W, {_W: str(width.twips), _TYPE: "dxa"})
        bold = isinstance(value, Label)
        for part in str(value).split("\n\n"):
            add_run(add_paragraph(tc, style_id), part, bold=bold)
    return tr


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
