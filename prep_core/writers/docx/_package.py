"""The .docx package: a themed, trimmed template built once, and a deterministic save.

python-docx's default template carries two 440 kB style sheets (``styles.xml`` and the
Word 2010 ``stylesWithEffects.xml``), a thumbnail of someone else's document and custom XML.
Parsing, serialising and compressing those cost more than writing a whole dossier, so the
template is themed once per variant, stripped to the styles the writers use, cached as bytes,
and each document starts from that. Saving writes the zip ourselves with every member dated
``now``, so the same profile and clock give byte-identical files.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import cache
from types import MappingProxyType

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem  # python-docx's own content-types builder
from docx.oxml.ns import qn

from prep_core.writers.docx._theme import Scale, apply_theme

_UNUSED_RELATIONSHIPS = (
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
    RT.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)
_ALWAYS_KEPT_STYLES = ("Header", "Footer")


def open_template(scale: Scale) -> tuple[Document, Mapping[str, str]]:
    """A fresh document from the cached template of ``scale``, and its ``{name: style id}``."""
    blob, style_ids = _template(scale)
    return docx.Document(io.BytesIO(blob)), style_ids


@cache
def _template(scale: Scale) -> tuple[bytes, Mapping[str, str]]:
    doc = docx.Document()
    style_ids = apply_theme(doc, scale)
    _drop_unused_parts(doc)
    # numbering.xml ties list definitions to styles (ListBullet2, ListNumber …): keep those too
    numbered = doc.part.numbering_part.element.xpath(".//w:pStyle/@w:val")
    _drop_unused_styles(doc, [*style_ids.values(), *_ALWAYS_KEPT_STYLES, *numbered])
    return save(doc, datetime(2000, 1, 1)), MappingProxyType(style_ids)


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
