"""The Export page's card for one registered format: options, a lazy download, Save to exports/."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st

from pages._ui.state import plain
from prep_core.errors import PrepError
from prep_core.formats import Format, export, export_filename
from prep_core.model import Profile
from prep_core.paths import EXPORTS_DIR
from prep_core.sections import SECTIONS, get_section
from prep_core.store import write_atomic


def export_card(profile: Profile, fmt: Format) -> None:
    """One format of the registry: its options, a lazy download, and Save to exports/."""
    with st.container(border=True):
        st.subheader(fmt.label, anchor=False)
        options: dict[str, Any] = {}
        if fmt.variants:
            options["variant"] = st.selectbox(
                "Variant",
                fmt.variants,
                key=f"export.{fmt.name}.variant",
                format_func=str.capitalize,
            )
        if "sections" in fmt.options:
            options["sections"] = st.multiselect(
                "Sections",
                [s.key for s in SECTIONS],
                default=[s.key for s in SECTIONS],
                key=f"export.{fmt.name}.sections",
                format_func=_section_title,
            )
        name = export_filename(profile, fmt.name, variant=options.get("variant"))
        build = partial(export, profile, fmt.name, **options)  # runs only on click
        empty = options.get("sections") == []
        st.caption(f"{fmt.description} File name: {name}" if not empty else "Pick a section.")
        row = st.container(horizontal=True)
        row.download_button(
            f"Download {fmt.label}",
            data=build,
            file_name=name,
            mime=fmt.mime,
            key=f"export.{fmt.name}.download",
            on_click="ignore",
            disabled=empty,
            icon=":material/download:",
            width="stretch",
        )
        if row.button(
            "Save to exports/",
            key=f"export.{fmt.name}.save",
            disabled=empty,
            icon=":material/save:",
            width="stretch",
        ):
            save_export(build, name, fmt.label)


def save_export(build: Callable[[], bytes], name: str, label: str) -> None:
    with st.status(f"Building {label}…", expanded=False) as status:
        try:
            data = build()
            EXPORTS_DIR.mkdir(parents=True, exist_ok=True)
            path = EXPORTS_DIR / name
            write_atomic(path, data, mode=0o644)  # an export is a document to share
        except (PrepError, OSError) as error:
            status.update(label=f"Not saved: {error}", state="error")
            return
        status.update(label=f"Saved {path}", state="complete")
    st.success(f"Saved {plain(str(path), 500)}", icon=":material/check:")


def _section_title(key: str) -> str:  # module-level: format_func must pickle
    return get_section(key).title
