"""Research Sources: Sources, then which dated facts each source supports."""

from pages._ui.facts import facts_by_source_view
from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header

section = section_header("sources")
for spec in section.fields:
    field(spec)
facts_by_source_view()
section_footer(section)
