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
