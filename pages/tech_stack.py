"""Technology Stack: one widget per field of the section registry."""

from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header

section = section_header("tech_stack")
for spec in section.fields:
    field(spec)
section_footer(section)
