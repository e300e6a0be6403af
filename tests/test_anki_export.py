"""The Anki export, checked by importing it into fresh collections of the real Anki library."""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")
from anki.collection import (  # noqa: E402
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)

from prep_core import export  # noqa: E402
from prep_core.errors import UnknownFormat  # noqa: E402
from prep_core.model import Attempt, Profile, Question  # noqa: E402
from prep_core.sections import SECTION_BY_KEY, SECTIONS, all_fields  # noqa: E402
from prep_core.writers import anki  # noqa: E402
from prep_core.writers.anki import NO_ANSWER  # noqa: E402
from prep_core.writers.anki._package import _html  # noqa: E402
from tests.builders import cards_of, hostile_profile  # noqa: E402

# --- helpers ----------------------------------------------------------------------------------


def expected_cards_per_section(profile: Profile) -> Counter[str]:
    """Cards each section should give, counted from the profile and the registry directly."""
    counts: Counter[str] = Counter()
    for section, spec in all_fields():
        if spec.kind == "questions":
            counts[section.key] += sum(1 for q in spec.get(profile) if q.text)
        elif spec.kind == "skills":
            counts[section.key] += sum(1 for row in spec.get(profile) if not row.is_blank())
        elif spec.prompt and spec.is_filled(profile):
            counts[section.key] += 1
    experience = SECTION_BY_KEY["experience"]
    if any(spec.is_filled(profile) for spec in experience.fields):
        counts["experience"] += 1  # the one "Why this company?" card
    return +counts  # drop zero counts


def write_apkg(profile: Profile, path: Path, now, **options) -> Path:
    path.write_bytes(export(profile, "apkg", now=now, **options))
    return path


def import_apkg(col: Collection, path: Path):
    request = ImportAnkiPackageRequest(
        package_path=str(path), options=ImportAnkiPackageOptions(with_scheduling=False)
    )
    return col.import_anki_package(request).log


def our_deck_names(col: Collection) -> list[str]:
    return sorted(d.name for d in col.decks.all_names_and_ids() if d.name.startswith("Interview"))


def our_cards(col: Collection, profile: Profile):
    cids = col.find_cards(f'"deck:{anki.profile_deck_name(profile)}"')
    return sorted((col.get_card(cid) for cid in cids), key=lambda card: card.due)


def card_ids_for_guid(col: Collection, guid: str) -> list[int]:
    # SQL rather than a "guid:" search: genanki GUIDs hold characters Anki's search syntax escapes.
    return col.db.list(
        "select c.id from cards c join notes n on n.id = c.nid where n.guid = ?", guid
    )


@pytest.fixture
def col(tmp_path):
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


@pytest.fixture
def profile(sample_profile) -> Profile:
    # Every fact counts as fresh here; leaving stale facts out is tested in test_freshness.py.
    sample_profile.stale_after_days = 3650
    return sample_profile


# --- the sample in a real collection ----------------------------------------------------------


def test_sample_gives_expected_decks_notes_and_cards(profile, col, tmp_path, fixed_now):
    expected = expected_cards_per_section(profile)
    total = sum(expected.values())
    assert total == len(cards_of(profile))

    log = import_apkg(col, write_apkg(profile, tmp_path / "deck.apkg", fixed_now))

    assert len(log.new) == total
    assert col.note_count() == total
    assert col.card_count() == total
    parent = f"Interview Prep::{profile.title}"
    subdecks = {
        key: f"{parent}::{SECTION_BY_KEY[key].number:02d} {SECTION_BY_KEY[key].title}"
        for key in expected
    }
    assert our_deck_names(col) == sorted(["Interview Prep", parent, *subdecks.values()])
    for key, count in expected.items():
        assert len(col.find_cards(f'"deck:{subdecks[key]}" -"deck:{subdecks[key]}::*"')) == count


