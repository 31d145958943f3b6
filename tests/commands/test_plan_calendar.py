"""`circuit-timer plan calendar FILE.ics`: the active plan's sessions left and the race,
read back with the icalendar library and with a reader of our own, on the dates that
`plan status --json` gives."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from tests.commandline import Cli

RACE = "2026-12-20"
START = "2026-11-22"


# -- a second reader, independent of the icalendar library ---------------------------------


@dataclass
class Component:
    """One BEGIN/END block: its properties as (name, params, value), and its children."""

    name: str
    props: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def one(self, name: str) -> tuple[dict[str, str], str]:
        found = [(params, value) for n, params, value in self.props if n == name]
        assert len(found) == 1, (name, found)
        return found[0]

    def value(self, name: str) -> str:
        return self.one(name)[1]


def unfold(data: bytes) -> list[str]:
    """RFC 5545 3.1: lines end in CRLF, and a CRLF followed by a space or a tab is a fold."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no bare line feeds
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def split_line(line: str) -> tuple[str, dict[str, str], str]:
    """ "NAME;P=V;Q=\"a:b\":value" -> (NAME, {P: V, Q: a:b}, value): the first colon
    outside double quotes ends the name and parameters."""
    quoted = False
    for at, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:at], line[at + 1 :]
            break
    else:
        raise AssertionError(f"no value in {line!r}")
    name, *params = head.split(";")
    pairs = dict(p.split("=", 1) for p in params)
    return name.upper(), {k.upper(): v.strip('"') for k, v in pairs.items()}, value


