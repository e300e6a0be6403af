"""Writer for the company-profile Markdown template: ``write(profile) -> str``.

The output is the template itself: every section of the registry in order, ``- **Label**: value``
lines, nested lists indented two spaces, and ``[hint]`` wherever a field is empty, so the blank
profile writes the blank template. Text is escaped just enough that ``prep_core.readers.markdown``
reads back exactly what was written, and it still reads naturally.

What the Markdown format does not carry is listed once, in ``MARKDOWN_LOSSES``, and applied by
``markdown_view``: ``markdown_view(read(write(p))) == markdown_view(p)``, and ``markdown_view``
changes nothing but what the list names. Extra sections are raw Markdown written back as they
are, so this holds when they hold what a reader could have found there: no body with a heading
that would end its section, no title naming a known (sub)section, and no untitled body the
reader would take as a field of its section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import Any, get_args

from prep_core.model import (
    DEFAULT_ROUND_MINUTES,
    DEFAULT_STALE_DAYS,
    SCHEMA_VERSION,
    ExtraSection,
    NewsItem,
    Profile,
    Question,
    Requirement,
    Round,
    SkillRow,
    Source,
    Story,
    numbered_id,
    renamed_ids,
)
from prep_core.sections import (
    BASICS,
    SECTION_BY_KEY,
    SECTIONS,
    YES_NO_LABELS,
    Column,
    FieldSpec,
    Place,
    Section,
)
from prep_core.template import (
    AS_OF_LABEL,
    ASKED_IN_ROUND,
    INTERVIEWER_LABELS,
    JOB_POSTING_TITLE,
    MINUTES_UNIT,
    NEWS_LABELS,
    QUESTION_LABELS,
    REQUIREMENT_LABELS,
    REQUIREMENTS_TITLE,
    ROUND_LABELS,
    ROUNDS_LABEL,
    SOURCE_LABEL,
    STALE_LABEL,
    STORY_BANK_TITLE,
    STORY_LABELS,
    TERMS_LABEL,
    TITLE_PREFIX,
    hint_text,
    split_commas,
)

__all__ = ["MARKDOWN_LOSSES", "markdown_view", "write"]

MARKDOWN_LOSSES: tuple[str, ...] = (
    "ids: of the profile and of every news item, skills row, question, source, round and "
    "interviewer (the reader assigns fresh ones; a question's round is written as its number, "
    "and a round tag naming no round of the profile is dropped)",
    "created_at, updated_at, revision and schema_version",
    "blank items: news items, skills rows, questions and sources with every field empty",
    "practice attempts of questions (Question.attempts): kept in JSON only",
    "mock rounds (Profile.mock_rounds): kept in JSON only",
    "requirements' ids, language, source, edited and dropped flags: a requirement read from "
    "Markdown counts as the person's own (edited), and a dropped one is not written",
    "a skills row's link to a requirement (SkillRow.requirement_id): the skills table keeps "
    "the template's three columns",
    "dismissed 'already known' flags of questions to ask (Prep.dismissed_flags): JSON only",
    "the order and grouping of extra sections: they come back section by section, in the "
    "template's order, with the '##' ones last; the untitled extras of one section come back "
    "as one (bodies joined by a blank line), and an empty untitled one not at all; an extra "
    "whose parent is no known section comes back as a '##' section of its own",
)

_Item = NewsItem | SkillRow | Question | Source | Round
_VIEW_TIME = datetime(2000, 1, 1, tzinfo=UTC)

# Characters escaped wherever they are; at a line's start also those that would start a block.
_ALWAYS = re.compile(r"[\\`*_\[\]<]")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_BLOCK_START = re.compile(r"^(?:([#>+=~|-])|(\d{1,9})([.)])(?=[ \t]|$))", re.M)
_DELIMITER_ROW = re.compile(r"^:(?=[|: -]*-)[|: -]*$", re.M)  # would make the line above a table
_AUTOLINK = re.compile(r"[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\x00-\x20]*")


def write(
    profile: Profile,
    *,
    now: datetime | None = None,
    stories: Iterable[Story] | None = None,
    **_: Any,
) -> str:
    """The profile as the company-profile template; ``now`` is unused (nothing is dated).

    ``stories`` (from the story bank) are written under ``## Story Bank``, after the posting
    and its requirements; ``readers.markdown.read_stories`` reads them back.
    """
    extras = _extras_by_parent(profile)
    places = {place: [s for s in BASICS.fields if s.place == place] for place in get_args(Place)}
    blocks = [f"# {TITLE_PREFIX}{_title(profile, *places['title'])}"]
    title_block = _labelled(profile, places["line"]) + _threshold(profile)
    blocks.append(title_block + _rounds(profile.rounds))
    blocks += _extra_blocks(extras.get(BASICS.key, []))
    for section in SECTIONS:
        if section is not BASICS:
            blocks.append(f"## {section.title}")
            blocks += _section(profile, section, extras.get(section.key, []))
    for spec in places["own_section"]:
        blocks += _own_section(spec.get(profile))
    blocks += _requirements(profile.requirements)
    blocks += story_bank_blocks([s for s in stories or () if not s.is_blank()])
    for extra in extras.get("", []):
        blocks.append(f"## {_heading_text(extra.title)}".rstrip())
        blocks += [extra.body] if extra.body else []
    return "\n\n".join(blocks) + "\n"


def _title(profile: Profile, spec: FieldSpec) -> str:
    return _heading_text(spec.get(profile), hint_text(spec.hint))


def _own_section(text: str) -> list[str]:
    """The job posting under its own heading, fenced so that it is kept exactly as pasted."""
    if not text:
        return []
    fence = "`" * max(3, 1 + max(map(len, re.findall("`+", text)), default=0))
    return [f"## {JOB_POSTING_TITLE}", f"{fence}\n{text}\n{fence}"]


def _requirements(rows: list[Requirement]) -> list[str]:
    """``- **Must**: text`` per kept requirement, its terms below, comma-separated."""
    items = []
    for row in rows:
        if row.dropped or not row.text:
            continue
        line = f"- **{REQUIREMENT_LABELS[row.kind]}**: {escape(row.text)}"
        if row.terms:
            terms = ", ".join(_list_item(term) for term in row.terms)
            line += f"\n  - **{TERMS_LABEL}**: {terms}"
        items.append(line)
    return [f"## {REQUIREMENTS_TITLE}", "\n".join(items)] if items else []


_UNESCAPED_SPLITTER = re.compile(r"(?<!\\)((?:\\\\)*)([(),])")


def _list_item(text: str) -> str:
    """An item of a comma-separated list: escaped, and its commas and parentheses too, so that
    ``split_commas`` splits the line exactly between items."""
    return _UNESCAPED_SPLITTER.sub(r"\1\\\2", escape(text))


def story_bank_blocks(stories: list[Story]) -> list[str]:
    """Each story as ``### title`` and its labelled STAR fields (the id keeps links)."""
    if not stories:
        return []
    blocks = [f"## {STORY_BANK_TITLE}"]
    for story in stories:
        blocks.append(f"### {_heading_text(story.title, '[Untitled story]')}")
        lines = [f"- **{STORY_LABELS['id']}**: {story.id}"]
        for key in ("situation", "task", "action", "result"):
            value = getattr(story, key)
            if value:
                lines.append(f"- **{STORY_LABELS[key]}**: {_indent(escape(value), 2)}")
        if story.tags:
            tags = ", ".join(_list_item(tag) for tag in story.tags)
            lines.append(f"- **{STORY_LABELS['tags']}**: {tags}")
        blocks.append("\n".join(lines))
    return blocks