def test_sample_cards_follow_the_registry(profile):
    cards = cards_of(profile)
    fronts = [card.front for card in cards]
    assert f"{profile.company}: where is it headquartered?" in fronts
    role = profile.role_title or f"The {profile.company} role"
    assert f"{role}: which department is it in?" in fronts
    questions = [q for q in profile.prep.questions if q.text]
    question_cards = [card for card in cards if card.kind == "question"]
    assert [card.front for card in question_cards] == [q.text for q in questions]
    assert [card.item_id for card in question_cards] == [q.id for q in questions]
    skill_cards = [card for card in cards if card.kind == "skill"]
    rows = [row for row in profile.prep.skill_map if not row.is_blank()]
    assert [card.front for card in skill_cards] == [row.requirement for row in rows]
    assert all(
        row.skill in card.back and row.talking_point in card.back
        for row, card in zip(rows, skill_cards, strict=True)
    )
    values = next(card for card in cards if card.item_id == "mission.core_values")
    assert values.back.count("•") == len(profile.mission.core_values)


def test_question_without_answer_prompts_for_one_and_lists_related_points(profile):
    question = profile.prep.questions[0]
    question.answer = ""
    card = next(c for c in cards_of(profile, ["prep"]) if c.item_id == question.id)
    assert card.back.startswith(NO_ANSWER)
    question.answer = "My drafted answer."
    card = next(c for c in cards_of(profile, ["prep"]) if c.item_id == question.id)
    assert card.back.startswith("My drafted answer.")
    point = "Designing complex ML systems for production deployment"
    profile.prep.talking_points = ["Unrelated gardening hobby", point]
    question.text = "Describe a complex ML system you deployed to production."
    card = next(c for c in cards_of(profile, ["prep"]) if c.item_id == question.id)
    assert point in card.back
    assert "gardening" not in card.back


def test_cards_are_due_and_queued_in_template_order(profile, col, tmp_path, fixed_now):
    cards = cards_of(profile)
    section_order = [s.key for s in SECTIONS]
    assert [section_order.index(c.section) for c in cards] == sorted(
        section_order.index(c.section) for c in cards
    )
    import_apkg(col, write_apkg(profile, tmp_path / "deck.apkg", fixed_now))

    imported = our_cards(col, profile)
    assert [card.note().fields[0] for card in imported] == [_html(c.front) for c in cards]

    parent_id = col.decks.id_for_name(anki.profile_deck_name(profile))
    config = col.decks.config_dict_for_deck_id(parent_id)
    config["new"]["perDay"] = len(cards)  # default is 20 a day; show the whole queue
    col.decks.save(config)
    col.decks.select(parent_id)
    queued = col.sched.get_queued_cards(fetch_limit=len(cards)).cards
    assert [col.get_note(q.card.note_id).fields[0] for q in queued] == [
        _html(c.front) for c in cards
    ]


# --- identity across exports ------------------------------------------------------------------


def test_reexport_after_editing_a_question_updates_notes_and_keeps_reviews(
    profile, col, tmp_path, fixed_now
):
    total = len(cards_of(profile))
    import_apkg(col, write_apkg(profile, tmp_path / "v1.apkg", fixed_now))
    question = profile.prep.questions[0]
    guid = anki.note_guid(profile, next(c for c in cards_of(profile) if c.item_id == question.id))
    (card_id,) = card_ids_for_guid(col, guid)
    card = col.get_card(card_id)
    card.start_timer()
    col.sched.answerCard(card, 3)  # one review, so there is history to keep
    reviews = col.db.scalar("select count() from revlog where cid = ?", card_id)
    assert reviews == 1

    question.text = "Walk us through an ML system you shipped, end to end."
    log = import_apkg(col, write_apkg(profile, tmp_path / "v2.apkg", fixed_now + timedelta(days=1)))

    assert len(log.new) == 0
    assert len(log.updated) == total
    assert len(log.conflicting) == 0
    assert col.note_count() == total
    assert card_ids_for_guid(col, guid) == [card_id]
    assert col.get_card(card_id).note().fields[0] == _html(question.text)
    assert col.get_card(card_id).reps == 1
    assert col.db.scalar("select count() from revlog where cid = ?", card_id) == reviews