def unescape(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): \\n, \\N, \\\\, \\; and \\, back to their characters."""
    return re.sub(r"\\([nN\\;,])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def read(data: bytes) -> Component:
    """The VCALENDAR in ``data``."""
    stack: list[Component] = []
    top: Component | None = None
    for line in unfold(data):
        name, params, value = split_line(line)
        if name == "BEGIN":
            stack.append(Component(value))
        elif name == "END":
            done = stack.pop()
            assert done.name == value
            if stack:
                stack[-1].children.append(done)
            else:
                top = done
        else:
            stack[-1].props.append((name, params, value))
    assert top is not None and not stack
    return top


def all_day(event: Component, name: str) -> date:
    params, value = event.one(name)
    assert params.get("VALUE") == "DATE", (name, params)
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))


# -- helpers -------------------------------------------------------------------------------


def start_plan(cli: Cli) -> None:
    cli.ok("plan", "start", "pf-crash-course-4-weeks", "--race-date", RACE, "--as-of", START)


def write(cli: Cli, path: Path, *extra: str) -> bytes:
    cli.ok("plan", "calendar", str(path), *extra)
    return path.read_bytes()


def remaining_dates(cli: Cli, as_of: str) -> list[date]:
    status = json.loads(cli.ok("plan", "status", "--json", "--as-of", as_of))
    return [
        date.fromisoformat(s["date"])
        for s in status["sessions"]
        if s["date"] >= as_of and s["status"] != "done"
    ]


def sessions_of(calendar: Component) -> list[Component]:
    return [c for c in calendar.children if c.name == "VEVENT" and "-race@" not in c.value("UID")]


# -- tests ---------------------------------------------------------------------------------


def test_one_event_per_session_left_on_the_dates_plan_status_gives(
    cli: Cli, tmp_path: Path
) -> None:
    start_plan(cli)
    # Today's session done: it is not left, so it is not in the calendar.
    cli.ok("log", "pf-crash-course", "--date", "2026-11-25", "--as-of", "2026-11-25")
    expected = remaining_dates(cli, "2026-11-25")
    assert date(2026, 11, 25) not in expected and len(expected) >= 10
    data = write(cli, tmp_path / "plan.ics", "--as-of", "2026-11-25")

    ours = read(data)
    assert ours.name == "VCALENDAR" and ours.value("VERSION") == "2.0"
    events = sessions_of(ours)
    assert [all_day(e, "DTSTART") for e in events] == expected
    assert all(all_day(e, "DTEND") == all_day(e, "DTSTART") + timedelta(days=1) for e in events)

    theirs = icalendar.Calendar.from_ical(data)
    parsed = [e for e in theirs.walk("VEVENT") if "-race@" not in str(e["UID"])]
    assert [e["DTSTART"].dt for e in parsed] == expected
    # The two readers agree on every event's text.
    for mine, other in zip(events, parsed, strict=True):
        assert unescape(mine.value("SUMMARY")) == str(other["SUMMARY"])
        assert unescape(mine.value("DESCRIPTION")) == str(other["DESCRIPTION"])
        assert mine.value("UID") == str(other["UID"])


def test_the_race_is_an_all_day_event(cli: Cli, tmp_path: Path) -> None:
    start_plan(cli)
    data = write(cli, tmp_path / "plan.ics", "--as-of", START)
    [race] = [c for c in read(data).children if c.value("UID").endswith("-race@circuit-timer")]
    assert all_day(race, "DTSTART") == date(2026, 12, 20)
    assert unescape(race.value("SUMMARY")) == "Race day"
    assert unescape(race.value("DESCRIPTION")) == (
        "Sun 20 Dec 2026: the race your plan counts back from "
        "(Plantar fasciitis crash course, 3-4 weeks to race day)."
    )
    [theirs] = [
        e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if e["SUMMARY"] == "Race day"
    ]
    assert theirs["DTSTART"].dt == date(2026, 12, 20)
    assert theirs["DTSTART"].params["VALUE"] == "DATE"


def test_a_session_says_its_circuit_dose_and_what_the_plan_changes(
    cli: Cli, tmp_path: Path
) -> None:
    start_plan(cli)
    events = sessions_of(read(write(cli, tmp_path / "plan.ics", "--as-of", START)))
    by_day = {all_day(e, "DTSTART"): e for e in events}
    # 18 days out: week 2, half the sets, on the pf-crash-course circuit.
    week_two = by_day[date(2026, 12, 2)]
    assert unescape(week_two.value("SUMMARY")) == "Plantar fasciitis crash course"
    text = unescape(week_two.value("DESCRIPTION"))
    assert "(pf-crash-course)" in text and "2 weeks out" in text
    assert "- half the sets" in text
    assert "- Single-leg glute bridge: 10 reps, each side" in text
    # The laddered heel raise: no number the runner has not earned, the plan's start.
    assert "the dose follows your last sessions' reps and pain" in text
    assert "The plan starts at 3 x 12" in text
    assert "5 x 8" not in text


def test_writing_twice_gives_the_same_uids(cli: Cli, tmp_path: Path) -> None:
    start_plan(cli)
    first = read(write(cli, tmp_path / "a.ics", "--as-of", START))
    second = read(write(cli, tmp_path / "b.ics", "--as-of", START))
    uids = [e.value("UID") for e in first.children]
    assert uids == [e.value("UID") for e in second.children]
    assert len(set(uids)) == len(uids) == len(remaining_dates(cli, START)) + 1
    # Written again over itself: the same file, apart from when it was made.
    again = read(write(cli, tmp_path / "a.ics", "--as-of", START))
    assert [e.value("UID") for e in again.children] == uids


def test_remind_adds_an_alarm_at_that_time_on_each_session_day(cli: Cli, tmp_path: Path) -> None:
    start_plan(cli)
    data = write(cli, tmp_path / "plan.ics", "--remind", "7:30", "--as-of", START)
    events = sessions_of(read(data))
    for event in events:
        [alarm] = event.children
        assert alarm.name == "VALARM" and alarm.value("ACTION") == "DISPLAY"
        assert alarm.value("TRIGGER") == "PT7H30M"
    race = [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")][-1]
    assert race["SUMMARY"] == "Race day" and not race.walk("VALARM")
    alarms = icalendar.Calendar.from_ical(data).walk("VALARM")
    assert len(alarms) == len(events)
    assert {a["TRIGGER"].dt for a in alarms} == {timedelta(hours=7, minutes=30)}


def test_without_remind_there_is_no_alarm(cli: Cli, tmp_path: Path) -> None:
    start_plan(cli)
    data = write(cli, tmp_path / "plan.ics", "--as-of", START)
    assert b"VALARM" not in data


@pytest.mark.parametrize("bad", ["24:00", "7.30", "07:60", "seven", "", "1:5"])
def test_a_bad_remind_is_one_line(cli: Cli, tmp_path: Path, bad: str) -> None:
    start_plan(cli)
    status, out, err = cli.run("plan", "calendar", str(tmp_path / "x.ics"), "--remind", bad)
    assert status == 1 and out == ""
    assert err.splitlines() == [f"circuit-timer: --remind must be a time of day like 07:30, "
                                f"not {bad!r}"]  # fmt: skip
    assert not (tmp_path / "x.ics").exists()


def test_without_a_plan_it_says_so_in_one_line(cli: Cli, tmp_path: Path) -> None:
    status, out, err = cli.run("plan", "calendar", str(tmp_path / "x.ics"))
    assert status == 1 and out == ""
    assert len(err.splitlines()) == 1 and "no active plan" in err
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize("where", ["missing/plan.ics", "."])
def test_an_unwritable_path_is_one_line(cli: Cli, tmp_path: Path, where: str) -> None:
    start_plan(cli)
    status, out, err = cli.run("plan", "calendar", str(tmp_path / where), "--as-of", START)
    assert status == 1 and out == ""
    assert len(err.splitlines()) == 1 and "cannot write" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [tmp_path / "home"]  # no temporary file left behind


def test_it_says_what_it_wrote(cli: Cli, tmp_path: Path) -> None:
    start_plan(cli)
    path = tmp_path / "plan.ics"
    out = cli.ok("plan", "calendar", str(path), "--remind", "06:45", "--as-of", START)
    count = len(remaining_dates(cli, START))
    assert out == (
        f"Wrote {count} sessions (Sun 22 Nov to Thu 17 Dec), each with a reminder at 06:45, "
        f"and the race on Sun 20 Dec 2026, to {path}.\n"
    )
