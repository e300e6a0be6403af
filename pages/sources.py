"""Research Sources: Sources."""

from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header

section = section_header("sources")
for spec in section.fields:
    field(spec)
section_footer(section)
