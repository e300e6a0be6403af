"""Company Profile: Company, Role, Job reference, Interview date, the rounds, Job posting."""

from pages._ui.fields import field
from pages._ui.frame import section_footer, section_header
from pages._ui.rounds import interview_date, rounds_editor

section = section_header("basics")
for spec in section.fields:
    if spec.name == "interview_date":
        interview_date(spec, field)
        rounds_editor()
    else:
        field(spec)
section_footer(section)
