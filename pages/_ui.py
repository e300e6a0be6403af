"""Streamlit bindings shared by every page: the open profile, saving, one widget per field kind.

Not a page (leading underscore; ``app.py`` lists the pages explicitly). The open profile lives
in session state under ``PROFILE``, a key no widget uses. Widgets are views on it: each has its
own key ``"<profile id>.<field path>"``, is seeded from the model when that key is missing, and
writes back through ``FieldSpec.set`` (pydantic ``validate_assignment``). Every change is saved
at once through ``Store.save``; a refused save (bad value, another tab saved first) is reported
and the user's text stays in the widget.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from prep_core.completeness import completeness
from prep_core.errors import PrepError, StaleRevision, describe_validation_error
from prep_core.formats import Format, export, export_filename
from prep_core.model import QUESTION_CATEGORIES, Profile, Question
from prep_core.sections import SECTIONS, FieldSpec, Section, get_section
from prep_core.store import DEFAULT_DATA_DIR, SAMPLE_PATH, Entry, Store, write_atomic

PROFILE = "_prep.profile"  # the open Profile (a pydantic model; it pickles)
STATUS = "_prep.status"  # (ok, text) of the last save
STALE = "_prep.stale"  # set when another tab saved first
STARTED = "_prep.started"

LIBRARY = "pages/library.py"
READINESS = "pages/readiness.py"
EXPORT = "pages/export.py"
EXPORTS_DIR = DEFAULT_DATA_DIR.parent / "exports"

YES_NO = {"yes": "Yes", "no": "No", "unknown": "Not answered"}
ROW_COLUMNS = {  # the editable columns of each row kind, with their headers
    "news": {"text": "Development", "date": "Date", "url": "Link"},
    "sources": {"title": "Source", "url": "Link"},
    "skills": {"skill": "Skill", "requirement": "Requirement", "talking_point": "Talking point"},
}
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


def section_page(key: str) -> str:
    """The page file of a registry section: ``pages/<key>.py``."""
    return f"pages/{key}.py"


_PER_SESSION: dict[tuple[str, str], Any] = {}


def per_session(build: Callable[[], Any]) -> Any:
    """``build()``, made once per browser session and kept for its later runs.

    For the navigation's ``st.Page`` objects: building them resolves every page file on each
    run, a third of the frame's cost. They carry per-run state (which page may run next), so
    they are never shared between sessions.
    """
    ctx = get_script_run_ctx()
    if ctx is None:
        return build()
    key = (ctx.session_id, build.__qualname__)
    if key not in _PER_SESSION:
        _PER_SESSION[key] = build()
    return _PER_SESSION[key]


def plain(text: str, limit: int = 80) -> str:
    """User text made safe to show inside Markdown: shortened, every markup character escaped."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKDOWN.sub(r"\\\1", text)


def days_left(profile: Profile, today: date | None = None) -> int | None:
    if profile.interview_date is None:
        return None
    return (profile.interview_date - (today or date.today())).days


def days_left_text(profile: Profile) -> str:
    days = days_left(profile)
    if days is None:
        return "No interview date yet"
    if days < 0:
        return f"Interview was {-days} days ago"
    return {0: "Interview is today", 1: "Interview is tomorrow"}.get(days, f"{days} days left")


# --- the open profile ----------------------------------------------------------------------


def store() -> Store:
    return Store.open()


