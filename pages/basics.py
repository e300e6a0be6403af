"""Company Profile: Company, Role, Job reference, Interview date, the rounds, Job posting."""

from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header
from pages._ui.rounds import rounds_editor

section = section_header("basics")
for spec in section.fields:
    field(spec)
    if spec.name == "interview_date":
        rounds_editor()
section_footer(section)
