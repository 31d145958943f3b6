"""Export and import: a round trip gives identical data, a second import adds nothing."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from circuit_timer.core.records import CompletedSet
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.transfer import export_csv, export_data, export_file, import_file


def clock() -> datetime:
    return datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def seeded(path: Path) -> HistoryStore:
    store = HistoryStore(path, now=clock)
    for n, day in enumerate((date(2026, 11, 20), date(2026, 11, 22))):
        uid = store.start_session("pf-crash-course", circuit_title="PF", local_date=day)
        for side, done in (("left", 12), ("right", 10 + n)):
            store.record_set(
                uid, CompletedSet(block=2, round=1, exercise_id="towel-heel-raise", set_number=1,
                side=side, reps_target=12, reps_done=done, seconds=96.0, load="backpack 5 kg",
                exercise_name="Towel heel raise", dose="tempo"),
            )  # fmt: skip
        store.record_set(
            uid, CompletedSet(block=1, round=1, exercise_id="pogo-hops", set_number=1, side=None,
            reps_target=None, reps_done=None, seconds=30.0, dose="timed"),
        )  # fmt: skip
        store.finish_session(uid, "completed", notes=f'note, with "quotes" {n}', pain_after=3)
    store.start_session("calf-achilles", local_date=date(2026, 11, 23))  # left partial
    store.add_pain(date(2026, 11, 21), "morning", 4)
    store.enrol("pf-crash-course-4-weeks", date(2026, 12, 20), date(2026, 11, 20))
    store.set_setting("weekly_target", "4")
    return store


def without_time(data: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_export_then_import_into_an_empty_database_is_identical(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as source:
        export_file(source, tmp_path / "out.json")
        original = export_data(source)
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        result = import_file(target, tmp_path / "out.json")
        assert (result.sessions, result.sets, result.pain_entries, result.plan_enrolments) == (
            3, 6, 1, 1,
        )  # fmt: skip
        assert without_time(export_data(target)) == without_time(original)
        again = import_file(target, tmp_path / "out.json")
        assert again.added == 0 and again.skipped == 11
        assert without_time(export_data(target)) == without_time(original)


def test_import_keeps_what_is_already_here(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as source:
        export_file(source, tmp_path / "out.json")
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        target.add_pain(date(2026, 11, 21), "morning", 7)
        target.set_setting("weekly_target", "2")
        import_file(target, tmp_path / "out.json")
        assert [p.value for p in target.pain_entries()] == [7]
        assert target.weekly_target() == 2
        assert len(target.sessions()) == 3


def test_export_json_has_every_table(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as store:
        export_file(store, tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text())
    assert set(data) == {
        "format", "version", "exported_at", "sessions", "sets", "pain_entries",
        "plan_enrolments", "settings",
    }  # fmt: skip
    assert data["sessions"][2]["status"] == "partial"
    assert data["settings"] == {"weekly_target": "4"}


def test_csv_is_one_row_per_set(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as store:
        rows = list(csv.DictReader(io.StringIO(export_csv(store))))
    assert len(rows) == 6 + 1  # six sets, and the partial session with none
    first = rows[0]
    assert (first["date"], first["exercise_id"], first["side"], first["reps_done"]) == (
        "2026-11-20", "pogo-hops", "", "",
    )  # fmt: skip
    assert rows[1]["exercise_id"] == "towel-heel-raise" and rows[1]["load"] == "backpack 5 kg"
    assert rows[0]["session_notes"] == 'note, with "quotes" 0'
    assert rows[-1]["status"] == "partial" and rows[-1]["exercise_id"] == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a circuit-timer history export"),
        (
            '{"format": "circuit-timer-history", "version": 1, "exported_at": '
            '"2026-11-24T18:00:00+00:00", "pain_entries": [{"uuid": "p", "date": "2026-11-24", '
            '"kind": "morning", "value": 11, "recorded_at": "2026-11-24T18:00:00+00:00"}]}',
            "pain_entries[0].value",
        ),
        (
            '{"format": "circuit-timer-history", "version": 9, "exported_at": '
            '"2026-11-24T18:00:00+00:00"}',
            "version",
        ),
        (
            '{"format": "circuit-timer-history", "version": 1, "exported_at": '
            '"2026-11-24T18:00:00+00:00", "sets": [{"session_uuid": "nope", "block": 0, '
            '"round": 1, "exercise_id": "x", "set_number": 1, "recorded_at": '
            '"2026-11-24T18:00:00+00:00"}]}',
            "is not in the file",
        ),
    ],
)
def test_a_bad_import_file_changes_nothing(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with seeded(tmp_path / "a.db") as store:
        before = export_data(store)
        with pytest.raises(StoreError, match=message.replace("[", r"\[").replace("]", r"\]")):
            import_file(store, bad)
        assert without_time(export_data(store)) == without_time(before)
