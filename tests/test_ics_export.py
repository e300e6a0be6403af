"""The calendar export (iCalendar, RFC 5545), read back by icalendar and by vobject.

RFC 5545 rules checked here, on the bytes:
- 3.1 content lines end with CRLF, and no bare LF or CR is left in the file;
- 3.1 lines are folded at 75 octets (continuation lines start with one space), never inside a
  UTF-8 character;
- 3.3.11 TEXT escapes "," ";" "\\" and newlines ("\\,", "\\;", "\\\\", "\\n");
- 3.6.1 every VEVENT has exactly one UID and one DTSTAMP (in UTC, "Z") and a DTSTART;
- 3.3.4 / 3.8.2.4 an all-day event has DTSTART;VALUE=DATE and a DATE DTEND (the next day);
- 3.2.19 / 3.6.5 every TZID that a property names has its VTIMEZONE in the calendar;
- 3.7.3 / 3.7.4 PRODID and VERSION:2.0 once, at the top; 3.6.6 VALARM has ACTION and TRIGGER.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from prep_core.errors import InvalidProfile
from prep_core.formats import export
from prep_core.model import Profile, Round
from prep_core.readers.json import read as read_json

vobject = pytest.importorskip("vobject")

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
NASTY = 'Ana, Bo; "Cy" \\ Dee 🎉 Ünal'


def _profile(**kw) -> Profile:
    profile = Profile(company='Acme, Inc.; "Labs"', role_title="ML Engineer", **kw)
    profile.prep.questions = [{"text": "Why Acme?"}]
    return profile


def _rounds() -> list[Round]:
    return [
        Round(
            id="tech",
            kind="technical",
            day=date(2026, 12, 4),
            start_time=time(14, 30),
            timezone="America/New_York",
            minutes=45,
            interviewers=[{"name": NASTY, "role": "EM; lead", "note": "line one\nline two"}],
            location="https://meet.example/a?b=1,2;3",
        ),
        Round(id="site", kind="onsite", day=date(2026, 12, 10)),
        Round(
            id="utc", kind="behavioral", day=date(2026, 12, 11), start_time=time(9), timezone="UTC"
        ),
    ]


def ics(profile: Profile, now: datetime = NOW) -> bytes:
    return export(profile, "ics", now=now)


def events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


# --- RFC 5545 on the bytes --------------------------------------------------------------------


def test_lines_end_with_crlf_and_are_folded_at_75_octets():
    data = ics(_profile(rounds=_rounds()))
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(len(line) == 75 for line in lines)  # folding did happen
    for line in lines:
        line.decode("utf-8")  # no fold inside a multi-byte character


def test_text_is_escaped():
    lines = unfolded(ics(_profile(rounds=_rounds())))
    description = next(line for line in lines if line.startswith("DESCRIPTION:Technical"))
    assert 'Ana\\, Bo\\; "Cy" \\\\ Dee 🎉 Ünal (EM\\; lead — line one line two)' in description
    assert "\\nInterviewers:\\n- " in description
    assert "LOCATION:https://meet.example/a?b=1\\,2\\;3" in lines
    assert 'X-WR-CALNAME:Interview: Acme\\, Inc.\\; "Labs" — ML Engineer' in lines


def test_every_event_has_one_uid_one_utc_dtstamp_and_a_start():
    data = ics(_profile(rounds=_rounds()))
    text = data.decode().replace("\r\n ", "")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", text, re.S):
        props = [line.split(":", 1)[0].split(";", 1)[0] for line in block.split("\r\n") if line]
        assert props.count("UID") == 1 and props.count("DTSTAMP") == 1
        assert props.count("DTSTART") == 1
        assert "DTSTAMP:20261201T090000Z" in block


def test_every_tzid_has_its_vtimezone():
    text = "\n".join(unfolded(ics(_profile(rounds=_rounds()))))
    used = set(re.findall(r";TZID=([^:;]+)[:;]", text))
    defined = set(re.findall(r"^TZID:(.+)$", text, re.M))
    assert used == {"America/New_York"} and used <= defined
    assert "DTSTART:20261211T090000Z" in text  # a UTC round is written in UTC


# --- read back, field by field ----------------------------------------------------------------


def test_icalendar_reads_back_rounds_debriefs_and_alarms():
    profile = _profile(rounds=_rounds())
    found = events(ics(profile))
    tech = found[f"round-tech-{profile.id}@interview-prep-studio.local"]
    assert str(tech["SUMMARY"]) == 'Acme, Inc.; "Labs": Technical interview'
    start = tech.decoded("DTSTART")
    assert start == datetime(2026, 12, 4, 14, 30, tzinfo=ZoneInfo("America/New_York"))
    assert start.astimezone(UTC) == datetime(2026, 12, 4, 19, 30, tzinfo=UTC)
    assert tech.decoded("DTEND") - start == timedelta(minutes=45)
    assert f"- {NASTY} (EM; lead — line one line two)" in str(tech["DESCRIPTION"])
    assert str(tech["LOCATION"]) == "https://meet.example/a?b=1,2;3"
    alarms = [a.decoded("TRIGGER") for a in tech.walk("VALARM")]
    assert alarms == [timedelta(days=-1), timedelta(hours=-1)]
    assert all(str(a["ACTION"]) == "DISPLAY" for a in tech.walk("VALARM"))
    debrief = found[f"debrief-tech-{profile.id}@interview-prep-studio.local"]
    assert debrief.decoded("DTSTART") == tech.decoded("DTEND")  # right after


def test_an_all_day_round_is_a_date():
    profile = _profile(rounds=_rounds())
    site = events(ics(profile))[f"round-site-{profile.id}@interview-prep-studio.local"]
    assert site.decoded("DTSTART") == date(2026, 12, 10)
    assert not isinstance(site.decoded("DTSTART"), datetime)
    assert site.decoded("DTEND") == date(2026, 12, 11)
    assert "DTSTART;VALUE=DATE:20261210" in unfolded(ics(profile))


def test_a_profile_with_only_an_interview_date_is_one_all_day_round():
    profile = _profile(interview_date=date(2026, 12, 3))
    found = events(ics(profile))
    rounds = [e for e in found.values() if str(e["SUMMARY"]).endswith("Interview interview")]
    assert [r.decoded("DTSTART") for r in rounds] == [date(2026, 12, 3)]


def test_prep_blocks_and_the_facts_block_come_from_the_plan():
    profile = _profile(rounds=_rounds())
    profile.overview.revenue = "$2 billion (2023)"  # stale at NOW
    found = events(ics(profile))
    prep = sorted(
        (e.decoded("DTSTART"), str(e["DESCRIPTION"]))
        for u, e in found.items()
        if u.startswith("prep-")
    )
    assert [start.date() for start, _ in prep] == [
        date(2026, 12, 1),
        date(2026, 12, 2),
        date(2026, 12, 3),
    ]
    assert prep[0][0] == datetime(2026, 12, 1, 18, tzinfo=ZoneInfo("America/New_York"))
    assert "Why Acme?" in prep[0][1]
    [facts] = [e for u, e in found.items() if u.startswith("facts-")]
    assert facts.decoded("DTSTART").date() == date(2026, 12, 3)
    assert str(facts["SUMMARY"]).endswith("Re-check these 1 fact before quoting them")


# --- the second, independent parser -----------------------------------------------------------


def test_vobject_reads_the_same_events():
    profile = _profile(rounds=_rounds())
    data = ics(profile)
    parsed = vobject.readOne(data.decode("utf-8"))
    mine = {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}
    theirs = {e.uid.value: e for e in parsed.vevent_list}
    assert set(theirs) == set(mine)
    for uid, event in theirs.items():
        assert event.summary.value == str(mine[uid]["SUMMARY"])
        assert event.dtstart.value == mine[uid].decoded("DTSTART")
        assert event.dtstamp.value == NOW
    tech = theirs[f"round-tech-{profile.id}@interview-prep-studio.local"]
    assert NASTY in tech.description.value
    assert len(tech.valarm_list) == 2


# --- updates, not duplicates ------------------------------------------------------------------


def test_uids_are_stable_across_exports_and_differ_between_profiles():
    profile = _profile(rounds=_rounds())
    first = set(events(ics(profile, NOW)))
    again = set(events(ics(profile, NOW + timedelta(hours=3))))
    assert first == again
    other = set(events(ics(profile.with_new_ids(), NOW)))
    assert not first & other
    assert ics(profile) == ics(profile)  # deterministic


def test_the_sequence_follows_the_revision():
    profile = _profile(rounds=_rounds(), revision=7)
    assert all(int(e["SEQUENCE"]) == 7 for e in events(ics(profile)).values())


# --- bad input --------------------------------------------------------------------------------


def test_a_round_in_the_past_is_kept_without_prep_blocks():
    profile = _profile(rounds=[Round(id="old", day=date(2026, 11, 2), kind="recruiter_screen")])
    uids = set(events(ics(profile)))
    assert {u.split("-", 1)[0] for u in uids} == {"round", "debrief"}


def test_no_date_gives_an_empty_but_valid_calendar():
    data = ics(_profile())
    assert Calendar.from_ical(data).walk("VEVENT") == []
    assert vobject.readOne(data.decode()).name == "VCALENDAR"


def test_an_unknown_time_zone_never_reaches_the_calendar():
    text = '{"rounds": [{"day": "2026-12-03", "start_time": "10:00", "timezone": "Mars/Base"}]}'
    with pytest.raises(InvalidProfile, match="unknown time zone 'Mars/Base'"):
        read_json(text)


def test_a_hundred_rounds():
    rounds = [
        Round(
            id=f"r{n}",
            day=date(2026, 12, 2) + timedelta(n),
            start_time=time(10),
            timezone="Asia/Tokyo",
        )
        for n in range(100)
    ]
    found = events(ics(_profile(rounds=rounds)))
    assert sum(u.startswith("round-") for u in found) == 100
    assert sum(u.startswith("debrief-") for u in found) == 100


# --- daylight saving time and zone names (through `prep` as a subprocess) ---------------------


@pytest.mark.parametrize(
    ("day", "at"),
    [
        (date(2026, 3, 8), time(2, 30)),  # spring forward: 02:30 does not exist in New York
        (date(2026, 11, 1), time(1, 30)),  # fall back: 01:30 happens twice
        (date(2026, 3, 8), time(1, 30)),  # spring: ends at 02:30, which does not exist
        (date(2026, 11, 1), time(0, 45)),  # fall: ends at 01:45, which happens twice
    ],
    ids=["spring-start", "autumn-start", "spring-end", "autumn-end"],
)
def test_a_round_across_a_clock_change_keeps_its_true_length(tmp_path, day, at):
    """Before: 02:30 on the spring-forward day gave a 0-minute event and 01:30 in autumn a
    2-hour one: Round.end() added 60 minutes to the wall clock, not to the moment."""
    from prep_core.store import Store
    from tests.test_cli import prep

    data_dir = tmp_path / "data"
    rounds = [Round(id="dst", day=day, start_time=at, timezone="America/New_York", minutes=60)]
    profile = Store(data_dir).create(Profile(company="Acme", rounds=rounds))
    result = prep("export", profile.id, "--to", "ics", "-o", "-", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    data = result.stdout.encode("utf-8")
    for uid, minutes in (("round", 60), ("debrief", 30)):
        event = events(data)[f"{uid}-dst-{profile.id}@interview-prep-studio.local"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(minutes=minutes)
    intended = datetime.combine(day, at, ZoneInfo("America/New_York")).astimezone(UTC)
    round_event = events(data)[f"round-dst-{profile.id}@interview-prep-studio.local"]
    assert round_event.decoded("DTSTART").astimezone(UTC) == intended


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules", "posix/Europe/Paris"])
def test_zone_names_that_are_no_place_are_refused_on_import(tmp_path, zone):
    from tests.test_cli import prep

    source = tmp_path / "acme.md"
    source.write_text(
        f"# Company Profile: Acme\n\n- **Interview rounds**:\n  - 2026-12-03 10:00 {zone}\n",
        encoding="utf-8",
    )
    result = prep("import", str(source), data_dir=tmp_path / "data")
    assert (result.returncode, result.stdout) == (2, "")
    assert f"unknown time zone {zone!r}: use an IANA name such as Europe/London" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "data" / "profiles").exists()
