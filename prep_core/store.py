"""The profile store: one JSON file per profile in ``<data dir>/profiles/<id>.json``.

Saves are atomic (temp file in the same folder, fsync, rename, fsync the folder) and keep the
last good version as ``<id>.json.bak``. Every save carries the revision it started from, and a
save from an older revision (a second browser tab) is refused rather than overwriting newer
work. A file that fails to load is reported by ``entries()`` and never modified. Ids and slugs
are checked against one pattern before they become part of a path, so no name leaves the folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from prep_core.errors import InvalidProfile, StaleRevision, StoreError, UnknownProfile
from prep_core.model import Profile, utc_now
from prep_core.paths import DEFAULT_DATA_DIR, SAMPLE_PATH

try:  # POSIX advisory locks make check-then-write safe across processes and threads.
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

DATA_DIR_ENV = "PREP_DATA_DIR"

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SUFFIX = ".json"
_BACKUP_SUFFIX = ".json.bak"
_TRASH = ".trash"
_LOCK = ".lock"


def resolve_data_dir(explicit: str | Path | None = None) -> Path:
    """The data folder: ``explicit`` (``--data-dir``), else ``$PREP_DATA_DIR``, else ``data/``."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR
    return Path(chosen).expanduser()


def is_valid_name(ref: str) -> bool:
    """Whether ``ref`` may be an id or slug: lower-case letters, digits, ``-`` and ``_``."""
    return bool(_NAME.fullmatch(ref))


@dataclass(frozen=True)
class Entry:
    """One file in the profiles folder: its profile, or why it failed to load."""

    id: str
    path: Path
    profile: Profile | None
    error: str | None


