"""The company-profile template's syntax and wording, shared by the Markdown reader and writer.

What a ``[bracketed hint]`` is, how labels and titles compare, where an inline list splits, which
quotes surround a question: the reader decides with these, and the writer writes what they
accept. Neither imports the other. Standard library only, so the registry can use it too.
"""

from __future__ import annotations

import re

TITLE_PREFIX = "Company Profile: "  # the "#" title line, before the company's name
ROUNDS_LABEL = "Interview rounds"  # the title block's labelled list of rounds
STALE_LABEL = "Check facts older than"  # the title block's "- **...**: 182 days"
AS_OF_LABEL = "As of"  # under a dated fact: "  - **As of**: 2024-03-31"
SOURCE_LABEL = "Source"  # under a dated fact: "  - **Source**: Annual report"
JOB_POSTING_TITLE = "Job Posting"  # the "##" section our files keep the pasted posting in
REQUIREMENTS_TITLE = "Job Requirements"  # the posting's requirement rows, after the posting
STORY_BANK_TITLE = "Story Bank"  # the STAR stories exported with a profile
REQUIREMENT_LABELS = {"must": "Must", "nice": "Nice", "responsibility": "Responsibility"}
STORY_LABELS = {
    "id": "Id",
    "situation": "Situation",
    "task": "Task",
    "action": "Action",
    "result": "Result",
    "tags": "Tags",
}
# The labels of the nested "- **Label**: value" bullets under an item, by the model's field.
NEWS_LABELS = {"date": "Date", "url": "Link"}  # under a news item
QUESTION_LABELS = {  # under a question, in the order written
    "category": "Category",
    "confidence": "Confidence",
    "story_id": "Story",
    "answer": "Answer",
    "asked_in": "Asked in",
    "how_it_went": "How it went",
}
TERMS_LABEL = "Terms"  # under a requirement: its key terms, comma-separated
ROUND_LABELS = {  # under a round of the title block's "Interview rounds", in the order written
    "kind": "Kind",
    "minutes": "Length",
    "location": "Location",
    "interviewer": "Interviewer",
    "notes": "Debrief",
    "follow_ups": "Follow-up",
    "thank_you": "Thank-you note",
}
INTERVIEWER_LABELS = {"role": "Role", "note": "Note"}  # under an interviewer
ASKED_IN_ROUND = "round"  # "- **Asked in**: round 2": the round's number in the title block
MINUTES_UNIT = "min"  # "- **Length**: 45 min"
QUOTES = ('"', "“", "”")  # around a question or a quoted list item

# One whole bracketed text on one line: "[Year founded]", "[TBD]". Not "[a](b)", not "[a] b".
_PLACEHOLDER = re.compile(r"\s*\[[^\[\]\n]*\]\s*")


def is_placeholder(text: object) -> bool:
    """Whether ``text`` is exactly one ``[bracketed hint]``: the template's "not filled in".

    The reader asks this of raw source (so an escaped ``\\[TBD\\]`` is text); the registry asks
    it of a value, so ``[TBD]`` typed in the app is not yet known either.
    """
    # "[" in text first: a scan in C that rules out almost every real value
    return isinstance(text, str) and "[" in text and _PLACEHOLDER.fullmatch(text) is not None


def hint_text(hint: str) -> str:
    """How the template shows an empty field: its hint in brackets."""
    return f"[{hint}]"


def norm_key(text: str) -> str:
    """How titles and labels are compared: case, spacing, a trailing colon and numbering ignored."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(":").strip()
    return re.sub(r"^\d+[.)] ", "", text).casefold()


def split_commas(raw: str) -> list[str]:
    """Split an inline list on commas outside parentheses (and not backslash-escaped)."""
    parts: list[str] = []
    depth = start = i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\":
            i += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(raw[start:i])
            start = i + 1
        i += 1
    parts.append(raw[start:])
    return [part.strip() for part in parts if part.strip()]


def unquote(raw: str) -> str:
    """Raw source without one pair of surrounding quotes (straight or curly)."""
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] in QUOTES and raw[-1] in QUOTES:
        return raw[1:-1]
    return raw
