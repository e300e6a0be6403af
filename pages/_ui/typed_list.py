"""A list typed as text, for ``bind``: read it on save, and say under the field what was read.

``prep_core.items`` splits the text ("Java, Scala; Python" is three items, each kept once); this
module remembers which items the last save kept once, so the caption under the field can say so.
"""

from __future__ import annotations

import streamlit as st

from pages._ui.state import plain
from prep_core.items import ItemsRead, read_items, summary

REPEATED = "_prep.repeated"  # {widget key: items the last save of a typed list kept once}


def items_of(key: str, text: str) -> list[str]:
    """The items of ``text`` typed in the field ``key``; raises ``ValueError`` for ", ; ,"."""
    read = read_items(text)
    st.session_state.setdefault(REPEATED, {})[key] = read.repeated
    return read.items


def items_caption(key: str, items: list[str]) -> None:
    """Under the field: the items it holds, and those its last save kept once."""
    if not items:  # the placeholder says how to type them
        return
    repeated = (st.session_state.get(REPEATED) or {}).get(key, [])
    st.caption(plain(summary(ItemsRead(list(items), repeated)), 2000))