class Store:
    """The profiles of one data folder, created on first save."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.folder = self.data_dir / "profiles"

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> Store:
        """The store of ``resolve_data_dir(data_dir)``."""
        return cls(resolve_data_dir(data_dir))

    # --- reading ----------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Every profile file: good ones newest first, then broken ones with the reason."""
        entries = [self._entry(path) for path in self._files()]
        good = [e for e in entries if e.profile is not None]
        broken = [e for e in entries if e.profile is None]
        good.sort(key=lambda e: (e.profile.updated_at, e.id), reverse=True)  # type: ignore[union-attr]
        return good + broken

    def profiles(self) -> list[Profile]:
        """The profiles that load, newest first."""
        return [e.profile for e in self.entries() if e.profile is not None]

    def load(self, ref: str) -> Profile:
        """The profile whose id or slug is ``ref``."""
        self._check_name(ref)
        path = self._path(ref)
        if path.is_file():
            return self._read(path)
        matches = [e.profile for e in self.entries() if e.profile and e.profile.slug == ref]
        if len(matches) == 1:
            return matches[0]
        if matches:
            ids = ", ".join(p.id for p in matches)
            raise UnknownProfile(f"several profiles are called {ref!r} (ids {ids}); use an id")
        raise UnknownProfile(f"no profile {ref!r} in {self.folder}; {self._known()}")

    # --- writing ----------------------------------------------------------------------------

    def save(self, profile: Profile) -> Profile:
        """Save ``profile`` and return the saved copy (revision + 1, ``updated_at`` now).

        Refused with ``StaleRevision`` when the file on disk has another revision than the
        one ``profile`` was loaded at. ``profile`` itself is left unchanged.
        """
        return self._save(profile, new=False)

    def create(self, profile: Profile | None = None) -> Profile:
        """Save ``profile`` (a blank one if None) as a new profile at revision 1."""
        profile = profile or Profile()
        return self._save(profile.model_copy(update={"revision": 0}), new=True)

    def delete(self, ref: str) -> Path:
        """Move the profile's file (and its backup) into ``.trash/``; return the new path."""
        path = self._existing_path(ref)
        trash = self.folder / _TRASH
        with self._locked():
            trash.mkdir(exist_ok=True)
            stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
            target = _free_path(trash / f"{path.stem}-{stamp}{_SUFFIX}")
            try:
                os.replace(path, target)
                backup = self._backup_path(path.stem)
                if backup.exists():
                    os.replace(backup, target.with_name(target.name + ".bak"))
                _fsync_dir(self.folder)
            except OSError as error:
                raise StoreError(f"could not delete {path.name}: {error.strerror}") from error
        return target

    def duplicate(self, ref: str) -> Profile:
        """A copy of the profile with fresh ids everywhere, saved as a new profile."""
        return self.create(self.load(ref).with_new_ids())

    def import_bytes(self, data: bytes, name: str) -> Profile:
        """Read a .md or .json file's bytes and save it as a new profile; never overwrites."""
        from prep_core.readers import load_bytes

        profile = load_bytes(data, name)
        if self._path(profile.id).exists():
            profile = profile.with_new_ids()
        return self.create(profile)

    def import_file(self, path: str | Path) -> Profile:
        """Import the .md or .json file at ``path`` as a new profile."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InvalidProfile(f"cannot read {path}: {error.strerror}") from error
        return self.import_bytes(data, path.name)

    def ensure_sample(self) -> Profile | None:
        """Import the shipped sample on first use: no profile file, and none ever deleted.

        A user who deleted every profile, the sample included, does not get it back unasked.
        """
        trash = self.folder / _TRASH
        used_before = trash.is_dir() and any(trash.iterdir())
        if used_before or any(self._files()) or not SAMPLE_PATH.is_file():
            return None
        return self.import_file(SAMPLE_PATH)

    # --- internals --------------------------------------------------------------------------

    def _files(self) -> Iterator[Path]:
        if not self.folder.is_dir():
            return iter(())
        return (
            p
            for p in sorted(self.folder.glob(f"*{_SUFFIX}"))
            if not p.name.startswith(".") and p.is_file()
        )

    def _path(self, profile_id: str) -> Path:
        return self.folder / f"{profile_id}{_SUFFIX}"

    def _backup_path(self, profile_id: str) -> Path:
        return self.folder / f"{profile_id}{_BACKUP_SUFFIX}"

    def _existing_path(self, ref: str) -> Path:
        """The file of ``ref``: an id (even of a broken file) or a slug."""
        self._check_name(ref)
        path = self._path(ref)
        return path if path.is_file() else self._path(self.load(ref).id)

    def _check_name(self, ref: str) -> None:
        if not isinstance(ref, str) or not is_valid_name(ref):
            raise UnknownProfile(
                f"{ref!r} is not a profile id or slug (lower-case letters, digits, - and _)"
            )

    def _known(self) -> str:
        profiles = self.profiles()
        if not profiles:
            return "there are no profiles yet"
        names = ", ".join(f"{p.id} ({p.slug})" for p in profiles)
        return f"profiles: {names}"

    def _entry(self, path: Path) -> Entry:
        try:
            profile = self._read(path)
        except InvalidProfile as error:
            return Entry(path.stem, path, None, str(error))
        return Entry(path.stem, path, profile, None)

    def _read(self, path: Path) -> Profile:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise InvalidProfile(f"{path.name}: not UTF-8 text") from error
        except OSError as error:
            raise InvalidProfile(f"{path.name}: cannot be read ({error.strerror})") from error
        profile = _parse(text, path.name)
        if profile.id != path.stem:
            raise InvalidProfile(
                f"{path.name} holds profile {profile.id!r}; its file name should be "
                f"{profile.id}{_SUFFIX}"
            )
        return profile

    def _save(self, profile: Profile, *, new: bool) -> Profile:
        self._check_name(profile.id)
        path = self._path(profile.id)
        with self._locked():
            previous = self._previous_text(path, profile, new=new)
            saved = profile.model_copy(
                update={"revision": profile.revision + 1, "updated_at": utc_now()}, deep=True
            )
            try:
                if previous is not None:
                    write_atomic(self._backup_path(profile.id), previous.encode("utf-8"))
                write_atomic(path, _serialise(saved).encode("utf-8"))
            except OSError as error:
                raise StoreError(f"could not save {path}: {error.strerror or error}") from error
        return saved

    def _previous_text(self, path: Path, profile: Profile, *, new: bool) -> str | None:
        """The current file's text if the save may replace it; raises if it may not."""
        if not path.exists():
            return None
        if new:
            raise StoreError(f"a profile with id {profile.id!r} exists already")
        try:
            on_disk = self._read(path)
        except InvalidProfile as error:
            raise StoreError(
                f"{path.name} cannot be read, so it was left as it is ({error}); "
                "move it out of the profiles folder to save this profile"
            ) from error
        if on_disk.revision != profile.revision:
            raise StaleRevision(
                f"{profile.title} was changed elsewhere (revision {on_disk.revision} on disk, "
                f"this copy has {profile.revision}); reload to see the newer version"
            )
        return path.read_text(encoding="utf-8")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = open(self.folder / _LOCK, "a")  # noqa: SIM115 - held for the whole block
        except OSError as error:
            raise StoreError(f"cannot use {self.folder}: {error.strerror}") from error
        with handle:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            yield


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    The file is private to the user (0600) unless ``mode`` says otherwise.
    """
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable: the directory entry itself must reach the disk."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows cannot open folders
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _free_path(path: Path) -> Path:
    """``path``, or ``path`` with a counter, so nothing in the trash is overwritten."""
    candidate, n = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def _parse(text: str, name: str) -> Profile:
    """Read a stored profile (lossless JSON, older schemas migrated); errors name the file."""
    from prep_core.readers.json import read

    try:
        return read(text)
    except InvalidProfile as error:
        raise InvalidProfile(f"{name}: {error}") from None


def _serialise(profile: Profile) -> str:
    from prep_core.writers.json import write

    return write(profile, now=profile.updated_at)