def test_same_file_imported_twice_gives_only_duplicates(profile, col, tmp_path, fixed_now):
    path = write_apkg(profile, tmp_path / "deck.apkg", fixed_now)
    total = len(import_apkg(col, path).new)
    log = import_apkg(col, path)
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, total)
    assert col.note_count() == total


def test_two_companies_imported_together_keep_their_notes_apart(profile, col, tmp_path, fixed_now):
    other = profile.with_new_ids()
    other.company = "Acme Corp"
    first = import_apkg(col, write_apkg(profile, tmp_path / "a.apkg", fixed_now))
    second = import_apkg(col, write_apkg(other, tmp_path / "b.apkg", fixed_now))
    assert len(second.new) == len(cards_of(other))
    assert col.note_count() == len(first.new) + len(second.new)
    assert len(our_cards(col, other)) == len(cards_of(other))
    assert {t for nid in col.find_notes("tag:prep::acme-corp::*") for t in col.get_note(nid).tags}


def test_guids_come_from_ids_not_text(profile):
    card = cards_of(profile, ["prep"])[-1]
    edited = card.__class__(**{**card.__dict__, "front": "changed", "back": "changed"})
    assert anki.note_guid(profile, edited) == anki.note_guid(profile, card)
    assert anki.note_guid(profile.with_new_ids(), card) != anki.note_guid(profile, card)


def test_deck_ids_are_stable_distinct_and_in_range(profile):
    keys = ["", *(s.key for s in SECTIONS)]
    ids = [anki.deck_id(profile, key) for key in keys]
    assert len(set(ids)) == len(ids)
    assert all((1 << 30) <= i < (1 << 31) for i in ids)
    assert anki.deck_id(profile, "prep") == anki.deck_id(profile.model_copy(), "prep")
    assert anki.deck_id(profile.with_new_ids(), "prep") != anki.deck_id(profile, "prep")


def test_note_type_is_frozen():
    # Changing either makes Anki treat every existing note as conflicting (never updated).
    assert anki.MODEL_ID == 1_842_205_117
    assert anki.FIELDS == ("Front", "Back", "Section", "Source", "Extra1", "Extra2")
    assert [f["name"] for f in anki.PREP_MODEL.fields] == list(anki.FIELDS)


def test_same_clock_gives_same_bytes_and_later_clock_differs(profile, fixed_now):
    first = export(profile, "apkg", now=fixed_now)
    assert export(profile, "apkg", now=fixed_now) == first
    assert export(profile, "apkg", now=fixed_now + timedelta(seconds=5)) != first


# --- safe text --------------------------------------------------------------------------------


def test_markup_in_fields_shows_as_text(col, tmp_path, fixed_now):
    hostile = hostile_profile()
    hostile.stale_after_days = 3650  # its dated news would be left out as stale
    hostile.prep.questions[0].text = "<script>alert(1)</script>"
    hostile.prep.questions[0].answer = "<b>not bold</b>\n<img src=x onerror=alert(1)>"
    import_apkg(col, write_apkg(hostile, tmp_path / "deck.apkg", fixed_now))

    assert col.note_count() == len(cards_of(hostile))
    guid = anki.note_guid(hostile, next(c for c in cards_of(hostile) if c.kind == "question"))
    (card_id,) = card_ids_for_guid(col, guid)
    card = col.get_card(card_id)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card.question()
    assert "<script>" not in card.question()
    answer = card.answer()
    assert "&lt;b&gt;not bold&lt;/b&gt;<br>&lt;img src=x onerror=alert(1)&gt;" in answer
    assert "<b>" not in answer and "<img" not in answer
    for nid in col.find_notes(""):
        assert "<script>" not in " ".join(col.get_note(nid).fields)


# --- options and tags ---------------------------------------------------------------------------


