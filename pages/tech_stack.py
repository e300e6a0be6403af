"""Technology Stack: one widget per field of the section registry."""

from pages._ui.fields import field, section_footer, section_header

section = section_header("tech_stack")
for spec in section.fields:
    field(spec)
section_footer(section)