def entries() -> list[Entry]:
    """The store's entries, read again only when a file in the profiles folder changed."""
    folder = store().folder
    with contextlib.suppress(FileNotFoundError), os.scandir(folder) as files:
        stamp = tuple(sorted((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files))
        return _entries(str(folder.parent), stamp)
    return []


@st.cache_resource(max_entries=16, show_spinner=False)
def _entries(data_dir: str, stamp: tuple) -> list[Entry]:
    return Store(Path(data_dir)).entries()


def current() -> Profile | None:
    profile = st.session_state.get(PROFILE)
    if profile is not None and type(profile) is not Profile:  # after a hot reload of the model
        profile = st.session_state[PROFILE] = Profile.model_validate(profile.model_dump())
    return profile


def open_profile() -> Profile | None:
    """The profile named in the URL (else the newest); imports the sample on a first run."""
    if STARTED not in st.session_state:
        st.session_state[STARTED] = True
        _attempt(store().ensure_sample)
    wanted = st.query_params.get("profile")
    profile = current()
    if profile is None or (wanted and wanted != profile.id):
        profile = _load(wanted)
    if profile is not None:
        st.query_params["profile"] = profile.id
    return profile


def _load(wanted: str | None) -> Profile | None:
    try:
        profile = store().load(wanted) if wanted else None
    except PrepError as error:
        set_status(False, str(error))
        profile = None
    if profile is None:
        profile = next(iter(_attempt(store().profiles) or []), None)
    use(profile)
    return profile


def use(profile: Profile | None) -> None:
    """Make ``profile`` the open one, dropping any widget values of an older copy of it."""
    old = current()
    for pid in {p.id for p in (old, profile) if p is not None}:
        for key in [k for k in st.session_state if str(k).startswith(f"{pid}.")]:
            del st.session_state[key]
    st.session_state[PROFILE] = profile
    st.session_state.pop(STALE, None)
    if profile is None:
        st.query_params.pop("profile", None)
    else:
        st.query_params["profile"] = profile.id


def require_frame() -> None:
    """Make sure ``app.py`` (the frame) ran before this page; rerun through it if not.

    Because the folder is called ``pages/``, Streamlit starts in its legacy mode, in which a
    process's first request for a page URL (and every AppTest run) executes ``pages/<x>.py``
    alone, without the frame. ``st.navigation`` switches that mode off, but only once it runs;
    so a page run without the frame switches it off itself and reruns (private flag, 1.67).
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def require_profile() -> Profile:
    require_frame()
    profile = current()
    if profile is None:
        st.info("No profile is open. Create or import one in the Library.")
        st.page_link(LIBRARY, label="Go to the Library", icon=":material/library_books:")
        st.stop()
    return profile


def set_status(ok: bool, text: str) -> None:
    st.session_state[STATUS] = (ok, text)


def _attempt(action: Callable[[], Any]) -> Any:
    try:
        return action()
    except PrepError as error:
        set_status(False, str(error))
        return None


def change(mutate: Callable[[Profile], Any]) -> bool:
    """Apply one edit to the open profile and save it at once; True if it changed and saved."""
    profile = current()
    if profile is None:
        return False
    try:
        mutate(profile)
    except ValidationError as error:
        set_status(False, f"Not saved: {describe_validation_error(error)}")
        return False
    return persist(profile)


def persist(profile: Profile) -> bool:
    try:
        saved = store().save(profile)
    except StaleRevision as error:
        st.session_state[STALE] = True
        set_status(False, f"Not saved: {error}")
        return False
    except PrepError as error:
        set_status(False, f"Not saved: {error}")
        return False
    st.session_state[PROFILE] = saved
    set_status(True, f"Saved {datetime.now():%H:%M:%S}")
    return True


def reload_latest() -> None:
    profile = current()
    if profile is not None:
        use(_attempt(partial(store().load, profile.id)))
        set_status(True, "Reloaded the latest version")


def alerts() -> None:
    """The last save's error (if any) and, after a refused stale save, the way out."""
    ok, text = st.session_state.get(STATUS, (True, ""))
    if not ok:  # messages can quote user text (a title, a file name): never as Markdown
        st.error(plain(text, 2000), icon=":material/error:")
    if st.session_state.get(STALE):
        st.button(
            "Reload the latest version",
            key="reload_latest",
            on_click=reload_latest,
            icon=":material/refresh:",
            type="primary",
        )


def sidebar(profile: Profile | None) -> None:
    with st.sidebar:
        if profile is None:
            st.caption("No profile open")
            return
        role = plain(profile.role_title) or "Role not set"
        st.markdown(f"**{plain(profile.company) or 'Untitled'}**  \n{role}")
        last = f"Last saved {profile.updated_at.astimezone():%Y-%m-%d %H:%M}"
        ok, text = st.session_state.get(STATUS, (True, last))
        st.caption(text if ok else f":red[{plain(text, 200)}]")
        report = completeness(profile)
        st.progress(report.ratio, text=f"Readiness {report.percent}%")


# --- section pages -------------------------------------------------------------------------


def section_header(key: str) -> Section:
    require_profile()
    section = get_section(key)
    st.title(section.title, anchor=False)
    section_progress(section)
    return section


def section_progress(section: Section) -> None:
    report = completeness(current()).section(section.key)
    st.caption(f"Section {section.number} of {len(SECTIONS)}")
    st.progress(report.ratio, text=f"{len(report.filled)} of {report.total} filled")


def section_footer(section: Section) -> None:
    """Previous / Next in template order, with the Library and Readiness at the two ends."""
    i = section.number - 1
    pages = [(LIBRARY, "Library")]
    pages += [(section_page(s.key), s.title) for s in SECTIONS] + [(READINESS, "Readiness")]
    back, ahead = pages[i], pages[i + 2]
    st.divider()
    left, right = st.columns(2)
    if left.button(
        f"Previous: {back[1]}", key="nav.previous", icon=":material/arrow_back:", width="stretch"
    ):
        st.switch_page(back[0])
    if right.button(
        f"Next: {ahead[1]}",
        key="nav.next",
        icon=":material/arrow_forward:",
        type="primary",
        width="stretch",
    ):
        st.switch_page(ahead[0])


def field(spec: FieldSpec) -> None:
    """The widget of one registry field, chosen by its kind."""
    _WIDGETS[spec.kind](spec)


def wkey(*parts: str) -> str:
    return ".".join((current().id, *parts))


def _seeded(spec: FieldSpec, value: Any) -> str:
    key = wkey(spec.path)
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _commit(spec: FieldSpec, key: str) -> None:
    change(lambda p: spec.set(p, st.session_state[key]))


def _line(spec: FieldSpec) -> None:
    key = _seeded(spec, spec.get(current()))
    st.text_input(spec.label, key=key, placeholder=spec.hint, on_change=_commit, args=(spec, key))


def _text(spec: FieldSpec) -> None:
    key = _seeded(spec, spec.get(current()))
    st.text_area(spec.label, key=key, placeholder=spec.hint, on_change=_commit, args=(spec, key))


def _yesno(spec: FieldSpec) -> None:
    key = _seeded(spec, spec.get(current()))
    st.radio(
        spec.label,
        list(YES_NO),
        key=key,
        format_func=YES_NO.get,
        horizontal=True,
        on_change=_commit,
        args=(spec, key),
    )


def _date(spec: FieldSpec) -> None:
    profile = current()
    key = _seeded(spec, spec.get(profile))
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.date_input(
        spec.label,
        key=key,
        min_value=date(1990, 1, 1),
        max_value=date(2100, 12, 31),
        format="YYYY-MM-DD",
        help=spec.hint,
        on_change=_commit,
        args=(spec, key),
    )
    right.button(
        "No date",
        key=f"{key}.clear",
        on_click=_clear_date,
        args=(spec, key),
        disabled=spec.get(profile) is None,
        icon=":material/event_busy:",
    )
    st.caption(days_left_text(profile))


def _clear_date(spec: FieldSpec, key: str) -> None:
    st.session_state[key] = None
    change(lambda p: spec.set(p, None))


def _tags(spec: FieldSpec) -> None:
    """A short list written on one line (languages, competitors): one chip per entry.

    Type to add an entry, ✕ to remove one; removing and adding again moves it to the end.
    Much lighter than a table, which matters on Technology Stack with five of them.
    """
    items = list(spec.get(current()))
    key = _seeded(spec, items)
    st.multiselect(
        spec.label,
        items,
        key=key,
        accept_new_options=True,
        placeholder=spec.hint,
        on_change=_commit,
        args=(spec, key),
    )


def _lines(spec: FieldSpec) -> None:
    """A bulleted list as text, one entry per line: add, remove and reorder by editing lines.

    Entries are one-line values, so the text holds them exactly; blank lines are dropped. A
    text area is also several times lighter than a table (Role Analysis has three lists).
    """
    items = spec.get(current())
    key = _seeded(spec, "\n".join(items))
    st.text_area(
        spec.label,
        key=key,
        label_visibility="collapsed" if spec.bare and spec.heading else "visible",
        placeholder=f"{spec.hint}, one per line",
        height=min(400, max(100, 28 * len(items) + 40)),
        on_change=_commit_lines,
        args=(spec, key),
    )


def _commit_lines(spec: FieldSpec, key: str) -> None:
    change(lambda p: spec.set(p, st.session_state[key].split("\n")))


def _rows(spec: FieldSpec) -> None:
    columns = ROW_COLUMNS[spec.kind]
    rows = [item.model_dump(include={"id", *columns}) for item in spec.get(current())]
    new = _row_editor(spec, rows, columns, blank="Add rows with the + of the table")
    if new is not None:
        _commit_rows(spec, new, wkey(spec.path))


def _row_editor(
    spec: FieldSpec, rows: list[dict], columns: dict[str, str], blank: str
) -> list[dict] | None:
    """A data_editor over a stable frame built from the model; the edited rows, or None.

    The editor's state holds the edit delta against its input (not the data); applying it to
    the same rows gives what the user sees. Committing changes the input, which resets the delta.
    """
    if not (spec.bare and spec.heading):  # under its own subheading the label would repeat it
        st.markdown(f"**{spec.label}**", help=spec.hint)
    frame = pd.DataFrame(
        [{c: row[c] for c in columns} for row in rows], columns=list(columns), dtype="string"
    )
    key = wkey(spec.path)
    st.data_editor(
        frame,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.TextColumn(label) for c, label in columns.items()},
    )
    if not rows:
        st.caption(blank)
    delta = st.session_state.get(key) or {}
    if not any(delta.get(k) for k in ("edited_rows", "added_rows", "deleted_rows")):
        return None
    return apply_delta(rows, delta, list(columns))


