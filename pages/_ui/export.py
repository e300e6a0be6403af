"""The Export page's card for one registered format: options, a lazy download, Save to exports/."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st

from pages._ui.state import insight, plain, store
from prep_core.errors import PrepError
from prep_core.exporting import write_export
from prep_core.formats import Format, export, export_filename
from prep_core.model import Profile
from prep_core.paths import EXPORTS_DIR
from prep_core.progress import practice_stats, weak_tag
from prep_core.sections import SECTIONS, get_section


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
        analysis = insight(profile)  # the Plan page's, Fit's and Practice's: they agree
        if fmt.analysed:
            options["insight"] = analysis
        elif "stories" in fmt.options and analysis.linked_stories:
            options["stories"] = list(analysis.linked_stories)  # the bank's, this profile uses
        name = export_filename(profile, fmt.name, variant=options.get("variant"))
        build = partial(export, profile, fmt.name, **options)  # runs only on click
        empty = options.get("sections") == []
        st.caption(f"{fmt.description} File name: {name}" if not empty else "Pick a section.")
        if fmt.name == "apkg":
            _weak_deck_hint(profile)
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
            save_export(
                partial(
                    write_export,
                    profile,
                    fmt.name,
                    exports_dir=EXPORTS_DIR,
                    data_dir=store().data_dir,
                    **options,
                ),
                fmt.label,
            )


def _weak_deck_hint(profile: Profile) -> None:
    """How to drill the weak questions first in Anki: a filtered deck on their tag."""
    weak = practice_stats(profile).weak
    count = f"{weak} weak question{'s' if weak != 1 else ''}" if weak else "Weak questions"
    st.caption(
        f"{count} (last practice attempt weak) get the tag `{weak_tag(profile)}` and come "
        "first among new cards. To drill them now, make a filtered deck in Anki (Tools › "
        f"Create Filtered Deck) with the search `tag:{weak_tag(profile)}`. An .apkg cannot "
        "move a card Anki already has (in review, or already queued): re-importing updates "
        "its text and tags only, so use the filtered deck."
    )


def save_export(write: Callable[[], Path], label: str) -> None:
    """Run ``write`` (prep_core.exporting.write_export, as the CLI does) and report the result."""
    with st.status(f"Building {label}…", expanded=False) as status:
        try:
            path = write()
        except (PrepError, OSError) as error:
            status.update(label=f"Not saved: {plain(str(error), 300)}", state="error")
            return
        status.update(label=f"Saved {plain(str(path), 300)}", state="complete")
    st.success(f"Saved {plain(str(path), 500)}", icon=":material/check:")


def _section_title(key: str) -> str:  # module-level: format_func must pickle
    return get_section(key).title
