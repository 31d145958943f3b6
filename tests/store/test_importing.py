"""Import read as a stream: every number and date bounded (named, with its range), and a
bad file changes nothing whatever the layout it is written in."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.core.records import CompletedSet
from circuit_timer.store import importing
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import import_file
from circuit_timer.store.transfer import export_data

BIG = 2**63 - 1


def clock() -> datetime:
    return datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def an_export(tmp_path: Path) -> dict[str, Any]:
    with HistoryStore(tmp_path / "source.db", now=clock) as store:
        uid = store.start_session("pf-crash-course", local_date=date(2026, 11, 20), plan_week=3)
        store.record_set(
            uid, CompletedSet(block=0, round=1, exercise_id="heel-raise", set_number=1,
            side="left", reps_target=12, reps_done=12, seconds=40.0),
        )  # fmt: skip
        store.finish_session(uid, "completed", pain_during=2, pain_after=3)
        store.add_pain(date(2026, 11, 21), "morning", 4)
        store.enrol("pf-crash-course-4-weeks", date(2026, 12, 20), date(2026, 11, 20))
        store.set_setting("weekly_target", "4")
        data: dict[str, Any] = json.loads(json.dumps(export_data(store)))
    return data


def import_into_empty(tmp_path: Path, data: dict[str, Any], name: str = "in.json") -> str:
    """The error an import of ``data`` gives; the target history stays empty."""
    source = tmp_path / name
    source.write_text(json.dumps(data, indent=2))
    with HistoryStore(tmp_path / "target.db", now=clock) as store:
        before = export_data(store)
        with pytest.raises(StoreError) as raised:
            import_file(store, source)
        after = export_data(store)
    assert {k: v for k, v in after.items() if k != "exported_at"} == {
        k: v for k, v in before.items() if k != "exported_at"
    }
    return str(raised.value)


@pytest.mark.parametrize(
    ("table", "field", "value", "message"),
    [
        ("sets", "reps_done", BIG, f"sets[0].reps_done: must be from 0 to 1000, not {BIG}"),
        ("sets", "reps_target", 1001, "sets[0].reps_target: must be from 0 to 1000, not 1001"),
        ("sets", "reps_done", -1, "sets[0].reps_done: must be from 0 to 1000, not -1"),
        ("sets", "seconds", 1e300, "sets[0].seconds: must be from 0.0 to 86400.0"),
        ("sets", "block", BIG, f"sets[0].block: must be from 0 to 1000, not {BIG}"),
        ("sets", "round", 0, "sets[0].round: must be from 1 to 1000, not 0"),
        ("sets", "set_number", 10**30, "sets[0].set_number: must be from 1 to 1000"),
        ("sets", "reps_done", True, "sets[0].reps_done: Input should be a valid integer"),
        ("sets", "load_kg", 0, "sets[0].load_kg: must be above 0 and at most 300, not 0"),
        ("sets", "load_kg", 300.5, "sets[0].load_kg: must be above 0 and at most 300, not 300.5"),
        ("sets", "load_kg", -2.5, "sets[0].load_kg: must be above 0 and at most 300, not -2.5"),
        ("sets", "load_kg", "12", "sets[0].load_kg: Input should be a valid number"),
        ("sets", "bodyweight", "yes", "sets[0].bodyweight: Input should be a valid boolean"),
        ("sets", "recorded_at", "9999-01-01T00:00:00+00:00", "sets[0].recorded_at: must be"),
        ("sessions", "plan_week", 53, "sessions[0].plan_week: must be from 0 to 52, not 53"),
        ("sessions", "pain_after", 11, "sessions[0].pain_after: must be from 0 to 10, not 11"),
        ("sessions", "local_date", "0001-01-01", "sessions[0].local_date: must be from "
         "1970-01-01 to 2100-12-31, not 0001-01-01"),
        ("sessions", "started_at", "1969-12-31T23:00:00+00:00", "sessions[0].started_at"),
        ("pain_entries", "value", -3, "pain_entries[0].value: must be from 0 to 10, not -3"),
        ("pain_entries", "date", "9999-12-31", "pain_entries[0].date: must be from 1970"),
        ("plan_enrolments", "race_date", "9999-01-01", "plan_enrolments[0].race_date: must be"),
        ("plan_enrolments", "race_date", "2029-01-01", "race_date must be at most two years "
         "after started_on (2028-11-19), not 2029-01-01"),
        ("plan_enrolments", "started_on", "0001-01-01", "plan_enrolments[0].started_on"),
    ],
)  # fmt: skip
def test_every_number_and_date_is_bounded_and_named(
    tmp_path: Path, table: str, field: str, value: object, message: str
) -> None:
    data = an_export(tmp_path)
    data[table][0][field] = value
    error = import_into_empty(tmp_path, data)
    assert message in error and "\n" not in error


@pytest.mark.parametrize("value", ["²", "0", "15", "3.5", "", "99999999999"])
def test_a_weekly_target_that_is_not_1_to_14_is_refused(tmp_path: Path, value: str) -> None:
    data = an_export(tmp_path)
    data["settings"]["weekly_target"] = value
    error = import_into_empty(tmp_path, data)
    assert error.endswith(
        f"settings.weekly_target: must be a whole number from 1 to 14, not {value!r}"
    )


def test_a_set_with_both_a_load_and_bodyweight_is_refused(tmp_path: Path) -> None:
    data = an_export(tmp_path)
    data["sets"][0] |= {"load_kg": 10.0, "bodyweight": True}
    error = import_into_empty(tmp_path, data)
    assert "sets[0]" in error and "load_kg must be empty when bodyweight is true, not 10.0" in error
    assert "\n" not in error


def test_a_file_version_out_of_range_is_named(tmp_path: Path) -> None:
    data = an_export(tmp_path)
    data["version"] = BIG
    assert f"version: must be from 1 to 4, not {BIG}" in import_into_empty(tmp_path, data)


def test_a_bad_row_late_in_the_file_rolls_back_what_came_before(tmp_path: Path) -> None:
    data = an_export(tmp_path)
    data["pain_entries"].append(dict(data["pain_entries"][0], uuid="late", value=99))
    assert "pain_entries[1].value" in import_into_empty(tmp_path, data)


def test_sets_before_their_session_are_refused(tmp_path: Path) -> None:
    data = an_export(tmp_path)
    reordered = {"format": data["format"], "version": 2, "exported_at": data["exported_at"],
                 "sets": data["sets"], "sessions": data["sessions"]}  # fmt: skip
    assert "sets[0]: its session" in import_into_empty(tmp_path, reordered)


def test_an_unknown_member_is_refused(tmp_path: Path) -> None:
    data = an_export(tmp_path)
    data["workouts"] = []
    assert "workouts: not part of a history export" in import_into_empty(tmp_path, data)


def test_a_file_not_in_utf8_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "latin.json"
    source.write_bytes(b'{"format": "circuit-timer-history", "x": "\xe9"}')
    with (
        HistoryStore(tmp_path / "t.db", now=clock) as store,
        pytest.raises(StoreError, match="not UTF-8 text"),
    ):
        import_file(store, source)


@pytest.mark.parametrize("indent", [None, 2, 0])
def test_every_layout_of_a_good_file_imports_whole(tmp_path: Path, indent: int | None) -> None:
    data = an_export(tmp_path)
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data, indent=indent))
    with HistoryStore(tmp_path / f"t{indent}.db", now=clock) as store:
        result = import_file(store, source)
        assert (result.sessions, result.sets, result.pain_entries, result.plan_enrolments) == (
            1, 1, 1, 1
        )  # fmt: skip
        assert store.setting("weekly_target") == "4"


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = an_export(tmp_path)
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data))
    size = source.stat().st_size
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", size)
    opened = importing.os.fstat

    def grown(fd: int) -> Any:
        with source.open("a") as more:  # written after the size was checked
            more.write(" " * 10)
        return opened(fd)

    monkeypatch.setattr(importing.os, "fstat", grown)
    with (
        HistoryStore(tmp_path / "t.db", now=clock) as store,
        pytest.raises(StoreError, match="MB, the most import reads"),
    ):
        import_file(store, source)


@pytest.mark.parametrize("text", ["[1, 2]", "42", "", '"circuit-timer-history"'])
def test_json_that_is_not_an_object_is_not_an_export(tmp_path: Path, text: str) -> None:
    source = tmp_path / "list.json"
    source.write_text(text)
    with (
        HistoryStore(tmp_path / "t.db", now=clock) as store,
        pytest.raises(StoreError, match="not a circuit-timer history export"),
    ):
        import_file(store, source)


def test_bad_json_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{\n  "format": "circuit-timer-history",\n  "version": 2,,\n}')
    with (
        HistoryStore(tmp_path / "t.db", now=clock) as store,
        pytest.raises(StoreError, match=r"bad.json:3:16: not valid JSON: "),
    ):
        import_file(store, source)
