"""The Word templates shipped in writers/docx/templates/ are what the theme builds now."""

from __future__ import annotations

import pytest

from prep_core.writers.docx._package import build_template, template_path
from prep_core.writers.docx._theme import CHEATSHEET, DOSSIER

REBUILD = 'python -c "from prep_core.writers.docx._package import rebuild_templates as r; r()"'


@pytest.mark.parametrize("scale", [DOSSIER, CHEATSHEET], ids=lambda scale: scale.name)
def test_the_shipped_template_is_the_theme_built_now(scale):
    shipped = template_path(scale).read_bytes()
    assert shipped == build_template(scale), f"the theme changed: rebuild with {REBUILD}"
