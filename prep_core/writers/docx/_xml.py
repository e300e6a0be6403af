"""Element factories for WordprocessingML, with every string made safe for XML first.

lxml refuses control characters outright, so every text that reaches an element goes through
``clean``. Elements are built directly (not through python-docx's proxies, whose ``Run.text``
walks text one character at a time and whose style setters look styles up per call).
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml.etree import SubElement

# What XML 1.0 cannot hold, plus C1 controls (legal XML, but never meant as text).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
XML_SPACE = qn("xml:space")
_VAL, _FLD_CHAR_TYPE = qn("w:val"), qn("w:fldCharType")
# Children are made with lxml's SubElement from precomputed tag names: it keeps python-docx's
# element classes (the parser is the parent's) at a quarter of OxmlElement's cost.
_P, _P_PR, _P_STYLE, _R, _R_PR, _R_STYLE, _B, _I, _BR, _TAB, _T, _FLD_CHAR, _INSTR_TEXT = (
    qn(f"w:{tag}")
    for tag in (
        "p",
        "pPr",
        "pStyle",
        "r",
        "rPr",
        "rStyle",
        "b",
        "i",
        "br",
        "tab",
        "t",
        "fldChar",
        "instrText",
    )
)


def clean(text: str) -> str:
    """``text`` with every character XML (and so Word) cannot hold removed."""
    return _UNSAFE.sub("", text)


def paragraph_element(style_id: str) -> CT_P:
    """A detached ``w:p`` in the style with id ``style_id`` (none: the default style)."""
    p = OxmlElement("w:p")
    if style_id:
        SubElement(SubElement(p, _P_PR), _P_STYLE, {_VAL: style_id})
    return p


def add_paragraph(parent: BaseOxmlElement, style_id: str) -> CT_P:
    """A ``w:p`` appended to ``parent`` (a table cell)."""
    p = SubElement(parent, _P)
    if style_id:
        SubElement(SubElement(p, _P_PR), _P_STYLE, {_VAL: style_id})
    return p


def add_run(
    parent: BaseOxmlElement,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    style_id: str = "",
) -> CT_R:
    """A ``w:r`` appended to ``parent`` holding ``text`` (cleaned); tabs and line breaks become
    Word's own elements, as ``Run.text`` would make them (which walks text char by char)."""
    r = SubElement(parent, _R)
    if bold or italic or style_id:
        rpr = SubElement(r, _R_PR)  # children in schema order: rStyle, b, i
        if style_id:
            SubElement(rpr, _R_STYLE, {_VAL: style_id})
        if bold:
            SubElement(rpr, _B)
        if italic:
            SubElement(rpr, _I)
    text = clean(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for index, line in enumerate(text.split("\n")):
        if index:
            SubElement(r, _BR)
        for position, piece in enumerate(line.split("\t")):
            if position:
                SubElement(r, _TAB)
            if piece:
                t = SubElement(r, _T)
                t.text = piece
                if piece[0] == " " or piece[-1] == " ":
                    t.set(XML_SPACE, "preserve")
    return r


def add_field_char(p: CT_P, kind: str) -> None:
    """Append a run holding a field boundary: ``begin``, ``separate`` or ``end``."""
    SubElement(SubElement(p, _R), _FLD_CHAR, {_FLD_CHAR_TYPE: kind})


def add_instruction(p: CT_P, instruction: str) -> None:
    """Append a run holding a field's instruction, such as ``PAGE``."""
    instr = SubElement(SubElement(p, _R), _INSTR_TEXT, {XML_SPACE: "preserve"})
    instr.text = f" {clean(instruction)} "
