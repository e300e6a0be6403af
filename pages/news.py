"""Recent News and Developments: News."""

from pages._ui.fields import field, section_footer, section_header

section = section_header("news")
for spec in section.fields:
    field(spec)
section_footer(section)
