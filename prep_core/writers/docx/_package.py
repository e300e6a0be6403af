"""The .docx package: a themed, trimmed template per variant, and a deterministic save.

python-docx's default template carries two 440 kB style sheets (``styles.xml`` and the
Word 2010 ``stylesWithEffects.xml``), a thumbnail of someone else's document and custom XML.
Parsing, serialising and compressing those cost more than writing a whole dossier, so
``build_template`` themes it once per variant and strips it to the styles the writers use, and
the result ships as ``templates/<variant>.docx`` (as pandoc ships its reference.docx): a
``prep export`` process opens 9 kB instead of building it (about 30 ms). After changing the
theme, run ``python -c "from prep_core.writers.docx._package import rebuild_templates as r; r()"``
(``tests/test_docx_templates.py`` fails until the shipped templates match the theme).

Saving writes the zip ourselves with every member dated ``now``, so the same profile and clock
give byte-identical files.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from types import MappingProxyType

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem  # python-docx's own content-types builder
from docx.oxml.ns import qn

from prep_core.writers.docx._theme import CHEATSHEET, DOSSIER, Scale, apply_theme

TEMPLATES = Path(__file__).with_name("templates")
_UNUSED_RELATIONSHIPS = (
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
    RT.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)
_ALWAYS_KEPT_STYLES = ("Header", "Footer")


def open_template(scale: Scale) -> tuple[Document, Mapping[str, str]]:
    """A fresh document from the template of ``scale``, and its ``{style name: style id}``."""
    blob, style_ids = _template(scale)
    return docx.Document(io.BytesIO(blob)), style_ids


@cache
def _template(scale: Scale) -> tuple[bytes, Mapping[str, str]]:
    blob = template_path(scale).read_bytes()
    style_ids = {style.name: style.style_id for style in docx.Document(io.BytesIO(blob)).styles}
    return blob, MappingProxyType(style_ids)


def template_path(scale: Scale) -> Path:
    return TEMPLATES / f"{scale.name}.docx"


def build_template(scale: Scale) -> bytes:
    """python-docx's default document themed for ``scale`` and trimmed: the shipped template."""
    doc = docx.Document()
    style_ids = apply_theme(doc, scale)
    _drop_unused_parts(doc)
    # numbering.xml ties list definitions to styles (ListBullet2, ListNumber …): keep those too
    numbered = doc.part.numbering_part.element.xpath(".//w:pStyle/@w:val")
    _drop_unused_styles(doc, [*style_ids.values(), *_ALWAYS_KEPT_STYLES, *numbered])
    return save(doc, datetime(2000, 1, 1))


def _drop_unused_parts(doc: Document) -> None:
    for part in (doc.part.package, doc.part):
        for rel_id, rel in list(part.rels.items()):
            if rel.reltype in _UNUSED_RELATIONSHIPS:
                del part.rels[rel_id]


def _drop_unused_styles(doc: Document, keep_ids: Iterable[str]) -> None:
    """Remove every style not in ``keep_ids``, their bases, links and defaults."""
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.iterchildren(qn("w:style"))}
    wanted = [sid for sid in keep_ids if sid in by_id]
    wanted += [sid for sid, s in by_id.items() if s.get(qn("w:default")) in ("1", "true")]
    kept: set[str] = set()
    while wanted:
        sid = wanted.pop()
        if sid in kept or sid not in by_id:
            continue
        kept.add(sid)
        for ref in ("w:basedOn", "w:link", "w:next"):
            child = by_id[sid].find(qn(ref))
            if child is not None:
                wanted.append(child.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in kept:
            root.remove(style)
    for latent in root.findall(qn("w:latentStyles")):
        root.remove(latent)  # Word falls back to its built-in defaults


def save(doc: Document, now: datetime) -> bytes:
    """The package as .docx bytes, every zip member dated ``now`` (so output is reproducible)."""
    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    stamp = max(now.replace(tzinfo=None), datetime(1980, 1, 1)).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, blob: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, blob)

        put(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        put(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            put(part.partname.membername, part.blob)
            if len(part.rels):
                put(part.partname.rels_uri.membername, part.rels.xml)
    return buffer.getvalue()


def rebuild_templates() -> list[Path]:
    """Write every variant's template again from the theme: run after changing ``_theme``."""
    for scale in (DOSSIER, CHEATSHEET):
        template_path(scale).write_bytes(build_template(scale))
    return [template_path(scale) for scale in (DOSSIER, CHEATSHEET)]
