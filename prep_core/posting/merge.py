"""Re-extracting a posting into the person's rows: ``merge_requirements(existing, text)``."""

from __future__ import annotations

from prep_core.model import Requirement
from prep_core.posting.reader import read

__all__ = ["merge_requirements"]


def _same(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .;,")


def merge_requirements(existing: list[Requirement], text: str) -> list[Requirement]:
    """The posting re-extracted into ``existing`` without overwriting the person's work.

    A fresh row whose text is the text or the source of an existing row keeps the existing
    row (its edits, its id, its language, its dropped flag); other fresh rows are added, in the
    posting's order. Existing rows the person added or edited stay (at the end); untouched
    extracted rows the posting no longer has are removed.
    """
    by_text: dict[str, Requirement] = {}
    for row in existing:
        for key in (_same(row.source), _same(row.text)):
            if key:
                by_text.setdefault(key, row)
    ids = {row.id for row in existing}
    out: list[Requirement] = []
    used: set[str] = set()
    for row in read(text).requirements:
        old = by_text.get(_same(row.text))
        if old is not None:
            if old.id not in used:
                out.append(old)
                used.add(old.id)
            continue
        fresh = row.model_copy(update={"source": row.text})
        if fresh.id in ids:
            fresh = fresh.model_copy(update={"id": f"{fresh.id[:40]}-{len(out)}"})
        out.append(fresh)
    out += [r for r in existing if r.id not in used and (r.edited or not r.source)]
    return out
