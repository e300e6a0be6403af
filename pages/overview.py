"""Company Overview: one widget per field of the section registry, then the facts' as-of dates."""

from pages._ui.facts import facts_editor
from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header

section = section_header("overview")
for spec in section.fields:
    field(spec)
facts_editor()
section_footer(section)
