"""Company Mission and Values: Mission statement, Core values, Company culture."""

from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header

section = section_header("mission")
for spec in section.fields:
    field(spec)
section_footer(section)