def apply_delta(rows: list[dict], delta: dict, columns: list[str]) -> list[dict]:
    """``rows`` with a data_editor delta applied: edits by position, then deletions, then adds."""
    out = [dict(row) for row in rows]
    for index, changes in (delta.get("edited_rows") or {}).items():
        if 0 <= int(index) < len(out):
            out[int(index)].update({c: v for c, v in changes.items() if c in columns})
    deleted = {int(i) for i in delta.get("deleted_rows") or ()}
    out = [row for i, row in enumerate(out) if i not in deleted]
    out += [
        {c: v for c, v in added.items() if c in columns} for added in delta.get("added_rows") or ()
    ]
    return [{k: "" if v is None or v is pd.NA else v for k, v in row.items()} for row in out]


def _commit_rows(spec: FieldSpec, value: list, key: str) -> None:
    """Commit an editor's rows once; a no-op edit (a blank row just added) saves nothing."""
    profile = current()
    before = spec.get(profile)
    try:
        spec.set(profile, value)
    except ValidationError as error:
        set_status(False, f"Not saved: {describe_validation_error(error)}")
        return
    if spec.get(profile) != before:
        persist(profile)
        del st.session_state[key]  # the delta is in the model now: never apply it twice
        st.rerun()  # redraw the page, and the editor from the model