def markdown_view(profile: Profile) -> Profile:
    """``profile`` as the Markdown format keeps it: ``MARKDOWN_LOSSES`` applied, nothing else."""
    data = profile.model_dump()
    data.update(revision=0, schema_version=SCHEMA_VERSION)
    data.update(created_at=_VIEW_TIME, updated_at=_VIEW_TIME)
    data["news"] = _kept(profile.news)
    data["sources"] = _kept(profile.sources)
    data["prep"]["dismissed_flags"] = []
    skill_rows = [r.model_copy(update={"requirement_id": ""}) for r in profile.prep.skill_map]
    data["prep"]["skill_map"] = _kept(skill_rows)
    kept = [r for r in profile.requirements if r.text and not r.dropped]
    data["requirements"] = [
        r.model_dump() | {"source": "", "edited": True, "language": ""} for r in kept
    ]
    data["mock_rounds"] = []
    questions = [q.model_copy(update={"attempts": []}) for q in profile.prep.questions]
    data["prep"]["questions"] = _kept(questions)
    data["rounds"] = _kept(profile.rounds)
    renamed_ids(data, numbered_id)  # ids say where an item is; a round tag follows its round
    extras = _extras_by_parent(profile)
    order = [s.key for s in SECTIONS] + [""]
    data["extra_sections"] = [e.model_dump() for key in order for e in extras.get(key, [])]
    return Profile.model_validate(data)