def test_prep_section_only(profile, col, tmp_path, fixed_now):
    expected = expected_cards_per_section(profile)["prep"]
    path = tmp_path / "prep.apkg"
    path.write_bytes(export(profile, "apkg", now=fixed_now, sections=["prep"]))
    import_apkg(col, path)

    assert col.note_count() == expected
    prep = SECTION_BY_KEY["prep"]
    parent = anki.profile_deck_name(profile)
    assert our_deck_names(col) == ["Interview Prep", parent, f"{parent}::10 {prep.title}"]
    assert prep.number == 10
    tags = {tag for nid in col.find_notes("") for tag in col.get_note(nid).tags}
    assert tags == {f"prep::{anki_slug(profile)}::prep"}


def anki_slug(profile: Profile) -> str:
    return re.sub(r"[^a-z0-9]+", "-", profile.company.lower()).strip("-")


@pytest.mark.parametrize("sections", [["nope"], ["prep", "Prep"], "bogus"])
def test_unknown_section_is_a_clear_error(profile, fixed_now, sections):
    with pytest.raises(UnknownFormat, match=r"choose from: basics, overview, .*prep"):
        export(profile, "apkg", now=fixed_now, sections=sections)


def test_tags_have_no_spaces_and_name_company_and_section(profile):
    hostile = hostile_profile()
    hostile.prep.questions[0].attempts = [weak_attempt()]
    for card in cards_of(profile) + cards_of(hostile):
        section_tag, *weak = card.tags
        assert re.fullmatch(r"prep::[a-z0-9-]+::[a-z_]+", section_tag), section_tag
        assert section_tag.endswith(f"::{card.section}")
        assert weak == ([section_tag.rsplit("::", 1)[0] + "::weak"] if card.weak else [])
    assert [card.weak for card in cards_of(hostile)].count(True) == 1


def test_subdecks_sort_in_template_order(profile):
    names = [anki.section_deck_name(profile, s) for s in SECTIONS]
    assert sorted(names) == names


# --- filled fields only -------------------------------------------------------------------------


def test_empty_profile_gives_no_cards():
    assert cards_of(Profile()) == []


def test_why_card_only_when_experience_is_filled(profile):
    profile.experience = type(profile.experience)()
    assert not [c for c in cards_of(profile) if c.kind == "why"]
    profile.experience.products_used = "The mobile app, every evening"
    (why,) = [c for c in cards_of(profile) if c.kind == "why"]
    assert why.section == "experience"
    assert "The mobile app, every evening" in why.back
    assert why.front.startswith(f"{profile.company}: why this company?")


def test_deck_name_cannot_gain_levels(profile):
    profile.company = "A::B"
    assert anki.profile_deck_name(profile).count("::") == 1


ANKI_MARKUP = (
    "[sound:x.mp3] [latex]x^2[/latex] [$]y_1[/$] [$$]z^3[/$$] \\(a+b\\) \\[c=d\\] "
    "[anki:tts lang=en_US]hello[/anki:tts] {{c1::cloze}}"
)


def test_anki_markup_typed_into_a_field_stays_text(col, tmp_path, fixed_now):
    # Issue 9.14: [sound:] became an audio button and [latex] a LaTeX image in Anki.
    profile = Profile(company="Acme")
    profile.prep.questions = [Question(text=f"Q {ANKI_MARKUP}", answer=f"A {ANKI_MARKUP}")]
    profile.overview.founded = ANKI_MARKUP
    import_apkg(col, write_apkg(profile, tmp_path / "deck.apkg", fixed_now))
    cards = our_cards(col, profile)
    assert len(cards) == 2
    for card in cards:
        for side in (card.question(), card.answer()):
            assert "[anki:play" not in side and "<img" not in side and "latex-" not in side
            assert "\\(" not in side and "\\[" not in side  # MathJax's delimiters
        shown = html.unescape(re.sub(r"<[^>]+>", " ", card.answer())).replace("\u200b", "")
        assert "[sound:x.mp3]" in shown and "[latex]x^2[/latex]" in shown  # as the user typed
        assert "[$]y_1[/$]" in shown and "\\(a+b\\)" in shown and "\\[c=d\\]" in shown
        assert card.question_av_tags() == [] and card.answer_av_tags() == []
    assert col.media.check().missing == []