# --- the question bank ---------------------------------------------------------------------


def _questions(spec: FieldSpec) -> None:
    """A picker listing every question (with its state), and the editor of the picked one.

    One editor rather than one per question keeps the page as quick with 200 questions as with 5.
    """
    questions: list[Question] = spec.get(current())
    pick = wkey(spec.path, "selected")
    answered = sum(bool(q.answer) for q in questions)
    st.caption(f"{len(questions)} questions, {answered} with a drafted answer")
    if questions:
        ids = [q.id for q in questions]
        # The picked id is kept outside the widget: the picker's labels show the question's
        # text and state, and when a label changes Streamlit forgets which option was picked.
        chosen = st.session_state.get(picked(pick))
        if chosen not in ids:  # none picked yet, or the picked one deleted
            chosen = ids[0]
        st.session_state[pick] = st.session_state[picked(pick)] = chosen
        labels = {q.id: f"{i + 1}. {_summary(q)}" for i, q in enumerate(questions)}
        st.selectbox(
            "Question to edit",
            ids,
            key=pick,
            format_func=partial(_question_label, labels),
            on_change=_pick_question,
            args=(pick, ids),
        )
        index = ids.index(chosen)
        _question(spec, questions[index], index, len(questions), pick)
    st.button(
        "Add question",
        key=wkey(spec.path, "add"),
        on_click=_add_question,
        args=(spec, pick),
        icon=":material/add:",
    )


def picked(pick: str) -> str:
    """The session key of the picked question's id (not a widget key)."""
    return f"{pick}.id"


def _pick_question(pick: str, ids: list[str]) -> None:
    if st.session_state.get(pick) in ids:
        st.session_state[picked(pick)] = st.session_state[pick]


def _summary(question: Question) -> str:
    """'Why Netflix? · answered · confidence 4', as the picker lists it."""
    parts = [question.text[:100] or "(no text yet)"]
    parts.append("answered" if question.answer else "no answer yet")
    if question.confidence:
        parts.append(f"confidence {question.confidence}")
    return " · ".join(parts)


def _question_label(labels: dict[str, str], question_id: str) -> str:  # a partial of it pickles
    return labels.get(question_id, question_id)


