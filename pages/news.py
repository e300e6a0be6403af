"""Recent News and Developments: News, and which items are too old to quote unchecked."""

from pages._ui.facts import stale_note
from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header

section = section_header("news")
stale_note("news")
for spec in section.fields:
    field(spec)
section_footer(section)
