"""Story cards in the Anki deck, opened by real Anki: front = title + the requirement it proves,
back = the STAR."""

from __future__ import annotations

import pytest

anki_collection = pytest.importorskip("anki.collection")
from anki.collection import Collection  # noqa: E402

from prep_core import export  # noqa: E402
from prep_core.model import Story  # noqa: E402
from tests.builders import cards_of  # noqa: E402
from tests.test_anki_export import import_apkg, our_cards  # noqa: E402


@pytest.fixture
def col(tmp_path):
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def _stories() -> list[Story]:
    return [
        Story(
            title="Moved 40 training jobs to the cloud",
            situation="Jobs queued for days.",
            task="Cut the wait.",
            action="Moved them to AWS spot GPUs.",
            result="Wait down from 3 days to 2 hours.",
        ),
        Story(title="Bake sale", result="Raised 300 EUR"),
    ]


def _tells(profile, story: Story) -> None:
    """Link ``story`` from the profile's first question: the profile uses it, so it is exported
    though it proves no requirement."""
    profile.prep.questions[0].story_id = story.id


def test_one_card_per_story_with_the_requirement_it_proves(
    sample_profile, col, tmp_path, fixed_now
):
    stories = _stories()
    _tells(sample_profile, stories[1])
    path = tmp_path / "deck.apkg"
    path.write_bytes(export(sample_profile, "apkg", now=fixed_now, stories=stories))
    import_apkg(col, path)
    fronts = {}
    for card in our_cards(col, sample_profile):
        note = card.note()
        fronts[note["Front"]] = (note["Back"], note["Source"])
    cloud = next(front for front in fronts if front.startswith("Moved 40 training jobs"))
    assert "Proves: Experience with GPU-accelerated distributed training" in cloud  # a must
    back, source = fronts[cloud]
    assert back.startswith("Situation: Jobs queued for days.")
    assert "Result: Wait down from 3 days to 2 hours." in back and source == "Story bank"
    assert "Bake sale" in fronts  # proves nothing yet: still a card, without "Proves"


def test_story_cards_update_on_re_export(sample_profile, col, tmp_path, fixed_now):
    stories = _stories()
    _tells(sample_profile, stories[1])
    first = tmp_path / "a.apkg"
    first.write_bytes(export(sample_profile, "apkg", now=fixed_now, stories=stories))
    import_apkg(col, first)
    count = col.note_count()
    stories[1] = stories[1].model_copy(update={"result": "Raised 400 EUR"})
    again = tmp_path / "b.apkg"
    later = fixed_now.replace(year=fixed_now.year + 1)
    again.write_bytes(export(sample_profile, "apkg", now=later, stories=stories))
    import_apkg(col, again)
    assert col.note_count() == count  # the story's id keeps its note
    backs = [c.note()["Back"] for c in our_cards(col, sample_profile)]
    assert "Result: Raised 400 EUR" in backs


def test_no_stories_no_story_cards(sample_profile, fixed_now):
    cards = cards_of(sample_profile)
    assert not [c for c in cards if c.kind == "story"]
    stories = _stories()
    assert len(cards_of(sample_profile, stories=stories)) == len(cards) + 1  # the one it uses
    _tells(sample_profile, stories[1])
    assert len(cards_of(sample_profile, stories=stories)) == len(cards) + 2


# --- gaps drive the rest: cards about an uncovered must-have come first (issue 12) ----------


def test_cards_about_an_uncovered_must_have_come_after_weak_ones_and_before_the_rest(
    sample_profile, col, tmp_path, fixed_now
):
    from prep_core.coverage import coverage
    from prep_core.model import Attempt, Question
    from prep_core.writers.anki._package import _html
    from tests.test_anki_export import new_card_queue

    profile = sample_profile
    profile.stale_after_days = 3650  # the sample's 2023 revenue is stale at the fixed clock
    stories = _stories()
    bake_sale = stories[1]  # its text proves nothing: the must-have stays uncovered
    asked = Question(text="Tell me about your experience with AWS.", story_id=bake_sale.id)
    weak = profile.prep.questions[2]
    weak.attempts = [Attempt(text="Um.", rating=1)]
    profile.prep.questions = [*profile.prep.questions, asked]
    stories = stories[1:]  # the AWS story would cover it
    uncovered = [r.text for r in coverage(profile, stories).uncovered_musts()]
    assert uncovered == ["Experience with cloud platforms such as AWS"]

    path = tmp_path / "deck.apkg"
    path.write_bytes(export(profile, "apkg", now=fixed_now, stories=stories))
    import_apkg(col, path)
    cards = cards_of(profile, stories=stories)
    assert [(c.kind, c.item_id) for c in cards if c.gap] == [
        ("question", asked.id),
        ("story", bake_sale.id),
    ]
    fronts = {c.id: c.note()["Front"] for c in our_cards(col, profile)}
    queue = [fronts[card_id] for card_id in new_card_queue(col, profile)]
    assert queue[0] == _html(weak.text)  # weak questions stay first
    assert queue[1] == _html(asked.text)
    assert queue[2].startswith("Bake sale")
    assert queue[3:] == [_html(c.front) for c in cards if not c.gap and not c.weak]


def test_no_uncovered_must_have_no_gap_cards(sample_profile):
    sample_profile.prep.questions[0].text = "Tell me about your experience with AWS."
    sample_profile.prep.questions[0].answer = "I ran our training on AWS for three years."
    assert not [c for c in cards_of(sample_profile) if c.gap]


def test_a_story_card_names_the_requirement_the_story_is_linked_to(col, tmp_path):
    """Before: the card named the first must-have whose terms the story's text used, so a
    story linked to "Own data products end to end" that mentions Python said "Proves: 5+ years
    of Python". The link made on the Stories tab (its terms become the story's tags) wins."""
    from prep_core.fixes import tag_story
    from prep_core.model import Profile, Requirement
    from prep_core.store import Store
    from prep_core.stories import StoryStore
    from tests.test_cli import prep

    data_dir = tmp_path / "data"
    years = Requirement(text="5+ years of Python", kind="must", terms=["5+ years", "Python"])
    own = Requirement(text="Own data products end to end", kind="must")
    profile = Store(data_dir).create(Profile(company="Acme", requirements=[years, own]))
    bank = StoryStore(data_dir)
    story = Story(
        title="Shipped the churn table",
        action="I rewrote the pipeline in Python.",
        result="Churn figures came daily instead of weekly.",  # a story proves with a result
    )
    bank.add([story])
    tag_story(bank, story.id, own.terms or [own.text])  # what the Stories tab's Link does
    path = tmp_path / "deck.apkg"
    result = prep("export", profile.id, "--to", "apkg", "-o", str(path), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    import_apkg(col, path)
    fronts = [card.note()["Front"] for card in our_cards(col, profile)]
    (front,) = [f for f in fronts if f.startswith("Shipped the churn table")]
    assert "Proves: Own data products end to end" in front
    assert "5+ years" not in front