def _question(spec: FieldSpec, question: Question, index: int, count: int, pick: str) -> None:
    def bound(widget: Callable, label: str, attr: str, **kw: Any) -> Any:
        key = wkey(spec.path, question.id, attr)
        if key not in st.session_state:
            st.session_state[key] = getattr(question, attr)
        args = (spec, question.id, attr, key)
        return widget(label, key=key, on_change=_commit_question, args=args, **kw)

    with st.container(border=True):
        bound(st.text_input, "Question", "text", placeholder=spec.hint)
        bound(st.text_area, "Drafted answer", "answer", placeholder="What you will say", height=160)
        cols = st.columns([3, 4, 2, 2, 2], vertical_alignment="bottom")
        with cols[0]:
            bound(
                st.selectbox,
                "Category",
                "category",
                options=QUESTION_CATEGORIES,
                format_func=_category_label,
            )
        with cols[1]:
            bound(st.segmented_control, "Confidence (1-5)", "confidence", options=[1, 2, 3, 4, 5])
        for col, (name, label, icon, step, disabled) in zip(
            cols[2:],
            (
                ("up", "Move up", ":material/arrow_upward:", -1, index == 0),
                ("down", "Move down", ":material/arrow_downward:", 1, index == count - 1),
                ("delete", "Delete", ":material/delete:", 0, False),
            ),
            strict=True,
        ):
            col.button(
                label,
                key=wkey(spec.path, name),
                icon=icon,
                disabled=disabled,
                on_click=_move_question,
                args=(spec, question.id, step, pick),
                width="stretch",
            )


def _category_label(category: str) -> str:  # module-level: format_func must pickle
    return category.capitalize() or "Not set"


def _section_title(key: str) -> str:
    return get_section(key).title


def _commit_question(spec: FieldSpec, qid: str, attr: str, key: str) -> None:
    change(lambda p: setattr(_by_id(spec.get(p), qid), attr, st.session_state[key]))


def _by_id(items: list, item_id: str) -> Any:
    return next(item for item in items if item.id == item_id)


def _move_question(spec: FieldSpec, qid: str, step: int, pick: str) -> None:
    """Move the question ``step`` places (0: delete it, picking the one that takes its place)."""

    def move(profile: Profile) -> None:
        items = list(spec.get(profile))
        i = items.index(_by_id(items, qid))
        item = items.pop(i)
        if step:
            items.insert(max(0, min(len(items), i + step)), item)
        spec.set(profile, items)
        if not step and items:
            st.session_state[picked(pick)] = items[min(i, len(items) - 1)].id

    change(move)


def _add_question(spec: FieldSpec, pick: str) -> None:
    question = Question()
    if change(lambda p: spec.set(p, [*spec.get(p), question])):
        st.session_state[picked(pick)] = question.id


_WIDGETS: dict[str, Callable[[FieldSpec], None]] = {
    "line": _line,
    "text": _text,
    "yesno": _yesno,
    "date": _date,
    "list": _lines,
    "inline_list": _tags,
    "news": _rows,
    "sources": _rows,
    "skills": _rows,
    "questions": _questions,
}


# --- export --------------------------------------------------------------------------------


def export_card(profile: Profile, fmt: Format) -> None:
    """One format of the registry: its options, a lazy download, and Save to exports/."""
    with st.container(border=True):
        st.subheader(fmt.label, anchor=False)
        options: dict[str, Any] = {}
        if fmt.variants:
            options["variant"] = st.selectbox(
                "Variant",
                fmt.variants,
                key=f"export.{fmt.name}.variant",
                format_func=str.capitalize,
            )
        if "sections" in fmt.options:
            options["sections"] = st.multiselect(
                "Sections",
                [s.key for s in SECTIONS],
                default=[s.key for s in SECTIONS],
                key=f"export.{fmt.name}.sections",
                format_func=_section_title,
            )
        name = export_filename(profile, fmt.name, variant=options.get("variant"))
        build = partial(export, profile, fmt.name, **options)  # runs only on click
        empty = options.get("sections") == []
        st.caption(f"{fmt.description} File name: {name}" if not empty else "Pick a section.")
        row = st.container(horizontal=True)
        row.download_button(
            f"Download {fmt.label}",
            data=build,
            file_name=name,
            mime=fmt.mime,
            key=f"export.{fmt.name}.download",
            on_click="ignore",
            disabled=empty,
            icon=":material/download:",
            width="stretch",
        )
        if row.button(
            "Save to exports/",
            key=f"export.{fmt.name}.save",
            disabled=empty,
            icon=":material/save:",
            width="stretch",
        ):
            save_export(build, name, fmt.label)


