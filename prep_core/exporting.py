"""Writing an export to a file: the one function behind ``prep export`` and the Export page's
"Save to exports/" button.

Where an export may go: a new path or an existing regular file (a symbolic link is followed to
what it names), never a device, a FIFO or a folder's entry of another kind, and never anywhere
inside the data folder, where it could replace a stored profile. The file is written
atomically, readable by others (an export is a document to share).
"""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prep_core.errors import PrepError

if TYPE_CHECKING:
    from prep_core.model import Profile

__all__ = ["check_output_path", "write_export"]


def write_export(
    profile: Profile,
    fmt: str,
    path: str | Path | None = None,
    *,
    exports_dir: str | Path,
    data_dir: str | Path,
    now: datetime | None = None,
    **options: Any,
) -> Path:
    """Export ``profile`` as ``fmt`` into a file and return its path.

    ``path`` is a file, or a folder to put the default name in; without it the file goes into
    ``exports_dir`` under ``export_filename``'s name. ``now`` is the clock (the current local
    time when omitted); ``options`` go to ``export`` (``variant``, ``sections``). A path the
    export must not be written to is refused with a ``PrepError`` before anything is built.
    """
    from prep_core.files import write_atomic
    from prep_core.formats import export, export_filename

    now = now or datetime.now().astimezone()
    name = export_filename(profile, fmt, now=now, variant=options.get("variant"))
    target = _target(Path(exports_dir) if path is None else Path(path).expanduser(), name, path)
    real = check_output_path(target, data_dir)
    data = export(profile, fmt, now=now, **options)
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(real, data, mode=0o644)
    except OSError as error:
        raise PrepError(f"cannot write {target}: {error.strerror or error}") from None
    return target


def check_output_path(target: Path, data_dir: str | Path) -> Path:
    """The real path an export to ``target`` would replace, or a ``PrepError`` saying why not."""
    try:
        real = target.resolve()
        data = Path(data_dir).expanduser().resolve()
        info = os.stat(real) if os.path.lexists(real) else None
    except OSError as error:
        raise PrepError(f"cannot write {target}: {error.strerror or error}") from None
    except RuntimeError:  # a symlink loop
        raise PrepError(f"cannot write {target}: a symbolic link loop") from None
    if real == data or real.is_relative_to(data):
        raise PrepError(
            f"cannot write {target}: it is inside the data folder; write exports elsewhere"
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise PrepError(f"cannot write {target}: not a regular file; give a new path or a file")
    return real


def _target(base: Path, name: str, given: str | Path | None) -> Path:
    """``base`` itself, or ``base/name`` when ``base`` is a folder (or the exports folder)."""
    if given is None:
        return base / name
    try:
        return base / name if base.is_dir() else base
    except OSError as error:
        raise PrepError(f"cannot write {base}: {error.strerror or error}") from None
