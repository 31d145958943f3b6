"""The history export file's models: what an import accepts, checked whole before anything
is written (strict types, known keys only, pain 0-10, dates with their time zone)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from circuit_timer.core.history_file import FILE_FORMAT, FILE_VERSION, HistoryFile

STAMP = "2026-11-24T21:30:00+00:00"


def export(**changes: Any) -> dict[str, Any]:
    session = {
        "uuid": "s1",
        "circuit_id": "pf-crash-course",
        "started_at": STAMP,
        "local_date": "2026-11-24",
        "status": "completed",
        "pain_after": 3,
    }
    a_set = {
        "session_uuid": "s1",
        "block": 0,
        "round": 1,
        "exercise_id": "bridge",
        "set_number": 1,
        "side": "left",
        "reps_done": 12,
        "recorded_at": STAMP,
    }
    data: dict[str, Any] = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "exported_at": STAMP,
        "sessions": [session],
        "sets": [a_set],
        "pain_entries": [
            {
                "uuid": "p1",
                "date": "2026-11-24",
                "kind": "morning",
                "value": 2,
                "recorded_at": STAMP,
            }
        ],
        "settings": {"volume": "80"},
    }
    for path, value in changes.items():
        *parents, key = path.split("__")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[key] = value
    return data


def load(data: dict[str, Any]) -> HistoryFile:
    return HistoryFile.model_validate_json(json.dumps(data))


def test_a_whole_export_reads_back_with_its_rows() -> None:
    read = load(export())
    assert [s.uuid for s in read.sessions] == ["s1"] and read.sessions[0].pain_after == 3
    assert read.sets[0].side == "left" and read.sets[0].test is None  # not said: decided later
    assert read.pain_entries[0].value == 2 and read.settings == {"volume": "80"}
    assert read.plan_enrolments == []


def test_a_version_1_file_is_read_and_a_newer_one_refused() -> None:
    assert load(export(version=1)).version == 1
    with pytest.raises(ValidationError, match="version"):
        load(export(version=FILE_VERSION + 1))
    with pytest.raises(ValidationError, match="format"):
        load(export(format="something-else"))


@pytest.mark.parametrize(
    "change",
    [
        {"sessions__0__pain_after": 11},  # pain is 0-10
        {"pain_entries__0__value": -1},
        {"pain_entries__0__kind": "evening"},
        {"sessions__0__status": "in_progress"},  # an unfinished session is never exported
        {"sessions__0__started_at": "2026-11-24T21:30:00"},  # no time zone
        {"sets__0__round": 0},
        {"sets__0__side": "both"},
        {"sets__0__reps_done": "12"},  # strict: a number, not a string
        {"sessions__0__colour": "red"},  # unknown key
        {"sessions__0__uuid": ""},
    ],
)
def test_a_bad_row_refuses_the_whole_file(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        load(export(**change))


def test_rows_read_are_frozen() -> None:
    row = load(export()).sessions[0]
    with pytest.raises(ValidationError):
        row.pain_after = 4


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        ({"sets__0__reps_done": 2**63 - 1}, ("sets", 0, "reps_done"),
         f"must be from 0 to 1000, not {2**63 - 1}"),
        ({"sets__0__seconds": float("nan")}, ("sets", 0, "seconds"),
         "must be from 0.0 to 86400.0, not nan"),
        ({"sessions__0__local_date": "9999-12-31"}, ("sessions", 0, "local_date"),
         "must be from 1970-01-01 to 2100-12-31, not 9999-12-31"),
        ({"sessions__0__started_at": "0001-01-01T00:00:00+00:00"},
         ("sessions", 0, "started_at"),
         "must be from 1970-01-01 to 2100-12-31, not 0001-01-01 00:00:00+00:00"),
        ({"sessions__0__plan_week": -1}, ("sessions", 0, "plan_week"),
         "must be from 0 to 52, not -1"),
    ],
)  # fmt: skip
def test_every_number_and_date_has_a_range_said_in_words(
    change: dict[str, Any], where: tuple[object, ...], message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        load(export(**change))
    [error] = raised.value.errors()
    assert (error["loc"], error["msg"]) == (where, message)


def test_a_race_over_two_years_after_its_plan_began_is_refused() -> None:
    enrolment = {"uuid": "e1", "plan_id": "p", "race_date": "2028-11-25",
                 "started_on": "2026-11-24", "created_at": STAMP}  # fmt: skip
    with pytest.raises(ValidationError, match=r"at most two years after started_on \(2028-11-23\)"):
        load(export(plan_enrolments=[enrolment]))
    load(export(plan_enrolments=[dict(enrolment, race_date="2028-11-23")]))