def save_export(build: Callable[[], bytes], name: str, label: str) -> None:
    with st.status(f"Building {label}…", expanded=False) as status:
        try:
            data = build()
            EXPORTS_DIR.mkdir(parents=True, exist_ok=True)
            path = EXPORTS_DIR / name
            write_atomic(path, data, mode=0o644)  # an export is a document to share
        except (PrepError, OSError) as error:
            status.update(label=f"Not saved: {error}", state="error")
            return
        status.update(label=f"Saved {path}", state="complete")
    st.success(f"Saved {plain(str(path), 500)}", icon=":material/check:")


# --- library -------------------------------------------------------------------------------


def create_profile(from_sample: bool) -> None:
    """A new profile, blank or a copy of the shipped sample, opened at once."""
    from prep_core import load_file

    def make() -> Profile:
        return store().create(load_file(SAMPLE_PATH).with_new_ids() if from_sample else None)

    profile = _attempt(make)
    if profile is not None:
        use(profile)
        set_status(True, f"Created {profile.title}")


def open_existing(profile_id: str) -> None:
    profile = _attempt(partial(store().load, profile_id))
    if profile is not None:
        use(profile)


def duplicate(profile_id: str) -> None:
    profile = _attempt(partial(store().duplicate, profile_id))
    if profile is not None:
        use(profile)
        set_status(True, f"Created a copy: {profile.title}")


def _ask_delete(profile_id: str | None) -> None:
    st.session_state["library.confirm_delete"] = profile_id


def delete(profile_id: str) -> None:
    st.session_state.pop("library.confirm_delete", None)
    trash = _attempt(partial(store().delete, profile_id))
    if trash is not None:
        opened = current()
        if opened is not None and opened.id == profile_id:
            use(None)
        st.session_state["library.notice"] = f"Deleted. The file is kept as a backup: {trash}"


def import_upload(key: str) -> None:
    """Import the uploaded .md or .json file as a new profile; a bad file saves nothing."""
    upload = st.session_state.get(key)
    if upload is None:
        return
    try:
        profile = store().import_bytes(upload.getvalue(), upload.name)
    except PrepError as error:
        st.session_state["library.import_error"] = f"{upload.name} was not imported: {error}"
        return
    st.session_state.pop("library.import_error", None)
    use(profile)
    st.session_state["library.notice"] = f"Imported {profile.title} from {upload.name}"


def profile_row(profile: Profile, is_open: bool) -> None:
    """One profile in the Library: what it is, how ready, and what can be done with it."""
    report = completeness(profile)
    when = (
        f"{profile.interview_date.isoformat()}  \n{days_left_text(profile)}"
        if profile.interview_date
        else days_left_text(profile)
    )
    with st.container(border=True):
        cols = st.columns([3, 2, 2, 2, 6], vertical_alignment="center")
        role = plain(profile.role_title) or "Role not set"
        cols[0].markdown(f"**{plain(profile.company) or 'Untitled'}**  \n{role}")
        cols[1].markdown(when)
        cols[2].progress(report.ratio, text=f"Ready {report.percent}%")
        cols[3].caption(f"Edited {profile.updated_at.astimezone():%Y-%m-%d %H:%M}")
        actions = cols[4].container(horizontal=True, horizontal_alignment="right", gap="small")
        if actions.button(
            "Open",
            key=f"library.open.{profile.id}",
            disabled=is_open,
            type="primary",
            icon=":material/edit:",
        ):
            open_existing(profile.id)
            st.switch_page(section_page(SECTIONS[0].key))
        actions.button(
            "Duplicate",
            key=f"library.duplicate.{profile.id}",
            on_click=duplicate,
            args=(profile.id,),
            icon=":material/content_copy:",
        )
        actions.button(
            "Delete",
            key=f"library.delete.{profile.id}",
            icon=":material/delete:",
            on_click=_ask_delete,
            args=(profile.id,),
        )
        if st.session_state.get("library.confirm_delete") == profile.id:
            st.warning(
                f"Delete {plain(profile.title)}? Its file moves to the trash folder as a backup."
            )
            yes, no = st.columns(2)
            yes.button(
                "Yes, delete",
                key=f"library.confirm.{profile.id}",
                type="primary",
                on_click=delete,
                args=(profile.id,),
            )
            no.button(
                "Cancel", key=f"library.cancel.{profile.id}", on_click=_ask_delete, args=(None,)
            )