def _kept(items: Iterable[_Item]) -> list[dict[str, Any]]:
    """The items Markdown writes (blank ones are not), dumped."""
    return [item.model_dump() for item in items if not _is_blank(item)]


def _is_blank(item: _Item) -> bool:
    return not any(value for key, value in item.model_dump().items() if key != "id")


def _extras_by_parent(profile: Profile) -> dict[str, list[ExtraSection]]:
    """Extra sections as written: per known section its untitled ones as one, then the titled
    ones; under "" the "##" sections of their own."""
    untitled: dict[str, list[str]] = {}
    titled: dict[str, list[ExtraSection]] = {}
    for extra in profile.extra_sections:
        parent = extra.parent if extra.parent in SECTION_BY_KEY else ""
        if parent and not extra.title:
            untitled.setdefault(parent, []).extend([extra.body] if extra.body else [])
        else:
            titled.setdefault(parent, []).append(extra.model_copy(update={"parent": parent}))
    result: dict[str, list[ExtraSection]] = {}
    for parent in dict.fromkeys([*untitled, *titled]):
        bodies = untitled.get(parent)
        merged = [ExtraSection(parent=parent, body="\n\n".join(bodies))] if bodies else []
        result[parent] = merged + titled.get(parent, [])
    return result


def _rounds(rounds: list[Round]) -> str:
    """The rounds as one labelled item of the title block (nothing when there are none):

    - **Rounds**:
      - 2026-12-03 14:30 America/New_York
        - **Kind**: Technical
        - **Interviewer**: Ana Lee
          - **Role**: Engineering manager
    """
    if not rounds:
        return ""
    lines = [f"\n- **{ROUNDS_LABEL}**:"]
    for item in rounds:
        when = item.day.isoformat()
        if item.start_time is not None:
            when += f" {item.start_time.strftime('%H:%M')}"
        if item.start_time is not None or item.timezone != "UTC":
            when += f" {escape(item.timezone)}"
        lines += [f"  - {when}", f"    - **{ROUND_LABELS['kind']}**: {item.label}"]
        if item.minutes != DEFAULT_ROUND_MINUTES:
            lines.append(f"    - **{ROUND_LABELS['minutes']}**: {item.minutes} {MINUTES_UNIT}")
        if item.location:
            lines.append(f"    - **{ROUND_LABELS['location']}**: {escape(item.location)}")
        for person in item.interviewers:
            lines.append(f"    - **{ROUND_LABELS['interviewer']}**: {escape(person.name)}")
            for key, label in INTERVIEWER_LABELS.items():
                value = getattr(person, key)
                lines += [f"      - **{label}**: {escape(value)}"] if value else []
        debrief = item.debrief
        if debrief.notes:
            lines.append(f"    - **{ROUND_LABELS['notes']}**: {_indent(escape(debrief.notes), 6)}")
        follow_up = ROUND_LABELS["follow_ups"]
        lines += [f"    - **{follow_up}**: {escape(text)}" for text in debrief.follow_ups]
        if debrief.thank_you:
            thanks = _indent(escape(debrief.thank_you), 6)
            lines.append(f"    - **{ROUND_LABELS['thank_you']}**: {thanks}")
    return "\n".join(lines)


