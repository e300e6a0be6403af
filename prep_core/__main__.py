"""``python -m prep_core``: the ``prep`` command."""

import sys

from prep_core.cli import main

sys.exit(main())
