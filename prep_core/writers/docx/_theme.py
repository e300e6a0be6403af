"""The look of the Word documents: fonts, colours, spacing and the styles the writers use.

``apply_theme`` restyles python-docx's default template and returns the style ids, so writers
never look a style up by name per paragraph (python-docx scans every style on each lookup).
``_package`` builds each variant's template with it once, into ``templates/<name>.docx``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

FONT = "Calibri"  # LibreOffice renders it with the metric-compatible Carlito
INK = RGBColor(0x26, 0x26, 0x26)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
ACCENT_LIGHT = RGBColor(0x2E, 0x75, 0xB6)
MUTED = RGBColor(0x6B, 0x6B, 0x6B)
LINK = RGBColor(0x05, 0x63, 0xC1)
RULE = "9DC3E6"  # the thin line under section headings
TABLE_HEADER_FILL = "DEEAF6"
TABLE_BORDER = "BFBFBF"
ANSWER_BAR = "9DC3E6"

_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


@dataclass(frozen=True)
class Scale:
    """Sizes of one variant: the dossier reads comfortably, the cheat sheet packs tight."""

    name: str  # the variant, and its template's file name in templates/
    body: float
    small: float
    table: float
    title: float
    h1: float
    h2: float
    h1_before: float
    h2_before: float
    after: float
    margin_cm: float
    line: float


DOSSIER = Scale(
    name="dossier",
    body=10.5,
    small=9,
    table=9.5,
    title=24,
    h1=15,
    h2=12,
    h1_before=16,
    h2_before=10,
    after=4,
    margin_cm=2.2,
    line=1.12,
)
CHEATSHEET = Scale(
    name="cheatsheet",
    body=9,
    small=8,
    table=8,
    title=17,
    h1=11,
    h2=10,
    h1_before=6,
    h2_before=3,
    after=1,
    margin_cm=1.3,
    line=1.0,
)


def apply_theme(doc: Document, scale: Scale) -> dict[str, str]:
    """Restyle ``doc`` and return ``{style name: style id}`` for every style the writers use."""
    styles = doc.styles
    _default_font(doc)
    for section in doc.sections:
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(scale.margin_cm))
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4

    normal = styles["Normal"]
    _font(normal, size=scale.body, color=INK)
    _spacing(normal, after=scale.after, line=scale.line)

    title = styles["Title"]
    _font(title, size=scale.title, bold=True, color=ACCENT)
    _spacing(title, before=0, after=2)
    _drop_borders(title)
    subtitle = styles["Subtitle"]
    _font(subtitle, size=scale.h2, italic=False, color=MUTED)
    subtitle.element.rPr.remove_all("w:spacing")  # the template's letter-spacing looks dated
    _spacing(styles["Subtitle"], before=0, after=scale.after * 2)

    h1 = styles["Heading 1"]
    _font(h1, size=scale.h1, bold=True, color=ACCENT)
    _spacing(h1, before=scale.h1_before, after=scale.after + 2)
    _bottom_rule(h1)
    h2 = styles["Heading 2"]
    _font(h2, size=scale.h2, bold=True, color=ACCENT_LIGHT)
    _spacing(h2, before=scale.h2_before, after=scale.after)
    _font(styles["TOC Heading"], size=scale.h1, bold=True, color=ACCENT)

    bullet = styles["List Bullet"]
    _spacing(bullet, after=scale.after / 2, line=scale.line)
    _font(styles["Footer"], size=scale.small, color=MUTED)

    custom = {
        "Fact": dict(),
        "Meta": dict(size=scale.small, color=MUTED),
        "Placeholder": dict(size=scale.small, italic=True, color=MUTED),
        "Question": dict(
            bold=True, keep_next=True, before=scale.after * 2, indent=0.8, hanging=0.8
        ),
        "Question Meta": dict(size=scale.small, color=MUTED, indent=0.8, keep_next=True),
        "Answer": dict(indent=0.8, bar=True),
        "Table Text": dict(size=scale.table, after=0, line=1.0),
        "Table Head": dict(size=scale.table, bold=True, color=ACCENT, after=0, line=1.0),
        "Checklist": dict(indent=1.0, hanging=0.55, after=scale.after / 2),
        "Contents": dict(indent=0.3, after=scale.after / 2, color=ACCENT),
        "Group": dict(bold=True, keep_next=True, color=ACCENT, before=scale.after * 2),
    }
    for name, options in custom.items():
        _add_paragraph_style(doc, name, scale, **options)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = LINK
    link.font.underline = True

    names = [
        "Normal",
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "TOC Heading",
        "List Bullet",
        "Footer",
        "Hyperlink",
        *custom,
    ]
    return {name: styles[name].style_id for name in names}


def _add_paragraph_style(
    doc: Document,
    name: str,
    scale: Scale,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
    keep_next: bool = False,
    before: float | None = None,
    after: float | None = None,
    line: float | None = None,
    indent: float | None = None,
    hanging: float = 0,
    bar: bool = False,
) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _font(style, size=size, bold=bold, italic=italic, color=color, name=None)
    _spacing(style, before=before, after=scale.after if after is None else after, line=line)
    fmt = style.paragraph_format
    fmt.keep_with_next = keep_next or None
    if indent is not None:
        fmt.left_indent = Cm(indent)
        fmt.first_line_indent = -Cm(hanging) if hanging else None
    if bar:
        _border(style, "left", ANSWER_BAR, size=12, space=8)


def _default_font(doc: Document) -> None:
    """Make the document default an explicit font instead of the theme's (Word prefers themes)."""
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rfonts = rpr_default.find(qn("w:rPr")).find(qn("w:rFonts"))
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def _font(
    style,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
    name: str | None = FONT,
) -> None:
    font = style.font
    if name:
        font.name = name
        rfonts = style.element.rPr.rFonts
        for attr in _THEME_FONT_ATTRS:
            rfonts.attrib.pop(qn(attr), None)
        rfonts.set(qn("w:eastAsia"), name)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color


def _spacing(
    style, *, before: float | None = None, after: float | None = None, line: float | None = None
) -> None:
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line


def _drop_borders(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _bottom_rule(style) -> None:
    _border(style, "bottom", RULE, size=6, space=2)


def _border(style, side: str, color: str, *, size: int, space: int) -> None:
    ppr = style.element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pBdr must precede spacing/ind/outlineLvl in pPr (schema order), or Word refuses the file
        ppr.insert_element_before(
            borders,
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        )
    edge = OxmlElement(f"w:{side}")
    for key, value in (
        ("val", "single"),
        ("sz", str(size)),
        ("space", str(space)),
        ("color", color),
    ):
        edge.set(qn(f"w:{key}"), value)
    borders.append(edge)