# --- sections ----------------------------------------------------------------------------------


def _section(profile: Profile, section: Section, extras: list[ExtraSection]) -> list[str]:
    if any(spec.heading for spec in section.fields):
        # Loose text goes before the first "###": after it, it would join that subsection.
        untitled = [e for e in extras if not e.title]
        blocks = _extra_blocks(untitled)
        for spec in section.fields:
            blocks += [f"### {spec.heading}", _bare(profile, spec)]
        return blocks + _extra_blocks([e for e in extras if e.title])
    if len(section.fields) == 1 and section.fields[0].bare:
        blocks = [_bare(profile, section.fields[0])]
        loose = [e.body for e in extras if not e.title]
        if loose:  # after a bare list, loose text would join the list: "###" keeps it apart
            blocks += ["###", *loose]
        return blocks + _extra_blocks([e for e in extras if e.title])
    return [_labelled(profile, section.fields), *_extra_blocks(extras)]


def _extra_blocks(extras: list[ExtraSection]) -> list[str]:
    blocks = []
    for extra in extras:
        if extra.title:
            blocks.append(f"### {_heading_text(extra.title)}")
        blocks += [extra.body] if extra.body else []
    return blocks


def _labelled(profile: Profile, specs: Iterable[FieldSpec]) -> str:
    return "\n".join(_field(spec, spec.get(profile)) + _as_of(profile, spec) for spec in specs)


def _as_of(profile: Profile, spec: FieldSpec) -> str:
    """A dated fact's as-of date and source, as nested bullets under its line."""
    stamp = profile.fact_dates.get(spec.path)
    if stamp is None:
        return ""
    lines = [f"\n  - **{AS_OF_LABEL}**: {stamp.as_of.isoformat()}"] if stamp.as_of else []
    lines += [f"\n  - **{SOURCE_LABEL}**: {escape(stamp.source)}"] if stamp.source else []
    return "".join(lines)


def _threshold(profile: Profile) -> str:
    """The stale-facts threshold in the title block, when it is not the default."""
    if profile.stale_after_days == DEFAULT_STALE_DAYS:
        return ""
    return f"\n- **{STALE_LABEL}**: {profile.stale_after_days} days"


def _field(spec: FieldSpec, value: Any) -> str:
    head = f"- **{spec.label}**:"
    hint = hint_text(spec.hint)
    if spec.kind in ("list", "inline_list"):
        if not value:
            return f"{head} {hint}" if spec.kind == "inline_list" else f"{head}\n  - {hint}"
        if spec.kind == "inline_list" and _fits_one_line(value):
            return f"{head} {', '.join(map(escape, value))}"
        return head + "".join(f"\n  - {escape(item)}" for item in value)
    if spec.kind == "yesno":
        text = YES_NO_LABELS[value] if spec.present(value) else hint
    elif spec.kind == "date":
        text = value.isoformat() if value else hint
    else:
        text = _indent(escape(value), 2) if value else hint
    return f"{head} {text}"


def _fits_one_line(items: list[str]) -> bool:
    """Whether the reader splits "a, b, c" back into exactly these items."""
    escaped = [escape(item) for item in items]
    return split_commas(", ".join(escaped)) == escaped


def _bare(profile: Profile, spec: FieldSpec) -> str:
    value = spec.get(profile)
    if spec.kind == "skills":
        return _skills_table(spec, value)
    rounds = {r.id: n for n, r in enumerate(profile.rounds, 1)}
    writer = {
        "news": _news_item,
        "questions": partial(_question_item, rounds=rounds),
        "sources": _source_item,
    }.get(spec.kind)
    quote = '"' if spec.kind == "questions" or spec.quoted else ""
    if writer is None:
        items = [f"- {quote}{_indent(escape(text), 2)}{quote}" for text in value]
    else:
        items = [writer(item, spec) for item in value if not _is_blank(item)]
    return "\n".join(items) or f"- {quote}{hint_text(spec.hint)}{quote}"


