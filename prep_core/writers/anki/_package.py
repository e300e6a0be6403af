"""How the cards are packed into an Anki package (.apkg) with genanki.

``prep_core.cards.build_cards`` chooses the cards; this module packs them so that Anki keeps them
apart from everything else and recognises them again on every later export:

* one note type of our own, with a hard-coded id and a frozen field list;
* deck ids derived from the profile id, one distinct id per subdeck;
* note GUIDs from the profile id, the item's stable id and the card kind, never from text,
  so editing a question and exporting again updates that note (and keeps its reviews).
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import json
import re
import sqlite3
import zipfile
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from prep_core.cards import Card
from prep_core.model import Profile
from prep_core.sections import SECTION_BY_KEY, Section

ROOT_DECK = "Interview Prep"
GUID_NAMESPACE = "interview-prep"

# Frozen from day one: Anki matches a re-imported note type by id *and* field list, and treats
# any change (a field added, removed or renamed) as a conflict, leaving old notes un-updated
# beside a copied note type. Extra1/Extra2 are spare so a later version can add content
# without touching the schema. Never change MODEL_ID or FIELDS; add a new model instead.
MODEL_ID = 1_842_205_117
FIELDS = ("Front", "Back", "Section", "Source", "Extra1", "Extra2")

QUESTION_FORMAT = """\
<div class="prep">
<div class="prep-where">{{Section}}{{#Source}} · {{Source}}{{/Source}}</div>
<div class="prep-front">{{Front}}</div>
</div>"""

ANSWER_FORMAT = """\
{{FrontSide}}
<hr id="answer">
<div class="prep prep-back">{{Back}}</div>"""

CSS = """\
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  font-size: 20px;
  line-height: 1.5;
  color: #1f2328;
  background-color: #ffffff;
  text-align: left;
  overflow-wrap: anywhere;
}
.prep { max-width: 38em; margin: 0 auto; padding: 0 1em; }
.prep-where { font-size: 0.75em; color: #59636e; margin-bottom: 0.5em; }
.prep-front { font-size: 1.15em; font-weight: 600; }
hr#answer { max-width: 38em; margin: 1em auto; border: 0; border-top: 1px solid #d1d9e0; }
.nightMode.card, .nightMode .card { color: #e6edf3; background-color: #161b22; }
.nightMode .prep-where { color: #9198a1; }
.nightMode hr#answer { border-top-color: #3d444d; }
@media (max-width: 600px) {
  .card { font-size: 18px; }
  .prep { padding: 0 0.25em; }
}
"""

PREP_MODEL = genanki.Model(
    MODEL_ID,
    "Interview Prep Card",
    fields=[{"name": name} for name in FIELDS],
    templates=[{"name": "Card", "qfmt": QUESTION_FORMAT, "afmt": ANSWER_FORMAT}],
    css=CSS,
    sort_field_index=0,
)

_DECK_ID_RANGE = (1 << 30, 1 << 31)


def build_package(profile: Profile, cards: Sequence[Card]) -> genanki.Package:
    """The genanki package: the profile's parent deck plus one subdeck per section with cards."""
    parent = genanki.Deck(
        deck_id(profile, ""),
        profile_deck_name(profile),
        description=_html(f"Flashcards for {profile.title}, made by Interview Prep Studio."),
    )
    used_ids = {parent.deck_id}
    subdecks: dict[str, genanki.Deck] = {}
    # Weak questions first in the new-card queue (due order), then the cards about an
    # uncovered must-have (issue 12: gaps drive what is rehearsed), the rest in template order.
    queue = sorted(range(len(cards)), key=lambda i: (not cards[i].weak, not cards[i].gap, i))
    due = {index: position for position, index in enumerate(queue)}
    for index, card in enumerate(cards):
        if card.section not in subdecks:
            section = SECTION_BY_KEY[card.section]
            new_id = _unused(deck_id(profile, section.key), used_ids)
            subdecks[card.section] = genanki.Deck(new_id, section_deck_name(profile, section))
        # genanki writes `due` as given (0 by default); the position keeps Anki's new-card
        # queue in template order. Anki sets it only when it first imports a card: a later
        # import updates the note (text, tags) but never moves a card it already has.
        subdecks[card.section].add_note(_note(profile, card, due=due[index]))
    return genanki.Package([parent, *subdecks.values()])


def package_bytes(package: genanki.Package, *, timestamp: float) -> bytes:
    """What ``Package.write_to_file`` writes, built in memory with fixed zip dates.

    genanki's own method leaves its temporary database behind in the temp folder and stamps
    the zip entry with the file's mtime; this keeps nothing on disk and gives the same bytes
    for the same timestamp.
    """
    with closing(sqlite3.connect(":memory:")) as conn:
        _write_collection(package, conn.cursor(), timestamp)
        conn.commit()
        database = conn.serialize()
    date_time = datetime.fromtimestamp(max(timestamp, 315_532_800), UTC).timetuple()[:6]
    buffer = io.BytesIO()
    # Level 1: most of the size gain (the database is mostly repeated HTML) at a fraction of
    # the default level's time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in (("collection.anki2", database), ("media", b"{}")):
            archive.writestr(zipfile.ZipInfo(name, date_time), data, zipfile.ZIP_DEFLATED, 1)
    return buffer.getvalue()


def _write_collection(package: genanki.Package, cursor: sqlite3.Cursor, timestamp: float) -> None:
    """``Package.write_to_db`` with the deck and note-type JSON written once, not once per deck.

    genanki's ``Deck.write_to_db`` re-reads and re-writes the collection's deck and model JSON
    for every deck; with a dozen subdecks that was a third of the export's time. Notes and
    cards are still written by genanki, in the same order and with the same ids.
    """
    cursor.executescript(APKG_SCHEMA)
    cursor.executescript(APKG_COL)
    (decks_json, models_json) = cursor.execute("SELECT decks, models FROM col").fetchone()
    decks, models = json.loads(decks_json), json.loads(models_json)
    for deck in package.decks:
        decks[str(deck.deck_id)] = deck.to_json()
        for model in {note.model.model_id: note.model for note in deck.notes}.values():
            models[str(model.model_id)] = model.to_json(timestamp, deck.deck_id)
    cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(decks), json.dumps(models)))
    note_ids = itertools.count(int(timestamp * 1000))  # as genanki: ids from the clock
    for deck in package.decks:
        for note in deck.notes:
            note.write_to_db(cursor, timestamp, deck.deck_id, note_ids)


def profile_deck_name(profile: Profile) -> str:
    """'Interview Prep::Netflix — ML Engineer'."""
    # "::" separates deck levels in Anki, so a title holding it must not add a level.
    return f"{ROOT_DECK}::{re.sub(r':{2,}', ':', profile.title)}"


def section_deck_name(profile: Profile, section: Section) -> str:
    """'Interview Prep::Netflix — ML Engineer::02 Company Overview' (Anki sorts by name)."""
    return f"{profile_deck_name(profile)}::{section.number:02d} {section.title}"


def deck_id(profile: Profile, section_key: str) -> int:
    """A stable deck id in genanki's suggested range, from the profile id and the section."""
    digest = hashlib.sha256(f"{GUID_NAMESPACE}:{profile.id}:{section_key}".encode()).digest()
    low, high = _DECK_ID_RANGE
    return low + int.from_bytes(digest[:8], "big") % (high - low)


def note_guid(profile: Profile, card: Card) -> str:
    """The note's identity in Anki: stable ids only, so edits update rather than duplicate."""
    return genanki.guid_for(GUID_NAMESPACE, profile.id, card.item_id, card.kind)


def _note(profile: Profile, card: Card, *, due: int) -> genanki.Note:
    section = SECTION_BY_KEY[card.section]
    fields = [_html(card.front), _html(card.back), _html(section.title), _html(card.source), "", ""]
    return genanki.Note(
        model=PREP_MODEL,
        fields=fields,
        tags=list(card.tags),
        guid=note_guid(profile, card),
        due=due,
    )


def _html(text: str) -> str:
    r"""User text as inert HTML: everything escaped, then line breaks as <br>.

    Anki also reads markup of its own in a field's HTML: ``[sound:x.mp3]`` (an audio button),
    ``[latex]`` / ``[$]`` / ``[$$]`` (a LaTeX image) and ``[anki:tts]`` all start with "[",
    which is written as ``&#91;`` so no pattern of Anki's matches while the card still shows
    it; MathJax's ``\(`` and ``\[`` get a zero-width space after the backslash, because
    MathJax reads the text as displayed.
    """
    text = _MATHJAX.sub(lambda _: "\\\u200b", text)
    return html.escape(text, quote=True).replace("[", "&#91;").replace("\n", "<br>")


_MATHJAX = re.compile(r"\\(?=[(\[])")


def _unused(candidate: int, used: set[int]) -> int:
    # Two decks sharing an id in one package put every card in the first (genanki#18). A hash
    # clash among 2**30 ids is unlikely, but it must not be silent: step to the next free id.
    low, high = _DECK_ID_RANGE
    while candidate in used:
        candidate = low + (candidate + 1 - low) % (high - low)
    used.add(candidate)
    return candidate
