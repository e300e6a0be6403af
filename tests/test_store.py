"""The profile store: round trips, revisions, atomic saves, broken files and hostile names."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from prep_core import store as store_module
from prep_core.errors import StaleRevision, StoreError, UnknownProfile
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
    with pytest.raises(StaleRevision) as caught:
        store.save(tab_two)
    assert str(caught.value) == (
        "From tab two — Data Engineer was changed elsewhere (revision 2 on disk, this copy "
        "has 1); reload to see the newer version"
    )
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
        f"no profile 'nobody' in {store.folder}; profiles: {saved.id} (acme-data-engineer)"
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
    assert copy.company == original.company
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
    second = store.import_bytes(data, "acme.json")
    assert second.id != first.id
    assert store.load(first.id) == first
    assert len(store.profiles()) == 2


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
