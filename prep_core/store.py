"""The profile store: one JSON file per profile in ``<data dir>/profiles/<id>.json``.

Saves are atomic: the new version goes to a synced temp file in the same folder, then the
previous version becomes ``<id>.json.bak``, then the temp file is renamed into place and the
folder synced; a save that fails leaves file and backup as they were. ``Store.open`` removes
temp files of killed saves once they are an hour old. Every save carries the revision it started
from: a save from an older revision (a second browser tab) raises ``StaleRevision``, and one of
a profile deleted since it was loaded ``DeletedElsewhere``; ``save_as_copy`` keeps that work as a
new profile. *Delete* moves the file to ``.trash/``, ``restore`` brings it back. A file that
fails to load, for any reason, is reported by ``entries()`` and never modified. Ids and slugs
are checked against one pattern before they become part of a path, and the store follows no
symbolic link (``.lock``, ``.trash``, a profile file), so nothing leaves the folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from prep_core.errors import (
    AlreadyImported,
    DeletedElsewhere,
    InvalidProfile,
    StaleRevision,
    StoreError,
    UnknownProfile,
    one_line,
)
from prep_core.model import Profile, slugify, utc_now
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
# A temp file of ours (``write_atomic``) is ``.<name>.<random>.tmp``; one older than this was
# left by a killed save: no save takes more than seconds.
_TEMP = re.compile(r"^\..+\.tmp$")
TEMP_MAX_AGE = 3600.0  # seconds
_STAMP = "%Y%m%dT%H%M%SZ"  # a trashed file is <id>-<stamp>[-n].json, the stamp in UTC
_TRASHED = re.compile(r"(?P<id>[a-z0-9][a-z0-9_-]*)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?\.json")


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
    warning: str | None = None  # about a file that loaded: e.g. a JSON key given twice


@dataclass(frozen=True)
class Trashed:
    """One deleted profile in the trash folder: when it was deleted, and what it holds."""

    id: str
    path: Path
    deleted_at: datetime
    profile: Profile | None
    error: str | None


class Store:
    """The profiles of one data folder, created on first save."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.folder = self.data_dir / "profiles"
        self.removed_temp_files = 0  # by ``open``: temp files that killed saves left behind

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> Store:
        """The store of ``resolve_data_dir(data_dir)``; creates nothing.

        Temp files that killed saves left in the folder (older than an hour) are removed, unless
        a save is under way: one that holds the folder's lock may still be writing its own.
        """
        store = cls(resolve_data_dir(data_dir))
        store.removed_temp_files = store._remove_old_temp_files()
        return store

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

    def slugs(self, profiles: list[Profile] | None = None) -> dict[str, str]:
        """Each profile's short name, by id: its company ("netflix"), or company and role
        ("netflix-ml-engineer") when another profile is about the same company."""
        profiles = self.profiles() if profiles is None else profiles
        companies = Counter(slugify(p.company) for p in profiles)
        return {
            p.id: company if company and companies[company] == 1 else p.slug
            for p in profiles
            for company in (slugify(p.company),)
        }

    def load(self, ref: str) -> Profile:
        """The profile whose id or slug is ``ref``."""
        self._check_name(ref)
        path = self._path(ref)
        if path.is_file():
            return self._read(path)
        profiles = self.profiles()
        short = self.slugs(profiles)
        matches = [p for p in profiles if ref in (short[p.id], p.slug)] or [
            p
            for p in profiles
            if slugify(p.company) == ref  # "spotify" when two are
        ]
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
            self._check_trash(trash, f"could not delete {path.name}")
            with contextlib.suppress(FileExistsError):
                trash.mkdir()
            stamp = utc_now().strftime(_STAMP)
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
        """A copy of the profile, "<company> (copy)" with fresh ids, saved as a new profile."""
        return self.save_as_copy(self.load(ref))

    def save_as_copy(self, profile: Profile) -> Profile:
        """Save ``profile`` as a new profile named "<company> (copy)", with fresh ids everywhere.

        The way out of a refused stale save that keeps this tab's work. ``profile`` is unchanged.
        """
        copy = profile.with_new_ids()
        copy.company = copy_name(profile.company)
        return self.create(copy)

    def restore(self, profile_id: str) -> Profile:
        """Bring back the most recently trashed copy of ``profile_id``, as it was saved.

        Refused when nothing in the trash has that id, or a profile with it exists.
        """
        self._check_name(profile_id)
        path = self._path(profile_id)
        with self._locked():
            if os.path.lexists(path):
                raise StoreError(f"a profile with the id {profile_id!r} exists already")
            found = self.trashed(profile_id)
            if not found:
                raise StoreError(
                    f"nothing in the trash has the id {profile_id!r}; "
                    "prep restore lists what is there"
                )
            latest = found[0]
            if latest.profile is None:
                raise StoreError(f"cannot restore {latest.path.name}: {latest.error}")
            try:
                os.replace(latest.path, path)
                backup = latest.path.with_name(latest.path.name + ".bak")
                if backup.is_file() and not backup.is_symlink():
                    os.replace(backup, self._backup_path(profile_id))
                _fsync_dir(self.folder)
            except OSError as error:
                raise StoreError(
                    f"could not restore {latest.path.name}: {error.strerror or error}"
                ) from error
        return latest.profile

    def trashed(self, profile_id: str | None = None) -> list[Trashed]:
        """What is in the trash (of one id, or all), most recently deleted first."""
        found = []
        for path, stamp, counter in self._trashed(profile_id):
            file_id = _TRASHED.fullmatch(path.name)["id"]  # type: ignore[index]
            try:
                profile, error = self._read(path, expected_id=file_id), None
            except Exception as problem:
                profile, error = None, one_line(str(problem), limit=300)
            found.append((stamp, counter, Trashed(file_id, path, stamp, profile, error)))
        found.sort(key=lambda item: item[:2], reverse=True)
        return [trashed for _, _, trashed in found]

    def import_bytes(self, data: bytes, name: str, *, as_copy: bool = False) -> Profile:
        """Read a .md or .json file's bytes and save it as a new profile; never overwrites.

        Refused with ``AlreadyImported`` when a stored profile has the same content (ids,
        times and revision aside); ``as_copy`` imports it anyway, as "<company> (copy)".
        """
        from prep_core.readers import load_bytes

        return self._import(load_bytes(data, name), as_copy=as_copy)

    def import_file(self, path: str | Path, *, as_copy: bool = False) -> Profile:
        """Import the .md or .json file at ``path`` as a new profile (see ``import_bytes``)."""
        from prep_core.readers import load_file

        return self._import(load_file(path), as_copy=as_copy)

    def _import(self, profile: Profile, *, as_copy: bool) -> Profile:
        if as_copy:
            return self.save_as_copy(profile)
        same = content_key(profile)
        for stored in self.profiles():
            if content_key(stored) == same:
                raise AlreadyImported(stored.id, stored.title)
        if os.path.lexists(self._path(profile.id)):
            profile = profile.with_new_ids()
        return self.create(profile)

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
        short = self.slugs(profiles)
        names = ", ".join(f"{p.id} ({short[p.id]})" for p in profiles)
        return f"profiles: {names}"

    def _entry(self, path: Path) -> Entry:
        notes: list[str] = []
        try:
            profile = self._read(path, notes=notes)
        except InvalidProfile as error:
            return Entry(path.stem, path, None, one_line(str(error)))
        except Exception as error:
            reason = one_line(f"{type(error).__name__}: {error}", limit=300)
            return Entry(
                path.stem, path, None, f"{one_line(path.name)}: cannot be loaded ({reason})"
            )
        return Entry(path.stem, path, profile, None, one_line("; ".join(notes)) or None)

    def _read(
        self, path: Path, *, notes: list[str] | None = None, expected_id: str | None = None
    ) -> Profile:
        """The profile in a file of the folder: a regular file, never a link followed out."""
        from prep_core import readers

        data = readers.read_regular_file(
            path, readers.MAX_FILE_BYTES, name=path.name, follow_symlinks=False
        )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidProfile(f"{path.name}: not UTF-8 text") from error
        profile = _parse(text, path.name, notes)
        if profile.id != (expected_id or path.stem):
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
            data = _serialise(saved).encode("utf-8")
            _check_size(data, path)
            temp = None
            try:
                # The new file is written and synced first; only then is the backup rotated,
                # so a save that fails (a full disk) leaves both the file and its backup.
                temp = _write_temp(path, data)
                if previous is not None:
                    write_atomic(self._backup_path(profile.id), previous)
                os.replace(temp, path)
                temp = None
                _fsync_dir(path.parent)
            except OSError as error:
                raise StoreError(f"could not save {path}: {error.strerror or error}") from error
            finally:
                if temp is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(temp)
        return saved

    def _previous_text(self, path: Path, profile: Profile, *, new: bool) -> bytes | None:
        """The current file's bytes if the save may replace it; raises if it may not."""
        if not os.path.lexists(path):
            if not new and profile.revision > 0:  # it was saved here once: deleted since
                raise DeletedElsewhere(
                    f"This profile was deleted in another tab at {self._deleted_at(profile.id)}"
                )
            return None
        if new:
            raise StoreError(f"a profile with id {profile.id!r} exists already")
        try:
            on_disk = self._read(path)
        except Exception as error:
            raise StoreError(
                f"{path.name} cannot be read, so it was left as it is ({one_line(str(error))}); "
                "move it out of the profiles folder to save this profile"
            ) from error
        if on_disk.revision != profile.revision:
            raise StaleRevision(
                f"This profile was changed in another tab at {_hhmm(on_disk.updated_at)}"
            )
        return path.read_bytes()

    def _deleted_at(self, profile_id: str) -> str:
        """When the profile went to the trash (HH:MM, local time, from the name the trash gave
        its file), else now."""
        stamps = [stamp for _, stamp, _ in self._trashed(profile_id)]
        return _hhmm(max(stamps) if stamps else utc_now())

    def _trashed(self, profile_id: str | None = None) -> list[tuple[Path, datetime, int]]:
        """Profile files in the trash (of one id, or all) with the moment each was deleted."""
        trash = self.folder / _TRASH
        if trash.is_symlink() or not trash.is_dir():
            return []
        found = []
        for path in trash.glob(f"{profile_id or '*'}-*{_SUFFIX}"):
            match = _TRASHED.fullmatch(path.name)
            if match and (profile_id is None or match["id"] == profile_id):
                stamp = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
                found.append((path, stamp, int(match["n"] or 0)))
        return found

    def _check_trash(self, trash: Path, action: str) -> None:
        if trash.is_symlink():
            raise StoreError(
                f"{action}: {trash} is a symbolic link; the store never follows a link out of "
                "its folder"
            )
        if os.path.lexists(trash) and not trash.is_dir():
            raise StoreError(f"{action}: {trash} is not a folder; move it out of the way")

    def _remove_old_temp_files(self) -> int:
        """Remove temp files of killed saves (older than an hour) unless a save is under way."""
        try:
            with os.scandir(self.folder) as found:
                old = [
                    f.name
                    for f in found
                    if _TEMP.match(f.name)
                    and f.is_file(follow_symlinks=False)
                    and time.time() - f.stat(follow_symlinks=False).st_mtime > TEMP_MAX_AGE
                ]
        except OSError:  # no folder yet (nothing to do), or one we cannot list
            return 0
        if not old:
            return 0
        removed = 0
        with contextlib.suppress(StoreError), self._locked(wait=False) as got:
            if not got:
                return 0  # a save is under way: its temp file may be one of these
            for name in old:
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / name)
                    removed += 1
        return removed

    @contextlib.contextmanager
    def _locked(self, *, wait: bool = True) -> Iterator[bool]:
        """Hold the folder's lock for the block; yields False if ``wait`` is off and it is busy.

        The lock file is opened without following a symbolic link, so a link planted as
        ``.lock`` can neither be written through nor created outside the folder.
        """
        lock = self.folder / _LOCK
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock, flags, 0o600)
        except OSError as error:
            if lock.is_symlink():
                raise StoreError(
                    f"cannot use {self.folder}: {_LOCK} is a symbolic link; the store never "
                    "follows a link out of its folder"
                ) from error
            raise StoreError(f"cannot use {self.folder}: {error.strerror or error}") from error
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise StoreError(f"cannot use {self.folder}: {_LOCK} is not a regular file")
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    yield False
                    return
            yield True
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    The file is private to the user (0600) unless ``mode`` says otherwise.
    """
    temp = _write_temp(path, data, mode=mode)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_dir(path.parent)


def _write_temp(path: Path, data: bytes, *, mode: int | None = None) -> str:
    """A synced temp file beside ``path`` holding ``data`` (``.<name>.<random>.tmp``)."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return temp


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable: the directory entry itself must reach the disk."""
    if not hasattr(os, "O_DIRECTORY"):  # pragma: no cover - Windows cannot open folders
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_size(data: bytes, path: Path) -> None:
    """Refuse to save what the store could not read back."""
    from prep_core import readers

    if len(data) > readers.MAX_FILE_BYTES:
        raise StoreError(
            f"{path.name}: too large to save (over {readers.MAX_FILE_BYTES >> 20} MB as JSON); "
            "shorten the longest texts"
        )


def copy_name(company: str) -> str:
    """The company name of a copy: 'Netflix (copy)'."""
    return f"{company} (copy)" if company else "(copy)"


def content_key(profile: Profile) -> str:
    """What a profile says, without ids, times or revision: equal for a re-imported file."""
    data = profile.model_dump(mode="json", exclude={"id", "revision", "created_at", "updated_at"})
    for item in [*data["news"], *data["sources"], *data["prep"]["skill_map"]]:
        item.pop("id", None)
    for item in data["prep"]["questions"]:
        item.pop("id", None)
    return json.dumps(data, sort_keys=True)


def _hhmm(moment: datetime) -> str:
    """A moment as the local clock showed it: '14:02'."""
    return moment.astimezone().strftime("%H:%M")


def _free_path(path: Path) -> Path:
    """``path``, or ``path`` with a counter, so nothing in the trash is overwritten."""
    candidate, n = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def _parse(text: str, name: str, notes: list[str] | None = None) -> Profile:
    """Read a stored profile (lossless JSON, older schemas migrated); errors name the file."""
    from prep_core.readers.json import read

    found: list[str] = []
    try:
        profile = read(text, notes=found)
    except InvalidProfile as error:
        raise InvalidProfile(f"{name}: {error}") from None
    if notes is not None:
        notes.extend(f"{name}: {note}" for note in found)
    return profile


def _serialise(profile: Profile) -> str:
    from prep_core.writers.json import write

    return write(profile, now=profile.updated_at)
