"""Library: every profile in the data folder, to open, create, import, duplicate or delete."""

import streamlit as st

from pages._ui.frame import go
from pages._ui.library import (
    PENDING,
    create_profile,
    import_as_copy,
    import_upload,
    profile_row,
    uploader_key,
)
from pages._ui.state import (
    current,
    entries,
    message,
    plain,
    require_frame,
    section_page,
    store,
)
from prep_core.formats import READABLE_SUFFIXES
from prep_core.readers import MAX_FILE_BYTES
from prep_core.sections import SECTIONS

require_frame()
st.title("Library", anchor=False)
opened = current()
st.caption(f"Profiles are saved in {plain(str(store().folder), 300)}")
if (msg := message()) is not None and msg.ok and msg.undo is None:
    st.success(plain(msg.text, 500), icon=":material/check:")
if opened is None:
    st.info("No profile open. Open one below, or create or import one.")

for entry in entries():
    if entry.profile is None:
        st.warning(
            plain(f"{entry.path.name} could not be read and was left as it is: {entry.error}", 500),
            icon=":material/warning:",
        )
    else:
        profile_row(entry.profile, is_open=opened is not None and opened.id == entry.id)
        if entry.warning:  # read, with something to fix (a JSON key given twice, a day to check)
            st.caption(f":orange[{plain(entry.warning, 500)}]")

st.subheader("New profile", anchor=False)
blank, sample = st.columns(2)
new_blank = blank.button(
    "New blank profile", key="library.new_blank", icon=":material/note_add:", width="stretch"
)
new_sample = sample.button(
    "New copy of the sample",
    key="library.new_sample",
    icon=":material/content_copy:",
    width="stretch",
)
if (new_blank or new_sample) and create_profile(from_sample=new_sample):
    go(section_page(SECTIONS[0].key))  # a new profile opens on its first page

st.subheader("Import", anchor=False)
key = uploader_key()
st.file_uploader(
    "Import a profile: a template-format .md or a profile .json",
    type=[suffix.lstrip(".") for suffix in READABLE_SUFFIXES],
    max_upload_size=MAX_FILE_BYTES >> 20,  # a profile's own limit; the server's is the recorder's
    key=key,
    on_change=import_upload,
    args=(key,),
)
if st.session_state.get(PENDING):
    st.button("Import as a copy", key="library.import_copy", on_click=import_as_copy)
