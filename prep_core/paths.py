"""Where things live in the checkout: the data folder, the sample, exports and the app.

Standard library only, so the CLI can name these without importing the store (or pydantic).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = ROOT / "data"
SAMPLE_PATH = DEFAULT_DATA_DIR / "samples" / "netflix.md"
EXPORTS_DIR = ROOT / "exports"  # output only: nothing reads it back as input
APP_PATH = ROOT / "app.py"
ICON_PATH = ROOT / "assets" / "icon.png"  # the page icon, served by the app (never a CDN)
