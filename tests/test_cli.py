"""The ``prep`` command: output, exit codes and one-line errors, in-process and as a subprocess."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, date, datetime
from importlib.metadata import version
from pathlib import Path

import pytest

from prep_core import cli
from prep_core import store as store_module
from prep_core.completeness import completeness
from prep_core.formats import FORMAT_NAMES
from prep_core.model import Profile, Question
from prep_core.store import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "netflix.md"
EDITED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("isolated")  # every test: its own data and exports folders


@pytest.fixture
def store(isolated) -> Store:
    return Store(isolated)


@pytest.fixture
def saved(store, monkeypatch) -> Profile:
    """One profile in the store, last edited at ``EDITED``."""
    monkeypatch.setattr(store_module, "utc_now", lambda: EDITED)
    profile = Profile(company="Acme", role_title="Data Engineer", interview_date=date(2026, 12, 3))
    profile.overview.founded = "1999"
    profile.prep.questions = [Question(text="Why Acme?", answer="Pipelines.")]
    return store.create(profile)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """``main(argv)`` in-process: exit code, stdout, stderr (argparse exits count as returns)."""
    try:
        code = cli.main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, out: str, err: str, message: str) -> None:
    assert code == 2
    assert out == ""
    assert err == f"prep: error: {message}\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- help and version -------------------------------------------------------------------------


def test_the_parser_has_exactly_the_registered_commands():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, type(parser._subparsers._actions[-1])))
    assert list(sub.choices) == [c.name for c in cli.COMMANDS]


@pytest.mark.parametrize("command", cli.COMMANDS, ids=lambda c: c.name)
def test_every_command_has_help(capsys, command):
    code, out, err = run(capsys, command.name, "--help")
    assert (code, err) == (0, "")
    assert out.startswith(f"usage: prep {command.name} ")
    assert command.help in out
    assert len(command.help) > 10


def test_top_level_help_lists_every_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in cli.COMMANDS:
        assert f"    {command.name}" in out and command.help in out


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert (code, out) == (0, f"prep {version('interview-prep-studio')}\n")


def test_export_offers_exactly_the_registered_formats(capsys):
    _, out, _ = run(capsys, "export", "--help")
    assert "--to {" + ",".join(FORMAT_NAMES) + "}" in out


# --- list -------------------------------------------------------------------------------------


def test_list_prints_a_table_and_warning_rows(capsys, store, saved):
    (store.folder / "broken.json").write_text("{")
    code, out, err = run(capsys, "list")
    edited = EDITED.astimezone().strftime("%Y-%m-%d %H:%M")
    percent = f"{completeness(saved).percent}%"
    header, row, warning = out.splitlines()
    assert (code, err) == (0, "")
    assert header.split() == [
        "ID",
        "NAME",
        "COMPANY",
        "ROLE",
        "INTERVIEW",
        "READY",
        "LAST",
        "EDITED",
    ]
    assert row.split() == [
        saved.id,
        "acme",  # the short name commands take: the company alone while it is the only one
        "Acme",
        "Data",
        "Engineer",
        "2026-12-03",
        percent,
        *edited.split(),
    ]
    assert row.index("Acme") == header.index("COMPANY")  # columns line up
    assert warning.startswith("warning: broken.json: not valid JSON: ")
    assert warning.endswith(" (not loaded; the file was left as it is)")


def test_list_of_an_empty_folder_says_how_to_import(capsys, isolated, monkeypatch):
    monkeypatch.setattr(cli.profiles, "SAMPLE_PATH", isolated / "no-sample.md")
    code, out, _ = run(capsys, "list")
    assert (code, out) == (
        0,
        f"No profiles in {isolated / 'profiles'}. Import one with: prep import FILE\n",
    )


def test_data_dir_flag_wins_over_the_environment(capsys, tmp_path, saved):
    other = Store(tmp_path / "other")
    other_profile = other.create(Profile(company="Other"))
    _, out, _ = run(capsys, "--data-dir", str(other.data_dir), "list")
    assert other_profile.id in out and saved.id not in out


# --- check ------------------------------------------------------------------------------------


def test_check_prints_a_table_per_section(capsys, saved):
    report = completeness(saved)
    code, out, err = run(capsys, "check", saved.slug)
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[0] == (
        f"Acme — Data Engineer: {report.percent}% complete ({report.filled}/{report.total} fields)"
    )
    assert lines[1] == "Drafted answers: 1 of 1 questions"
    assert lines[2] == "Rehearsed answers: 0 of 1 questions (0 weak, 0 attempts)"
    assert lines[4].split() == ["SECTION", "FILLED", "MISSING"]
    assert len(lines) == 5 + len(report.sections)
    overview = next(line for line in lines if line.startswith("Company Overview"))
    section = report.section("overview")
    assert f"{len(section.filled)}/{section.total}" in overview
    assert "Headquarters, Size" in overview and "Founded" not in overview


def test_check_json_is_the_report(capsys, saved):
    code, out, _ = run(capsys, "check", saved.id, "--json")
    assert code == 0
    practice = {"questions": 1, "practised": 0, "weak": 0, "rehearsed": 0, "attempts": 0}
    # no posting yet: no requirements
    fit = {"requirements": [], "must_covered": 0, "must_in_progress": 0, "must_total": 0}
    assert json.loads(out) == completeness(saved).to_dict() | {
        "practice": practice,
        "coverage": fit,
    }


# --- errors: one line, exit 2, nothing changed ------------------------------------------------


def test_unknown_profile(capsys, store, saved):
    before = snapshot(store.data_dir)
    code, out, err = run(capsys, "check", "nobody")
    assert_one_line_error(
        code,
        out,
        err,
        f"no profile 'nobody' in {store.folder}; profiles: {saved.id} ({store.slugs()[saved.id]})",
    )
    assert snapshot(store.data_dir) == before


@pytest.mark.parametrize("ref", ["../../etc/passwd-like", "Not-A-Slug"])
def test_hostile_or_malformed_refs(capsys, saved, ref):
    code, out, err = run(capsys, "show", ref)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("prep: error: ")


@pytest.mark.parametrize("ref", ["a\x01b", "Bad Name", "_x"])
def test_a_malformed_ref_on_first_use_writes_nothing(capsys, isolated, ref):
    code, out, err = run(capsys, "check", ref)
    assert_one_line_error(
        code, out, err, f"{ref!r} is not a profile id or slug (lower-case letters, digits, - and _)"
    )
    assert not isolated.exists()


def test_a_missing_file(capsys, saved):
    code, out, err = run(capsys, "export", "missing/profile.md", "--to", "md")
    assert_one_line_error(code, out, err, "missing/profile.md: no such file")


def test_unknown_format(capsys, saved):
    code, out, err = run(capsys, "export", saved.id, "--to", "pdf")
    choices = ", ".join(repr(name) for name in FORMAT_NAMES)
    assert code == 2 and out == ""
    assert err == (
        f"prep: error: argument --to: invalid choice: 'pdf' (choose from {choices}) "
        "(see 'prep export --help')\n"
    )


def test_a_variant_the_format_does_not_have(capsys, saved, tmp_path):
    code, out, err = run(capsys, "export", saved.id, "--to", "md", "--variant", "fancy")
    assert_one_line_error(code, out, err, "format 'md' has no variant 'fancy'; variants: none")
    assert not (tmp_path / "exports").exists()


def test_sections_only_for_formats_that_take_them(capsys, saved):
    code, out, err = run(capsys, "export", saved.id, "--to", "md", "--sections", "overview")
    assert_one_line_error(code, out, err, "format 'md' does not take --sections")


def test_sections_and_variant_reach_the_writer(capsys, saved, tmp_path, monkeypatch):
    from prep_core import formats

    calls = []

    def fake_export(profile, fmt, *, now, **options):
        assert options.pop("insight").profile.id == profile.id  # computed once, by the CLI
        calls.append((profile.id, fmt, options))
        return b"exported"

    monkeypatch.setattr(formats, "export", fake_export)
    target = tmp_path / "deck.apkg"
    args = ["--to", "apkg", "--sections", " overview, prep ", "-o", str(target)]
    assert run(capsys, "export", saved.id, *args) == (0, f"{target}\n", "")
    run(capsys, "export", saved.id, "--to", "docx", "--variant", "cheatsheet", "-o", "-")
    assert calls == [
        (saved.id, "apkg", {"sections": ["overview", "prep"]}),
        (saved.id, "docx", {"variant": "cheatsheet"}),
    ]
    assert target.read_bytes() == b"exported"
    assert target.stat().st_mode & 0o777 == 0o644


def test_a_binary_format_is_not_written_to_a_terminal(capsys, saved, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "export", saved.id, "--to", "docx", "-o", "-")
    message = "Word document is binary; write it to a file with -o PATH, or pipe it"
    assert_one_line_error(code, out, err, message)


def test_an_unknown_section(capsys, saved):
    code, _, err = run(capsys, "export", saved.id, "--to", "apkg", "--sections", "overview,nope")
    assert code == 2 and err.startswith("prep: error: unknown section 'nope'; sections: basics, ")


def test_stray_arguments_are_refused(capsys, saved):
    code, out, err = run(capsys, "list", "--colour")
    assert code == 2 and out == ""
    assert err == "prep: error: unrecognized arguments: --colour (see 'prep --help')\n"


def test_interrupt_exits_130_quietly(capsys, saved, monkeypatch):
    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "entries", interrupted)
    assert run(capsys, "list") == (130, "", "")


def test_app_before_the_dashboard_exists(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(cli.app, "APP_PATH", tmp_path / "app.py")
    code, out, err = run(capsys, "app")
    assert (code, out) == (2, "")
    assert err == f"prep: the dashboard is not built yet ({tmp_path / 'app.py'} does not exist)\n"


def test_app_runs_streamlit_on_localhost_with_the_data_dir(capsys, tmp_path, monkeypatch):
    from streamlit.web import cli as streamlit_cli

    seen = {}
    app = tmp_path / "app.py"
    app.write_text("")
    monkeypatch.setattr(cli.app, "APP_PATH", app)
    monkeypatch.setattr(sys, "argv", ["prep"])
    monkeypatch.setattr(
        streamlit_cli, "main", lambda: seen.update(argv=sys.argv[:], cwd=os.getcwd()) or 0
    )
    monkeypatch.chdir(tmp_path.parent)
    code, _, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "app", "--server.port", "8999")
    assert code == 0
    assert seen["cwd"] == str(tmp_path)  # where .streamlit/config.toml sits beside app.py
    assert seen["argv"] == [
        "streamlit",
        "run",
        str(app),
        "--server.port",
        "8999",
        "--server.address",
        "localhost",
    ]
    assert os.environ["PREP_DATA_DIR"] == str(tmp_path / "d")


# --- commands that read and write files -----------------------------------------------------


def test_export_json_to_a_file_and_to_stdout(capsys, saved, tmp_path):
    target = tmp_path / "out" / "acme.json"
    code, out, err = run(capsys, "export", saved.id, "--to", "json", "-o", str(target))
    assert (code, out, err) == (0, f"{target}\n", "")
    assert Profile.model_validate_json(target.read_text()) == saved
    code, out, _ = run(capsys, "export", saved.id, "--to", "json", "-o", "-")
    assert code == 0 and Profile.model_validate_json(out) == saved


def test_export_without_output_writes_into_exports(capsys, saved, tmp_path):
    code, out, _ = run(capsys, "export", saved.id, "--to", "json")
    written = Path(out.strip())
    assert code == 0
    assert written.parent == tmp_path / "exports"
    assert written.name.startswith("acme-data-engineer-") and written.suffix == ".json"
    assert Profile.model_validate_json(written.read_text()).id == saved.id


def test_export_to_an_unwritable_place(capsys, saved, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = run(capsys, "export", saved.id, "--to", "json", "-o", str(blocker / "x.json"))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith(f"prep: error: cannot write {blocker / 'x.json'}: ")
    assert blocker.read_text() == "x"


def test_import_prints_the_id_and_title(capsys, store):
    code, out, err = run(capsys, "import", str(SAMPLE))
    (profile,) = store.profiles()
    assert (code, out, err) == (0, f"{profile.id}  {profile.title}\n", "")
    assert profile.company == "Netflix"


def test_a_bad_file(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"company": 42')
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("prep: error: ") and "bad.json" in err


def test_list_on_first_use_creates_nothing_and_names_the_sample(capsys, isolated):
    # Issue 9.7: read-only commands create nothing (list used to import the sample).
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    assert out == (
        f"No profiles in {isolated / 'profiles'}. Import one with: prep import FILE "
        f"(the sample: prep import {SAMPLE})\n"
    )
    assert not isolated.exists()


def test_show_prints_the_markdown(capsys, saved):
    from prep_core import write_markdown

    code, out, _ = run(capsys, "show", saved.slug)
    assert code == 0
    assert out.rstrip("\n") == write_markdown(saved).rstrip("\n")
    assert out.startswith("# Company Profile: Acme")


# --- as a real process ------------------------------------------------------------------------


def prep(*argv: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PREP_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "prep_core", *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_subprocess_help_and_errors(isolated):
    assert prep("--help", data_dir=isolated).returncode == 0
    result = prep("show", "missing/file.md", data_dir=isolated)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "prep: error: missing/file.md: no such file\n"
    result = prep("export", "x", "--to", "pdf", data_dir=isolated)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_help_imports_nothing_heavy():
    code = (
        "import sys\n"
        "from prep_core.cli import main\n"
        "try:\n    main(['export', '--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'pydantic', 'streamlit', 'docx', 'genanki', 'anki', 'markdown_it'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_import_then_export_md_reproduces_the_sample(tmp_path, isolated):
    from prep_core.readers.markdown import read
    from prep_core.writers.markdown import markdown_view

    imported = prep("import", str(SAMPLE), data_dir=isolated)
    assert imported.returncode == 0, imported.stderr
    profile_id, title = imported.stdout.rstrip("\n").split("  ", 1)
    seed = read(SAMPLE.read_text(encoding="utf-8"))
    assert title == seed.title and seed.company == "Netflix"
    target = tmp_path / "netflix.md"
    exported = prep("export", profile_id, "--to", "md", "-o", str(target), data_dir=isolated)
    assert (exported.returncode, exported.stdout, exported.stderr) == (0, f"{target}\n", "")
    again = read(target.read_text(encoding="utf-8"))
    assert markdown_view(again) == markdown_view(seed)
    assert len(again.prep.questions) == len(seed.prep.questions) > 0


# --- import twice, restore ------------------------------------------------------------------


def test_importing_the_same_file_again_is_refused_unless_copy(capsys, store):
    code, out, _ = run(capsys, "import", str(SAMPLE))
    first_id = out.split()[0]
    before = snapshot(store.data_dir)
    code, out, err = run(capsys, "import", str(SAMPLE))
    assert_one_line_error(
        code,
        out,
        err,
        f"{SAMPLE}: already imported as Netflix (id {first_id}); --copy imports it again",
    )
    assert snapshot(store.data_dir) == before
    code, out, err = run(capsys, "import", "--copy", str(SAMPLE))
    copy = store.load(out.split()[0])
    assert (code, err, copy.company) == (0, "", "Netflix (copy)")


def test_restore_lists_the_trash_then_restores(capsys, store, saved, monkeypatch):
    deleted = datetime(2026, 11, 21, 8, 15, tzinfo=UTC)
    monkeypatch.setattr(store_module, "utc_now", lambda: deleted)
    store.delete(saved.id)
    code, out, err = run(capsys, "restore")
    header, row = out.splitlines()
    assert (code, err) == (0, "")
    assert header.split() == ["ID", "COMPANY", "ROLE", "DELETED"]
    when = deleted.astimezone().strftime("%Y-%m-%d %H:%M")
    assert row.split() == [saved.id, "Acme", "Data", "Engineer", *when.split()]
    code, out, _ = run(capsys, "restore", "--json")
    assert json.loads(out) == [
        {
            "id": saved.id,
            "company": "Acme",
            "role": "Data Engineer",
            "deleted_at": deleted.isoformat(),
        }
    ]
    code, out, err = run(capsys, "restore", saved.id)
    assert (code, out, err) == (0, f"{saved.id}  {saved.title}\n", "")
    assert store.load(saved.id) == saved
    code, out, err = run(capsys, "restore")
    assert (code, out) == (0, f"The trash is empty ({store.folder / '.trash'}).\n")
    code, out, err = run(capsys, "restore", saved.id)
    assert_one_line_error(code, out, err, f"a profile with the id '{saved.id}' exists already")


def test_duplicate_json_keys_are_a_warning_line(capsys, store, saved, tmp_path):
    # Issue 9.10: the last value used to win silently.
    path = store.folder / f"{saved.id}.json"
    text = path.read_text()
    path.write_text(text.replace('"company": "Acme"', '"company": "First", "company": "Acme"'))
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        f"warning: {saved.id}.json: duplicate key 'company': the last value was used"
    )
    dup = tmp_path / "dup.json"
    dup.write_text(text.replace('"company": "Acme"', '"company": "Acme", "company": "Other"'))
    code, out, err = run(capsys, "import", str(dup))
    assert code == 0 and out.endswith("  Other — Data Engineer\n")
    assert err == f"prep: warning: {dup}: duplicate key 'company': the last value was used\n"


# --- read-only commands, -o and one-line errors under attack (issue 9.7, 9.9) ----------------


@pytest.mark.parametrize(
    "argv",
    [["show", "netflix"], ["check", "netflix"], ["list"], ["export", "netflix", "--to", "md"]],
    ids=lambda argv: argv[0],
)
def test_a_mistyped_data_dir_creates_nothing(capsys, tmp_path, argv):
    typo = tmp_path / "dtaa"
    code, _, err = run(capsys, "--data-dir", str(typo), *argv)
    assert code in (0, 2) and "Traceback" not in err
    assert not typo.exists()
    assert not (tmp_path / "exports").exists()


def test_output_onto_a_fifo_or_device_is_refused(capsys, saved, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link-to-pipe.md"
    link.symlink_to(fifo)
    for target in (fifo, link):
        code, out, err = run(capsys, "export", saved.id, "--to", "md", "-o", str(target))
        assert_one_line_error(
            code, out, err, f"cannot write {target}: not a regular file; give a new path or a file"
        )
        assert fifo.is_fifo() and link.is_symlink()


def test_output_onto_a_device_node_is_refused(capsys, saved, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # like /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    code, out, err = run(capsys, "export", saved.id, "--to", "md", "-o", str(device))
    assert code == 2 and out == "" and "not a regular file" in err
    assert stat.S_ISCHR(device.stat().st_mode)


def test_output_into_the_data_folder_is_refused(capsys, store, saved, tmp_path):
    stored = store.folder / f"{saved.id}.json"
    before = snapshot(store.data_dir)
    outside_link = tmp_path / "innocent.md"
    outside_link.symlink_to(stored)
    for target in (stored, store.data_dir / "notes.md", store.folder, outside_link):
        code, out, err = run(capsys, "export", saved.id, "--to", "md", "-o", str(target))
        assert code == 2 and out == "" and err.count("\n") == 1, err
        assert err.endswith("is inside the data folder; write exports elsewhere\n"), err
    assert snapshot(store.data_dir) == before
    assert store.load(saved.id) == saved


LONG = "x" * 300


@pytest.mark.parametrize(
    "argv",
    [
        ["show", LONG],
        ["check", LONG],
        ["export", LONG, "--to", "md"],
        ["export", "{id}", "--to", "md", "-o", f"/tmp/{LONG}.md"],
        ["--data-dir", f"/tmp/{LONG}", "list"],
        ["--data-dir", f"/tmp/{LONG}", "show", "acme"],
        ["--data-dir", f"/tmp/{LONG}", "import", str(SAMPLE)],
        ["import", f"{LONG}.md"],
    ],
)
def test_over_long_names_are_one_line_errors(capsys, saved, argv):
    argv = [arg.replace("{id}", saved.id) for arg in argv]
    code, out, err = run(capsys, *argv)
    assert code in (0, 2), err
    if code == 2:
        assert out == "" and err.count("\n") == 1 and err.startswith("prep: error: "), err
    assert "Traceback" not in err and "OSError" not in err


def test_control_characters_in_messages_are_escaped_on_one_line(capsys, store, saved, tmp_path):
    bad = tmp_path / "keys.json"
    bad.write_text(json.dumps({"company": "A", "\x1b[31mred\nline": 1}))
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2 and err.count("\n") == 1 and "\x1b" not in err
    assert "\\x1b[31mred\\nline" in err
    (store.folder / "evil\x1b[2J\nname.json").write_text("{")
    code, out, err = run(capsys, "list")
    warning = out.splitlines()[-1]
    assert warning.startswith("warning: evil\\x1b[2J\\nname.json: not valid JSON")
    assert "\x1b" not in out


def test_show_of_a_deeply_nested_file_prints_each_heading_once(capsys, tmp_path):
    # Issue 9.4: under a list ten levels deep, show printed the Mission heading twice.
    lines = ["# Company Profile: Deep", "", "## Company Overview", ""]
    lines += ["  " * i + f"- level {i + 1}" for i in range(10)]
    lines += ["", "## Company Mission and Values", "", "- **Mission Statement**: Be good"]
    path = tmp_path / "deep.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    assert out.count("## Company Mission and Values") == 1
    assert "- **Mission statement**: Be good" in out and "level 10" in out
