"""Tables of items (news, skills, sources): one row of text fields per item, saved cell by cell.

Not ``st.data_editor``: its identity includes its data, so saving a cell redraws the grid and
drops the next keystrokes (Tab across cells saved only the first), its "+" lives on a toolbar that
shows on hover, and a canvas grid can take no focus from the page. Text fields give spreadsheet
entry (type, Tab, type, Enter; each cell saves on leaving it), fixed column widths, and a real
"Add a row" button that puts the cursor in the new row.

A row added and still blank is a *draft*: on screen, never saved. It becomes an item with the same
id, so its widgets keep their keys, when its first cell gets text; an item whose cells are all
cleared goes back to being a draft.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import BaseModel

from pages._ui.bind import bound, wkey
from pages._ui.state import current
from pages._ui.undo import ITEM_MODELS, delete_item
from prep_core.model import Profile, new_id
from prep_core.sections import FieldSpec

# kind -> {attribute: (column header, relative width)}
COLUMNS: dict[str, dict[str, tuple[str, int]]] = {
    "news": {"text": ("Development", 6), "date": ("Date", 2), "url": ("Link", 4)},
    "sources": {"title": ("Source", 6), "url": ("Link", 5)},
    "skills": {
        "skill": ("Skill", 3),
        "requirement": ("Requirement", 4),
        "talking_point": ("Talking point", 5),
    },
}
DRAFTS = "_prep.drafts"  # {"<profile id>.<field path>": [ids of blank rows on screen]}


def row_editor(spec: FieldSpec) -> None:
    """The table of one registry field: a header, a row per item and per draft, Add a row."""
    columns = COLUMNS[spec.kind]
    items = spec.get(current())
    drafts = _drafts(spec)
    if not (spec.bare and spec.heading):  # under its own subheading the label would repeat it
        st.markdown(f"**{spec.label}**", help=spec.hint)
    widths = [w for _, w in columns.values()] + [1]
    with st.container(key=f"table-{spec.path}"):
        for col, (header, _) in zip(st.columns(widths), columns.values(), strict=False):
            col.caption(header)
        for n, item in enumerate(items, start=1):
            _row(spec, item.id, item, n, widths)
        for n, row_id in enumerate(drafts, start=len(items) + 1):
            _row(spec, row_id, None, n, widths)
    if not items and not drafts:
        st.caption("No rows yet.")
    st.button(
        "Add a row",
        key=f"addrow-{wkey(spec.path)}",
        on_click=_add_draft,
        args=(spec,),
        icon=":material/add:",
    )


def _row(spec: FieldSpec, row_id: str, item: BaseModel | None, n: int, widths: list) -> None:
    columns = COLUMNS[spec.kind]
    with st.container(key=f"row-{wkey(spec.path, row_id)}"):
        cells = st.columns(widths, vertical_alignment="center")
        for cell, (attr, (header, _)) in zip(cells, columns.items(), strict=False):
            with cell:
                bound(
                    st.text_input,
                    f"{header}, row {n}",
                    wkey(spec.path, row_id, attr),
                    getattr(item, attr) if item is not None else "",
                    _cell_writer(spec, row_id, attr),
                    label_visibility="collapsed",
                )
        cells[-1].button(
            "",
            key=f"{wkey(spec.path, row_id)}.delete",
            help=f"Delete row {n}",
            icon=":material/delete:",
            type="tertiary",
            on_click=_delete_row,
            args=(spec, row_id),
        )


def _cell_writer(spec: FieldSpec, row_id: str, attr: str):
    def write(profile: Profile, value: Any) -> None:
        columns = COLUMNS[spec.kind]
        items = list(spec.get(profile))
        item = next((i for i in items if i.id == row_id), None)
        drafts = _drafts(spec)
        if item is None:  # a draft: saved once it holds something
            if not str(value).strip():
                return
            spec.set(profile, [*items, ITEM_MODELS[spec.kind](id=row_id, **{attr: value})])
            drafts.remove(row_id)
            return
        setattr(item, attr, value)  # validate_assignment checks it (a link must be a URL)
        if not any(getattr(item, a) for a in columns):  # every cell cleared: a draft again
            spec.set(profile, [i for i in items if i.id != row_id])
            drafts.append(row_id)

    return write


def _drafts(spec: FieldSpec) -> list[str]:
    return st.session_state.setdefault(DRAFTS, {}).setdefault(wkey(spec.path), [])


def _add_draft(spec: FieldSpec) -> None:
    _drafts(spec).append(new_id())


def _delete_row(spec: FieldSpec, row_id: str) -> None:
    drafts = _drafts(spec)
    if row_id in drafts:  # never saved: nothing to undo
        drafts.remove(row_id)
        return
    delete_item(spec, row_id, what="row")