# --- practice: weak questions -------------------------------------------------------------------


def weak_attempt() -> Attempt:
    return Attempt(text="Um, I am not sure.", rating=1)  # a self-rating of 2 or less: weak


def rehearsed_attempt() -> Attempt:
    return Attempt(text="A full answer with a result.", rating=5)


def new_card_queue(col: Collection, profile: Profile) -> list[int]:
    """Card ids of our deck's new-card queue, gathering by position (due) across subdecks."""
    parent_id = col.decks.id_for_name(anki.profile_deck_name(profile))
    config = col.decks.config_dict_for_deck_id(parent_id)
    config["new"]["perDay"] = 1000
    config["newGatherPriority"] = 1  # NEW_CARD_GATHER_PRIORITY_LOWEST_POSITION: by due
    col.decks.save(config)
    col.decks.select(parent_id)
    return [q.card.id for q in col.sched.get_queued_cards(fetch_limit=1000).cards]


def question_card_id(col: Collection, profile: Profile, question: Question) -> int:
    card = next(c for c in cards_of(profile) if c.item_id == question.id)
    (card_id,) = card_ids_for_guid(col, anki.note_guid(profile, card))
    return card_id


def test_weak_question_is_tagged_and_first_among_new_cards(profile, col, tmp_path, fixed_now):
    question = profile.prep.questions[3]
    question.attempts = [rehearsed_attempt(), weak_attempt()]  # the last attempt counts
    profile.prep.questions[1].attempts = [weak_attempt(), rehearsed_attempt()]
    import_apkg(col, write_apkg(profile, tmp_path / "deck.apkg", fixed_now))

    card_id = question_card_id(col, profile, question)
    tag = anki.weak_tag(profile)
    assert tag == f"prep::{anki_slug(profile)}::weak"
    assert col.find_cards(f"tag:{tag}") == [card_id]
    new = our_cards(col, profile)
    assert all(card.type == 0 for card in new)  # all new
    assert new[0].id == card_id  # the lowest due: first among new cards
    assert [c.note().fields[0] for c in new[1:]] == [
        _html(c.front) for c in cards_of(profile) if not c.weak
    ]  # the rest keep template order
    assert new_card_queue(col, profile)[0] == card_id


def test_reexport_after_practice_tags_the_weak_note_and_keeps_its_history(
    profile, col, tmp_path, fixed_now
):
    question = profile.prep.questions[0]
    import_apkg(col, write_apkg(profile, tmp_path / "v1.apkg", fixed_now))
    card_id = question_card_id(col, profile, question)
    card = col.get_card(card_id)
    card.start_timer()
    col.sched.answerCard(card, 3)
    assert col.db.scalar("select count() from revlog where cid = ?", card_id) == 1
    tag = anki.weak_tag(profile)
    assert col.find_cards(f"tag:{tag}") == []

    question.attempts = [weak_attempt()]
    log = import_apkg(col, write_apkg(profile, tmp_path / "v2.apkg", fixed_now + timedelta(1)))

    assert len(log.new) == 0 and len(log.conflicting) == 0
    assert col.find_cards(f"tag:{tag}") == [card_id]  # the same card, now tagged weak
    assert card_ids_for_guid(col, col.get_card(card_id).note().guid) == [card_id]
    assert col.get_card(card_id).reps == 1
    assert col.db.scalar("select count() from revlog where cid = ?", card_id) == 1

    question.attempts = [weak_attempt(), rehearsed_attempt()]  # rehearsed again: not weak
    import_apkg(col, write_apkg(profile, tmp_path / "v3.apkg", fixed_now + timedelta(2)))

    assert col.find_cards(f"tag:{tag}") == []
    assert f"prep::{anki_slug(profile)}::prep" in col.get_card(card_id).note().tags
    assert col.get_card(card_id).reps == 1
    assert col.db.scalar("select count() from revlog where cid = ?", card_id) == 1
