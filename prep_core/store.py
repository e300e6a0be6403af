"""The profile store: one JSON file per profile in ``<data dir>/profiles/<id>.json``.

Saves are atomic (``files.replace_with_backup``): the new version goes to a synced temp file in
the same folder, then the previous version becomes ``<id>.json.bak``, then the temp file is
renamed into place and the folder synced; a save that fails leaves file and backup as they were.
What a save writes is first read back as a load would read it: a profile the store would refuse
to load is refused before anything is written. ``Store.open`` removes temp files of killed saves
once they are an hour old (once per process). Every save carries the revision it started
from: a save from an older revision (a second tab, the CLI) raises ``StaleRevision``, and one of
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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from prep_core import files
from prep_core.errors import (
    AlreadyImported,
    DeletedElsewhere,
    InvalidProfile,
    StaleRevision,
    StoreError,
    UnknownProfile,
    one_line,
)
from prep_core.model import Profile, numbered_id, renamed_ids, slugify, utc_now
from prep_core.paths import DEFAULT_DATA_DIR, SAMPLE_PATH

DATA_DIR_ENV = "PREP_DATA_DIR"

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SUFFIX = ".json"
_BACKUP_SUFFIX = ".json.bak"
_TRASH = ".trash"
_TEMP = re.compile(r"^\..+\.tmp$")  # ``files.write_temp``'s names, in the profiles folder
_KNOWN = files.Known()  # the profile files this process saved, with their revisions
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

        Temp files that killed saves left in the folder (older than an hour) are removed, once
        per process, unless a save is under way: one that holds the folder's lock may still be
        writing its own.
        """
        store = cls(resolve_data_dir(data_dir))
        store.removed_temp_files = files.sweep_once(store.folder, _TEMP)
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
                files.fsync_dir(self.folder)
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
                files.fsync_dir(self.folder)
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
        return self._parsed(self._bytes(path), path, notes=notes, expected_id=expected_id)

    def _bytes(self, path: Path) -> bytes:
        from prep_core import readers

        return readers.read_regular_file(
            path, readers.MAX_FILE_BYTES, name=path.name, follow_symlinks=False
        )

    def _parsed(
        self,
        data: bytes,
        path: Path,
        *,
        notes: list[str] | None = None,
        expected_id: str | None = None,
    ) -> Profile:
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
        saved = profile.model_copy(
            update={"revision": profile.revision + 1, "updated_at": utc_now()}, deep=True
        )
        data = _serialise(saved).encode("utf-8")
        _check_readable(data, path)
        with self._locked():
            previous = self._previous_bytes(path, profile, new=new)
            try:
                files.replace_with_backup(path, data, self._backup_path(profile.id), previous)
            except OSError as error:
                raise StoreError(f"could not save {path}: {error.strerror or error}") from error
            _KNOWN.remember(path, saved.revision)
        return saved

    def _previous_bytes(self, path: Path, profile: Profile, *, new: bool) -> bytes | None:
        """The current file's bytes, read once, if the save may replace them; raises if not.

        The file this process saved last is known by its identity: its revision is compared
        without parsing it again. Any other file is read as a load reads it: one that does not
        load is never replaced.
        """
        if not os.path.lexists(path):
            if not new and profile.revision > 0:  # it was saved here once: deleted since
                raise DeletedElsewhere(
                    f"This profile was deleted in another tab at {self._deleted_at(profile.id)}"
                )
            return None
        if new:
            raise StoreError(f"a profile with id {profile.id!r} exists already")
        known = _KNOWN.revision(path)
        try:
            data = self._bytes(path)
            on_disk = None if known == profile.revision else self._parsed(data, path)
        except Exception as error:
            raise StoreError(
                f"{path.name} cannot be read, so it was left as it is ({one_line(str(error))}); "
                "move it out of the profiles folder to save this profile"
            ) from error
        if on_disk is not None and on_disk.revision != profile.revision:
            when = _hhmm(on_disk.updated_at)
            raise StaleRevision(
                f"This profile was changed elsewhere at {when}", on_disk.revision, when
            )
        return data

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

    def _locked(self, *, wait: bool = True) -> contextlib.AbstractContextManager[bool]:
        """Hold the profiles folder's lock for the block (``files.locked``)."""
        return files.locked(self.folder, wait=wait)


def _check_readable(data: bytes, path: Path) -> None:
    """Refuse to save what the store would refuse to load: the bytes are read back as a load
    reads them (size, then the JSON reader and the model's rules)."""
    from prep_core import readers

    if len(data) > readers.MAX_FILE_BYTES:
        raise StoreError(
            f"{path.name}: too large to save (over {readers.MAX_FILE_BYTES >> 20} MB as JSON); "
            "shorten the longest texts"
        )
    try:
        _parse(data.decode("utf-8"), path.name)
    except InvalidProfile as error:
        raise StoreError(f"not saved, it could not be read back: {error}") from None


def copy_name(company: str) -> str:
    """The company name of a copy: 'Netflix (copy)'."""
    return f"{company} (copy)" if company else "(copy)"


def content_key(profile: Profile) -> str:
    """What a profile says, without times or revision, and with every id replaced by the
    item's place (links follow, ``renamed_ids``): equal for a re-imported file, whose reader
    gave every part fresh ids."""
    data = profile.model_dump(mode="json", exclude={"revision", "created_at", "updated_at"})
    return json.dumps(renamed_ids(data, numbered_id), sort_keys=True)


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
    from prep_core.readers import day_notes
    from prep_core.readers.json import read

    found: list[str] = []
    try:
        profile = read(text, notes=found)
    except InvalidProfile as error:
        raise InvalidProfile(f"{name}: {error}") from None
    found += day_notes(profile)
    if notes is not None:
        notes.extend(f"{name}: {note}" for note in found)
    return profile


def _serialise(profile: Profile) -> str:
    from prep_core.writers.json import write

    return write(profile, now=profile.updated_at)