def _news_item(item: NewsItem, spec: FieldSpec) -> str:
    lines = [f"- {escape(item.text) if item.text else hint_text(spec.hint)}"]
    if item.date:
        lines.append(f"  - **{NEWS_LABELS['date']}**: {escape(item.date)}")
    if item.url:
        lines.append(f"  - **{NEWS_LABELS['url']}**: {_link('', item.url)}")
    return "\n".join(lines)


def _question_item(question: Question, spec: FieldSpec, rounds: dict[str, int]) -> str:
    text = escape(question.text) if question.text else hint_text(spec.hint)
    values = {
        "category": question.category,
        "confidence": f"{question.confidence}/5" if question.confidence is not None else "",
        "story_id": question.story_id,
        "answer": _indent(escape(question.answer), 4),
        "asked_in": f"{ASKED_IN_ROUND} {rounds[question.asked_in]}"
        if question.asked_in in rounds
        else "",
        "how_it_went": _indent(escape(question.how_it_went), 4),
    }
    lines = [f'- "{text}"']
    lines += [f"  - **{QUESTION_LABELS[key]}**: {value}" for key, value in values.items() if value]
    return "\n".join(lines)


def _source_item(source: Source, spec: FieldSpec) -> str:
    if not source.url:
        return f"- {escape(source.title)}"
    return f"- {_link(source.title, source.url)}"


def _link(title: str, url: str) -> str:
    """``<url>`` when it is a plain autolink, else ``[title](url)``."""
    if not title and _AUTOLINK.fullmatch(url):
        return f"<{url}>"
    destination = _ENTITY.sub(r"\\&", url)
    if re.search(r"[()\s]", destination) or not destination:
        destination = f"<{destination}>"
    return f"[{escape(title)}]({destination})"


def _skills_table(spec: FieldSpec, rows: list[SkillRow]) -> str:
    headings = [column.heading for column in spec.columns]
    lines = [
        "| " + " | ".join(headings) + " |",
        "|" + "|".join("-" * (len(heading) + 2) for heading in headings) + "|",
    ]
    for row in rows:
        if row.is_blank():
            continue
        cells = (_column_cell(column, getattr(row, column.name)) for column in spec.columns)
        lines.append("| " + " | ".join(cells) + " |")
    if len(lines) == 2:
        lines.append("| " + " | ".join(hint_text(c.hint) for c in spec.columns) + " |")
    return "\n".join(lines)


def _column_cell(column: Column, text: str) -> str:
    return f'"{_cell(text)}"' if column.quoted and text else _cell(text)


# --- escaping ----------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Text as Markdown that reads back as exactly ``text`` (one line or several)."""
    text = _ENTITY.sub(r"\\&", _ALWAYS.sub(r"\\\g<0>", text))
    text = _BLOCK_START.sub(_escape_block_start, text)
    return _DELIMITER_ROW.sub(r"\\\g<0>", text)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def _cell(text: str) -> str:
    """Text for a table cell: inline escapes, and pipes (cells hold one line)."""
    return _ENTITY.sub(r"\\&", _ALWAYS.sub(r"\\\g<0>", text)).replace("|", "\\|")


def _heading_text(text: str, hint: str = "") -> str:
    if not text:
        return hint
    return re.sub(r"(?<= )#+$", r"\\\g<0>", escape(text))  # not a closing sequence


def _indent(text: str, width: int) -> str:
    """Continuation lines indented to a list item's content column (blank lines stay empty)."""
    pad = " " * width
    return "\n".join(_indented_lines(text.split("\n"), pad))


def _indented_lines(lines: list[str], pad: str) -> Iterator[str]:
    yield lines[0]
    for line in lines[1:]:
        yield pad + line if line else ""
