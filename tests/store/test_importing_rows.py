"""An import's rows as written: a plan the file has as current replaces the one here only
when asked (the old one ends and is kept), and old files' sets are flagged as v4 did."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from circuit_timer.core.records import CompletedSet
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import ended_note, import_file
from circuit_timer.store.importing_rows import ended_beside
from circuit_timer.store.transfer import export_file


def clock() -> datetime:
    return datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def exported_plan(tmp_path: Path, started_on: date = date(2026, 11, 20)) -> Path:
    target = tmp_path / "plan.json"
    with HistoryStore(tmp_path / "source.db", now=clock) as source:
        source.enrol("pf-crash-course-4-weeks", date(2026, 12, 20), started_on)
        export_file(source, target)
    return target


def test_replace_plan_ends_the_plan_here_and_follows_the_imported_one(tmp_path: Path) -> None:
    export = exported_plan(tmp_path)
    with HistoryStore(tmp_path / "here.db", now=clock) as store:
        mine = store.enrol("calf-rebuild", date(2027, 3, 1), date(2026, 11, 1))
        result = import_file(store, export, replace_plan=True)
        active = store.active_enrolment()
        assert active is not None and active.plan_id == "pf-crash-course-4-weeks"
        assert active.ended_on is None
        ended = [e for e in store.enrolments() if e.uuid == mine.uuid]
        assert [(e.started_on, e.ended_on) for e in ended] == [
            (date(2026, 11, 1), date(2026, 11, 20))
        ]
    assert (result.plan_enrolments, result.plans_ended, result.plan_replaced) == (
        1, 0, "calf-rebuild"
    )  # fmt: skip
    assert ended_note(result) == (
        "The plan you followed here (calf-rebuild) was ended and kept in your history; the "
        "imported plan replaces it."
    )


def test_replace_plan_with_no_plan_here_just_adds_it(tmp_path: Path) -> None:
    export = exported_plan(tmp_path)
    with HistoryStore(tmp_path / "here.db", now=clock) as store:
        result = import_file(store, export, replace_plan=True)
        active = store.active_enrolment()
    assert active is not None and active.plan_id == "pf-crash-course-4-weeks"
    assert result.plan_replaced is None and ended_note(result) == ""


def test_replace_plan_changes_nothing_when_the_plan_is_already_here(tmp_path: Path) -> None:
    export = exported_plan(tmp_path)
    with HistoryStore(tmp_path / "here.db", now=clock) as store:
        import_file(store, export)
        store.stop_plan(date(2026, 11, 22))
        mine = store.enrol("calf-rebuild", date(2027, 3, 1), date(2026, 11, 23))
        result = import_file(store, export, replace_plan=True)
        assert store.active_enrolment() == mine
    assert result.added == 0 and result.plan_replaced is None


def test_an_imported_plan_that_began_later_ends_the_one_here_that_day(tmp_path: Path) -> None:
    assert ended_beside(date(2026, 11, 20), date(2026, 11, 1)) == date(2026, 11, 20)
    assert ended_beside(date(2026, 10, 1), date(2026, 11, 1)) == date(2026, 11, 1)


def test_sets_from_a_version_1_file_are_flagged_as_the_migration_did(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "source.db", now=clock) as source:
        uid = source.start_session("x")
        source.record_set(
            uid, CompletedSet(block=0, round=1, exercise_id="single-leg-heel-raise-test",
            set_number=1, side="left", reps_target=25, reps_done=20, seconds=60.0,
            dose="open"),
        )  # fmt: skip
        export_file(source, tmp_path / "v2.json")
    data = json.loads((tmp_path / "v2.json").read_text())
    data["version"] = 1
    for row in data["sets"]:
        del row["test"], row["counted"]
    (tmp_path / "v1.json").write_text(json.dumps(data))
    with HistoryStore(tmp_path / "here.db", now=clock) as store:
        assert import_file(store, tmp_path / "v1.json").sets == 1
        rows = store._read("SELECT test, counted FROM sets")
    assert rows == [(1, 1)]
