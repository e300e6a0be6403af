"""The profile store: round trips, revisions, atomic saves, broken files and hostile names."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prep_core import files
from prep_core import store as store_module
from prep_core.errors import (
    AlreadyImported,
    DeletedElsewhere,
    InvalidProfile,
    StaleRevision,
    StoreError,
    UnknownProfile,
)
from prep_core.model import NewsItem, Profile, Question, SkillRow, Source
from prep_core.store import Store, resolve_data_dir


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data")


def small_profile(company: str = "Acme", role: str = "Data Engineer") -> Profile:
    profile = Profile(company=company, role_title=role)
    profile.news = [NewsItem(text="Raised a round", date="2025")]
    profile.sources = [Source(title="Website", url="https://acme.example")]
    profile.prep.skill_map = [SkillRow(skill="SQL", requirement="Warehousing")]
    profile.prep.questions = [Question(text="Why Acme?", answer="Because.", confidence=4)]
    return profile


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- data folder ------------------------------------------------------------------------------


def test_resolve_data_dir_prefers_explicit_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PREP_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert resolve_data_dir() == tmp_path / "env"
    monkeypatch.delenv("PREP_DATA_DIR")
    assert resolve_data_dir() == store_module.DEFAULT_DATA_DIR


def test_sample_path_does_not_follow_the_data_dir(tmp_path):
    assert store_module.SAMPLE_PATH.is_file()
    assert Store.open(tmp_path).data_dir == tmp_path


def test_an_empty_store_lists_nothing_and_creates_no_folder(store):
    assert store.entries() == []
    assert not store.folder.exists()


# --- save and load ----------------------------------------------------------------------------


def test_create_then_load_round_trips_every_field(store):
    original = small_profile()
    saved = store.create(original)
    loaded = store.load(saved.id)
    assert loaded == saved
    assert loaded.model_dump(exclude={"revision", "updated_at"}) == original.model_dump(
        exclude={"revision", "updated_at"}
    )
    assert saved.revision == 1
    assert (store.folder / f"{saved.id}.json").is_file()


def test_load_by_slug(store):
    saved = store.create(small_profile())
    assert saved.slug == "acme-data-engineer"
    assert store.load("acme-data-engineer").id == saved.id


def test_a_profile_is_found_by_its_company_alone_until_another_has_the_same_company(store):
    spotify = store.create(Profile(company="Spotify", role_title="Senior Data Engineer"))
    assert store.slugs() == {spotify.id: "spotify"}
    assert store.load("spotify").id == spotify.id
    other = store.create(Profile(company="Spotify", role_title="ML Engineer"))
    assert store.slugs() == {
        spotify.id: "spotify-senior-data-engineer",
        other.id: "spotify-ml-engineer",
    }
    assert store.load("spotify-ml-engineer").id == other.id
    with pytest.raises(UnknownProfile, match="several profiles are called 'spotify'"):
        store.load("spotify")


def test_each_save_increments_the_revision_and_leaves_the_argument_alone(store):
    first = store.create(small_profile())
    first.company = "Acme Corp"
    second = store.save(first)
    assert (first.revision, second.revision) == (1, 2)
    assert first.company == second.company == "Acme Corp"
    assert second.updated_at >= first.updated_at
    assert store.load(first.id).revision == 2
    second.prep.questions[0].answer = "changed"
    assert first.prep.questions[0].answer == "Because."  # no shared nested objects


def test_a_stale_save_is_refused_and_the_file_is_unchanged(store):
    tab_one = store.create(small_profile())
    tab_two = tab_one.model_copy(deep=True)
    store.save(tab_one.model_copy(update={"company": "From tab one"}))
    path = store.folder / f"{tab_one.id}.json"
    before = path.read_bytes()
    tab_two.company = "From tab two"
    with pytest.raises(StaleRevision):
        store.save(tab_two)
    assert path.read_bytes() == before


def test_the_previous_version_is_kept_as_a_backup(store):
    first = store.create(small_profile())
    first_bytes = (store.folder / f"{first.id}.json").read_bytes()
    store.save(first.model_copy(update={"company": "Renamed"}))
    backup = store.folder / f"{first.id}.json.bak"
    assert backup.read_bytes() == first_bytes
    assert Profile.model_validate_json(backup.read_text()).company == "Acme"
    assert [e.id for e in store.entries()] == [first.id]  # the backup is not a profile


def test_a_failure_before_the_rename_leaves_the_old_file_and_no_temp_file(store, monkeypatch):
    saved = store.create(small_profile())
    path = store.folder / f"{saved.id}.json"
    before = path.read_bytes()
    listing = files_in(store.folder)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "replace", broken_replace)
    with pytest.raises(StoreError, match=r"could not save .*No space left on device"):
        store.save(saved.model_copy(update={"company": "Never written"}))
    assert path.read_bytes() == before
    assert files_in(store.folder) == listing
    monkeypatch.undo()
    assert store.load(saved.id).company == "Acme"


def test_create_refuses_an_existing_id(store):
    saved = store.create(small_profile())
    with pytest.raises(StoreError, match="exists already"):
        store.create(saved)


def test_entries_are_newest_first(store, monkeypatch):
    # Timestamps have one-second resolution, so the clock is set for each save.
    clock = iter([datetime(2026, 1, d, tzinfo=UTC) for d in (1, 2, 3)])
    monkeypatch.setattr(store_module, "utc_now", lambda: next(clock))
    first = store.create(small_profile("First"))
    store.create(small_profile("Second"))
    assert [p.company for p in store.profiles()] == ["Second", "First"]
    store.save(first)
    assert [p.company for p in store.profiles()] == ["First", "Second"]
    assert store.entries()[0].profile.updated_at == datetime(2026, 1, 3, tzinfo=UTC)


# --- broken and foreign files -----------------------------------------------------------------


def test_broken_files_are_reported_last_and_left_byte_for_byte(store):
    good = store.create(small_profile())
    store.folder.mkdir(exist_ok=True)
    corrupt = store.folder / "corrupt.json"
    corrupt.write_bytes(b'{"id": "corrupt", "company": ')
    foreign = store.folder / "package.json"
    foreign.write_text(json.dumps({"name": "left-pad", "version": "1.3.0"}))
    renamed = store.folder / "renamed.json"
    renamed.write_bytes((store.folder / f"{good.id}.json").read_bytes())
    snapshot = {p: p.read_bytes() for p in (corrupt, foreign, renamed)}
    stamps = {p: p.stat().st_mtime_ns for p in snapshot}

    entries = store.entries()

    assert [e.id for e in entries] == [good.id, "corrupt", "package", "renamed"]
    assert entries[0].error is None and entries[0].profile == good
    by_id = {e.id: e for e in entries}
    for name in ("corrupt", "package", "renamed"):
        assert by_id[name].profile is None
        assert by_id[name].error.startswith(f"{name}.json")
    assert "JSON" in by_id["corrupt"].error
    assert "name" in by_id["package"].error  # the unexpected key is named
    assert f"should be {good.id}.json" in by_id["renamed"].error
    assert store.profiles() == [good]
    assert {p: p.read_bytes() for p in snapshot} == snapshot
    assert {p: p.stat().st_mtime_ns for p in snapshot} == stamps


def test_saving_over_a_broken_file_is_refused(store):
    store.folder.mkdir(parents=True)
    broken = store.folder / "abc.json"
    broken.write_bytes(b"not json")
    with pytest.raises(StoreError, match="left as it is"):
        store.save(Profile(id="abc", revision=0))
    assert broken.read_bytes() == b"not json"


# --- names that must not become paths ---------------------------------------------------------


@pytest.mark.parametrize(
    "ref", ["../x", "/etc/passwd", "..", "a/b", "A-Upper", "", "x" * 65, "a\x00b", ".trash"]
)
def test_hostile_refs_are_refused_without_touching_paths(store, tmp_path, ref):
    outside = tmp_path / "x.json"
    outside.write_text("{}")
    with pytest.raises(UnknownProfile, match="is not a profile id or slug"):
        store.load(ref)
    with pytest.raises(UnknownProfile):
        store.delete(ref)
    assert outside.read_text() == "{}"
    assert not store.folder.exists()


def test_a_profile_with_a_hostile_id_cannot_be_saved(store, tmp_path):
    profile = Profile.model_construct(**small_profile().__dict__)  # skips id validation
    object.__setattr__(profile, "id", "../../escaped")
    with pytest.raises(UnknownProfile):
        store.save(profile)
    assert not (tmp_path / "escaped.json").exists()


def test_unknown_ref_lists_what_exists(store):
    saved = store.create(small_profile())
    with pytest.raises(UnknownProfile) as caught:
        store.load("nobody")
    assert str(caught.value) == (
        f"no profile 'nobody' in {store.folder}; profiles: {saved.id} (acme)"
    )


def test_an_ambiguous_slug_names_the_ids(store):
    one = store.create(small_profile())
    two = store.create(small_profile())
    with pytest.raises(UnknownProfile) as caught:
        store.load("acme-data-engineer")
    assert one.id in str(caught.value) and two.id in str(caught.value)
    assert "use an id" in str(caught.value)


# --- duplicate and delete ---------------------------------------------------------------------


def item_ids(profile: Profile) -> set[str]:
    items = [*profile.news, *profile.sources, *profile.prep.skill_map, *profile.prep.questions]
    return {item.id for item in items}


def test_duplicate_gives_new_ids_everywhere(store):
    original = store.create(small_profile())
    copy = store.duplicate(original.id)
    assert copy.id != original.id
    assert len(item_ids(copy)) == len(item_ids(original)) == 4
    assert item_ids(copy).isdisjoint(item_ids(original))
    assert copy.company == "Acme (copy)"  # the Library tells them apart
    assert copy.prep.questions[0].text == original.prep.questions[0].text
    assert copy.revision == 1
    assert {p.id for p in store.profiles()} == {original.id, copy.id}


def test_delete_moves_the_file_and_its_backup_to_the_trash(store):
    saved = store.save(store.create(small_profile()))
    source = store.folder / f"{saved.id}.json"
    content = source.read_bytes()
    moved = store.delete(saved.slug)
    assert moved.parent == store.folder / ".trash"
    assert moved.read_bytes() == content
    assert moved.with_name(moved.name + ".bak").is_file()
    assert not source.exists()
    assert store.entries() == []
    with pytest.raises(UnknownProfile):
        store.load(saved.id)


def test_a_broken_file_can_be_deleted_by_its_id(store):
    store.folder.mkdir(parents=True)
    (store.folder / "junk.json").write_text("{")
    moved = store.delete("junk")
    assert moved.read_text() == "{"
    assert store.entries() == []


# --- import and the sample --------------------------------------------------------------------


def test_import_of_the_same_json_twice_never_overwrites(store, tmp_path):
    first = store.create(small_profile())
    data = (store.folder / f"{first.id}.json").read_bytes()
    with pytest.raises(AlreadyImported) as caught:
        store.import_bytes(data, "acme.json")
    assert str(caught.value) == "already imported as Acme — Data Engineer"
    assert (caught.value.existing_id, caught.value.title) == (first.id, first.title)
    second = store.import_bytes(data, "acme.json", as_copy=True)
    assert second.id != first.id and second.company == "Acme (copy)"
    assert item_ids(second).isdisjoint(item_ids(first))
    assert store.load(first.id) == first
    assert len(store.profiles()) == 2


def test_a_changed_file_with_a_stored_id_imports_as_a_new_profile(store):
    first = store.create(small_profile())
    changed = first.model_copy(update={"company": "Acme 2"})
    second = store.import_bytes(changed.model_dump_json().encode(), "acme.json")
    assert second.id != first.id and second.company == "Acme 2"


def test_reimporting_the_same_markdown_is_refused_ignoring_ids_and_times(store, tmp_path):
    from prep_core.writers.markdown import write as write_markdown

    path = tmp_path / "acme.md"
    path.write_text(write_markdown(small_profile()), encoding="utf-8")
    first = store.import_file(path)
    with pytest.raises(AlreadyImported, match=r"^already imported as Acme — Data Engineer$"):
        store.import_file(path)
    assert store.import_file(path, as_copy=True).company == "Acme (copy)"
    assert store.load(first.id) == first


def test_ensure_sample_imports_the_sample_once(store):
    sample = store.ensure_sample()
    assert sample is not None and sample.company == "Netflix"
    assert sample.revision == 1
    assert store.ensure_sample() is None
    assert [p.id for p in store.profiles()] == [sample.id]


def test_ensure_sample_does_not_bring_back_a_deleted_sample(store):
    sample = store.ensure_sample()
    store.delete(sample.id)
    assert store.ensure_sample() is None
    assert store.profiles() == []


def test_ensure_sample_leaves_a_folder_with_only_broken_files_alone(store):
    store.folder.mkdir(parents=True)
    (store.folder / "junk.json").write_text("{")
    assert store.ensure_sample() is None
    assert os.listdir(store.folder) == ["junk.json"]


def test_concurrent_saves_of_one_revision_let_exactly_one_through(store):
    from concurrent.futures import ThreadPoolExecutor

    base = store.create(small_profile())

    def attempt(n: int) -> str:
        try:
            store.save(base.model_copy(update={"company": f"Tab {n}"}))
        except StaleRevision:
            return "stale"
        return "saved"

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(attempt, range(8)))
    assert sorted(outcomes) == ["saved"] + ["stale"] * 7
    assert store.load(base.id).revision == 2


# --- under attack (issue 9) -------------------------------------------------------------------


def local_hhmm(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def test_a_stale_save_says_when_the_other_tab_saved_in_plain_words(store, monkeypatch):
    tab_one = store.create(small_profile())
    tab_two = tab_one.model_copy(deep=True)
    other_save = datetime(2026, 11, 27, 14, 2, tzinfo=UTC)
    monkeypatch.setattr(store_module, "utc_now", lambda: other_save)
    store.save(tab_one)
    with pytest.raises(StaleRevision) as caught:
        store.save(tab_two)
    # the store cannot tell a tab from the CLI: it says when, and gives the revision it found
    assert str(caught.value) == f"This profile was changed elsewhere at {local_hhmm(other_save)}"
    assert (caught.value.revision, caught.value.saved_at) == (2, local_hhmm(other_save))
    assert not isinstance(caught.value, DeletedElsewhere)


def test_a_save_of_a_profile_deleted_elsewhere_is_refused(store, monkeypatch):
    # Issue 9.1: the stale tab used to save the deleted profile back at revision 2.
    tab_one = store.create(small_profile())
    tab_two = tab_one.model_copy(deep=True)
    deleted_at = datetime(2026, 11, 27, 9, 41, tzinfo=UTC)
    monkeypatch.setattr(store_module, "utc_now", lambda: deleted_at)
    store.delete(tab_one.id)
    tab_two.company = "Edited in the stale tab"
    with pytest.raises(DeletedElsewhere) as caught:
        store.save(tab_two)
    assert isinstance(caught.value, StaleRevision)  # the UI offers the same choices
    assert (
        str(caught.value) == f"This profile was deleted in another tab at {local_hhmm(deleted_at)}"
    )
    assert store.entries() == []
    assert not (store.folder / f"{tab_one.id}.json").exists()


def test_a_refused_save_on_a_full_disk_keeps_the_old_backup(store, monkeypatch):
    # Issue 9.3: the backup used to be rotated before the new file was written.
    first = store.create(small_profile())
    second = store.save(first.model_copy(update={"company": "Second"}))
    backup = store.folder / f"{first.id}.json.bak"
    backup_before = backup.read_bytes()
    current_before = (store.folder / f"{first.id}.json").read_bytes()
    real_mkstemp = files.tempfile.mkstemp

    def full_disk_for_the_profile(*args, prefix="", **kwargs):
        if prefix.startswith(f".{first.id}.json.") and ".bak." not in prefix:
            raise OSError(28, "No space left on device")
        return real_mkstemp(*args, prefix=prefix, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", full_disk_for_the_profile)
    with pytest.raises(StoreError, match="No space left on device"):
        store.save(second.model_copy(update={"company": "Third"}))
    assert backup.read_bytes() == backup_before
    assert (store.folder / f"{first.id}.json").read_bytes() == current_before
    assert not [p for p in store.folder.iterdir() if p.name.endswith(".tmp")]


def make_temp(folder: Path, name: str, age_seconds: float) -> Path:
    path = folder / name
    path.write_bytes(b"half a profile")
    stamp = time.time() - age_seconds
    os.utime(path, (stamp, stamp))
    return path


def test_opening_the_store_removes_its_own_old_temp_files_only(store, tmp_path):
    # Issue 9.2: killed saves left their temp files forever.
    saved = store.create(small_profile())
    old = make_temp(store.folder, f".{saved.id}.json.k2j3h4.tmp", 2 * 3600)
    old_backup = make_temp(store.folder, f".{saved.id}.json.bak.a8d7f6.tmp", 3 * 3600)
    fresh = make_temp(store.folder, f".{saved.id}.json.zz9y8x.tmp", 60)
    foreign = make_temp(store.folder, "notes.tmp", 5 * 3600)
    other = make_temp(store.folder, ".hidden-file", 5 * 3600)
    opened = Store.open(store.data_dir)
    assert opened.removed_temp_files == 2
    assert not old.exists() and not old_backup.exists()
    assert fresh.exists() and foreign.exists() and other.exists()
    assert store.load(saved.id) == saved


def test_temp_files_are_left_while_a_writer_holds_the_lock(store):
    saved = store.create(small_profile())
    old = make_temp(store.folder, f".{saved.id}.json.k2j3h4.tmp", 2 * 3600)
    with store._locked():  # a live writer: its temp file may be this one
        opened = Store.open(store.data_dir)
    assert opened.removed_temp_files == 0
    assert old.exists()
    assert Store.open(store.data_dir).removed_temp_files == 1


def test_opening_a_missing_folder_creates_nothing(tmp_path):
    Store.open(tmp_path / "typo")
    assert not (tmp_path / "typo").exists()


def test_the_lock_never_follows_a_symlink_out_of_the_folder(store, tmp_path):
    # Issue 9.8
    store.folder.mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("mine")
    (store.folder / ".lock").symlink_to(outside)
    with pytest.raises(StoreError, match=r"\.lock is a symbolic link"):
        store.create(small_profile())
    assert outside.read_text() == "mine"
    assert os.stat(outside).st_mtime_ns == os.stat(outside).st_mtime_ns


def test_delete_never_moves_a_profile_into_a_symlinked_trash(store, tmp_path):
    saved = store.create(small_profile())
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (store.folder / ".trash").symlink_to(outside)
    with pytest.raises(StoreError, match=r"\.trash .*symbolic link"):
        store.delete(saved.id)
    assert list(outside.iterdir()) == []
    assert store.load(saved.id) == saved


def test_a_symlinked_profile_file_is_not_followed(store, tmp_path):
    saved = store.create(small_profile())
    secret = tmp_path / "secret.json"
    secret.write_bytes((store.folder / f"{saved.id}.json").read_bytes())
    (store.folder / f"{saved.id}.json").unlink()
    (store.folder / f"{saved.id}.json").symlink_to(secret)
    (entry,) = store.entries()
    assert entry.profile is None and "symbolic link" in entry.error


def test_a_trash_that_is_a_file_is_a_clear_error(store):
    # Issue 9.10: an uncaught FileExistsError before.
    saved = store.create(small_profile())
    (store.folder / ".trash").write_text("not a folder")
    with pytest.raises(StoreError) as caught:
        store.delete(saved.id)
    assert str(caught.value) == (
        f"could not delete {saved.id}.json: {store.folder / '.trash'} is not a folder; "
        "move it out of the way"
    )
    assert store.load(saved.id) == saved


@pytest.mark.parametrize(
    "content",
    [
        b'{"id": "poison", "revision": 1' + b"9" * 5000 + b"}",
        b'{"a": ' * 100_000,
        b"\xff\xfe\x00",
        b"[]",
    ],
    ids=["5000-digit-int", "deep", "binary", "list"],
)
def test_one_poisoned_file_is_a_warning_row_and_the_rest_works(store, content):
    # Issue 9.5: a 5,000-digit integer raised ValueError out of entries(), load() and every page.
    good = store.create(small_profile())
    (store.folder / "poison.json").write_bytes(content)
    entries = store.entries()
    assert [e.id for e in entries] == [good.id, "poison"]
    assert entries[1].profile is None and entries[1].error.startswith("poison.json: ")
    assert "\n" not in entries[1].error
    assert store.load(good.slug) == good
    assert store.load(good.id) == good
    with pytest.raises(InvalidProfile, match=r"^poison\.json: "):
        store.load("poison")


def test_save_as_copy_keeps_the_stale_tabs_work_as_a_new_profile(store):
    tab_one = store.create(small_profile())
    tab_two = tab_one.model_copy(deep=True)
    store.delete(tab_one.id)
    tab_two.overview.founded = "1999"
    with pytest.raises(DeletedElsewhere):
        store.save(tab_two)
    copy = store.save_as_copy(tab_two)
    assert copy.id != tab_one.id and copy.revision == 1
    assert (copy.company, copy.overview.founded) == ("Acme (copy)", "1999")
    assert item_ids(copy).isdisjoint(item_ids(tab_one))
    assert tab_two.company == "Acme"  # the argument is left alone
    assert [p.id for p in store.profiles()] == [copy.id]


# --- restore from the trash -------------------------------------------------------------------


def test_restore_brings_back_the_latest_trashed_copy(store, monkeypatch):
    clock = iter([datetime(2026, 1, d, tzinfo=UTC) for d in range(1, 9)])
    monkeypatch.setattr(store_module, "utc_now", lambda: next(clock))
    first = store.create(small_profile())
    store.delete(first.id)
    again = store.create(first.model_copy(update={"company": "Second life"}))
    store.save(again)
    store.delete(again.id)
    assert [(t.id, t.profile.company) for t in store.trashed()] == [
        (first.id, "Second life"),
        (first.id, "Acme"),
    ]
    restored = store.restore(first.id)
    assert restored.company == "Second life" and restored.revision == 2
    assert store.load(first.id) == restored
    assert (store.folder / f"{first.id}.json.bak").is_file()  # its backup came back too
    assert [t.profile.company for t in store.trashed()] == ["Acme"]
    saved = store.save(restored.model_copy(update={"company": "Edited after restore"}))
    assert saved.revision == 3


def test_restore_refuses_when_nothing_is_trashed_or_the_profile_is_live(store):
    with pytest.raises(StoreError, match=r"^nothing in the trash has the id 'nobody'"):
        store.restore("nobody")
    live = store.create(small_profile())
    store.delete(live.id)
    store.create(store_module.Profile(id=live.id, company="Made again"))
    with pytest.raises(StoreError, match=f"^a profile with the id '{live.id}' exists already"):
        store.restore(live.id)
    with pytest.raises(UnknownProfile):
        store.restore("../x")


def test_a_profile_too_large_to_read_back_is_not_saved(store, monkeypatch):
    from prep_core import readers

    saved = store.create(small_profile())
    before = (store.folder / f"{saved.id}.json").read_bytes()
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", len(before) + 100)
    bigger = saved.model_copy(update={"job_posting": "x" * 500})
    with pytest.raises(StoreError, match=r"too large to save \(over "):
        store.save(bigger)
    assert (store.folder / f"{saved.id}.json").read_bytes() == before
    assert store.load(saved.id) == saved


def test_the_temp_file_sweep_runs_once_per_process_and_folder(store):
    saved = store.create(small_profile())
    Store.open(store.data_dir)  # the first open of this folder sweeps it
    old = make_temp(store.folder, f".{saved.id}.json.k2j3h4.tmp", 2 * 3600)
    assert Store.open(store.data_dir).removed_temp_files == 0  # not on every open (or save)
    assert old.exists()


def test_a_save_reads_the_old_file_once_and_parses_it_only_when_another_writer_made_it(
    store, monkeypatch
):
    saved = store.create(small_profile())
    parsed: list[str] = []
    real_parse = store_module._parse

    def counting(text, name, notes=None):
        parsed.append(name)
        return real_parse(text, name, notes)

    monkeypatch.setattr(store_module, "_parse", counting)
    saved = store.save(saved.model_copy(update={"company": "Second"}))
    assert len(parsed) == 1  # the new bytes, read back before the write; the old file is ours
    path = store.folder / f"{saved.id}.json"
    path.write_bytes(path.read_bytes())  # another writer's copy: a new file, same content
    parsed.clear()
    store.save(saved.model_copy(update={"company": "Third"}))
    assert len(parsed) == 2  # the old file, checked as a load checks it; then the new bytes


def test_a_save_that_could_not_be_read_back_is_refused_and_writes_nothing(store):
    saved = store.create(small_profile())
    before = (store.folder / f"{saved.id}.json").read_bytes()
    broken = saved.model_copy()
    broken.prep.questions.extend(Question(text=f"Q{n}") for n in range(2_001))  # not validated
    with pytest.raises(StoreError, match=r"not saved, it could not be read back: .*2000 items"):
        store.save(broken)
    assert (store.folder / f"{saved.id}.json").read_bytes() == before
