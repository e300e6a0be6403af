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

# What XML 1.0 cannot hold, plus C1 controls (legal XML, but never meant as text).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_VAL, _FLD_CHAR_TYPE = qn("w:val"), qn("w:fldCharType")
XML_SPACE = qn("xml:space")


def clean(text: str) -> str:
    """``text`` with every character XML (and so Word) cannot hold removed."""
    return _UNSAFE.sub("", text)


def paragraph_element(style_id: str) -> CT_P:
    """A ``w:p`` in the style with id ``style_id`` (none: the default style)."""
    p = OxmlElement("w:p")
    if style_id:
        ppr = OxmlElement("w:pPr")
        ppr.append(OxmlElement("w:pStyle", {_VAL: style_id}))
        p.append(ppr)
    return p


def run_element(text: str, *, bold: bool = False, italic: bool = False, style_id: str = "") -> CT_R:
    """A ``w:r`` holding ``text`` (cleaned), tabs and line breaks as Word's own elements.

    Built directly rather than through ``Run.text``, which walks the text one character at
    a time in Python.
    """
    r = OxmlElement("w:r")
    if bold or italic or style_id:
        rpr = OxmlElement("w:rPr")  # children in schema order: rStyle, b, i
        if style_id:
            rpr.append(OxmlElement("w:rStyle", {_VAL: style_id}))
        if bold:
            rpr.append(OxmlElement("w:b"))
        if italic:
            rpr.append(OxmlElement("w:i"))
        r.append(rpr)
    text = clean(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for index, line in enumerate(text.split("\n")):
        if index:
            r.append(OxmlElement("w:br"))
        for position, piece in enumerate(line.split("\t")):
            if position:
                r.append(OxmlElement("w:tab"))
            if piece:
                t = OxmlElement("w:t")
                t.text = piece
                if piece[0] == " " or piece[-1] == " ":
                    t.set(XML_SPACE, "preserve")
                r.append(t)
    return r


def field_char(p: CT_P, kind: str) -> None:
    """Append a run holding a field boundary: ``begin``, ``separate`` or ``end``."""
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:fldChar", {_FLD_CHAR_TYPE: kind}))
    p.append(r)
