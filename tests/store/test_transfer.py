"""Export and import: a round trip gives identical data, a second import adds nothing."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.core.records import CompletedSet
from circuit_timer.store import importing, transfer
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import ended_note, import_file
from circuit_timer.store.transfer import export_csv, export_data, export_file


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
        "format", "version", "exported_at", "sessions", "sets", "ladder_steps", "pain_entries",
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


class _FullDisk(io.TextIOWrapper):
    """A file whose disk is full after ``room`` characters, and stays full."""

    room = 100

    def write(self, text: str) -> int:
        left = self.room - self.tell()
        if len(text) > left:
            super().write(text[: max(left, 0)])
            super().flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(text)


def _full_disk_open(fd: int, mode: str, **kwargs: Any) -> io.TextIOWrapper:
    kwargs.pop("newline", None)
    return _FullDisk(io.FileIO(fd, "w"), newline="", **kwargs)


def test_a_full_disk_leaves_the_old_backup_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "backups").mkdir()
    target = tmp_path / "backups" / "backup.json"
    with seeded(tmp_path / "a.db") as store:
        export_file(store, target)
        old = target.read_bytes()
        store.add_pain(date(2026, 11, 23), "morning", 2)
        monkeypatch.setattr(transfer, "open", _full_disk_open, raising=False)
        with pytest.raises(StoreError, match=r"No space left on device.*unchanged"):
            export_file(store, target)
    assert target.read_bytes() == old
    assert [p.name for p in target.parent.iterdir()] == ["backup.json"]


def test_an_export_replaces_the_old_file_only_when_whole(tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    target.write_text("old")
    target.chmod(0o640)
    with seeded(tmp_path / "a.db") as store:
        export_file(store, target)
        assert json.loads(target.read_text()) == json.loads(
            json.dumps(
                export_data(store) | {"exported_at": json.loads(target.read_text())["exported_at"]}
            )
        )
    assert target.stat().st_mode & 0o777 == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_an_export_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    with seeded(tmp_path / "a.db") as store:
        export_file(store, tmp_path / "link.json")
    assert (tmp_path / "link.json").is_symlink()
    assert json.loads((tmp_path / "real.json").read_text())["format"] == "circuit-timer-history"


@pytest.mark.parametrize("name", ["a.db", "a.db-wal", "a.db-shm", "link", "sub/../a.db"])
def test_an_export_onto_the_database_files_is_refused(tmp_path: Path, name: str) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "a.db-wal")
    with seeded(tmp_path / "a.db") as store:
        files = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        with pytest.raises(StoreError, match="history database's own file") as refused:
            export_file(store, tmp_path / name)
        assert "\n" not in str(refused.value)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == files
        assert len(store.sessions()) == 3


def test_an_export_onto_a_hard_link_to_the_database_is_refused(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as store:
        os.link(tmp_path / "a.db", tmp_path / "other.json")
        with pytest.raises(StoreError, match="own file"):
            export_file(store, tmp_path / "other.json")
        assert len(store.sessions()) == 3


def test_import_adds_no_sets_to_a_session_already_here(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as source:
        export_file(source, tmp_path / "out.json")
        before = export_data(source)
        data = json.loads((tmp_path / "out.json").read_text())
        # The same session with more sets: another device went on recording under its uuid.
        extra = [dict(s, set_number=s["set_number"] + 1) for s in data["sets"]]
        data["sets"] += extra
        (tmp_path / "more.json").write_text(json.dumps(data))
        result = import_file(source, tmp_path / "more.json")
        assert result.added == 0 and result.skipped == 11 + len(extra)
        assert without_time(export_data(source)) == without_time(before)


def test_import_adds_sets_only_with_the_sessions_it_adds(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as source:
        export_file(source, tmp_path / "out.json")
    data = json.loads((tmp_path / "out.json").read_text())
    kept = data["sessions"][0]["uuid"]
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        partial = dict(data, sessions=data["sessions"][:1],
                       sets=[s for s in data["sets"] if s["session_uuid"] == kept][:1])  # fmt: skip
        (tmp_path / "partial.json").write_text(json.dumps(partial))
        import_file(target, tmp_path / "partial.json")
        result = import_file(target, tmp_path / "out.json")
        assert (result.sessions, result.sets) == (2, 3)
        counts = {s.uuid: len(target.sets(session_uuid=s.uuid)) for s in target.sessions()}
        assert counts[kept] == 1


def test_an_imported_current_plan_never_replaces_the_one_here(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as source:
        export_file(source, tmp_path / "out.json")
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        mine = target.enrol("calf-rebuild", date(2027, 3, 1), date(2026, 11, 1))
        result = import_file(target, tmp_path / "out.json")
        assert (result.plan_enrolments, result.plans_ended) == (1, 1)
        assert target.active_enrolment() == mine
        imported = [e for e in target.enrolments() if e.uuid != mine.uuid]
        assert [(e.started_on, e.ended_on) for e in imported] == [
            (date(2026, 11, 20), date(2026, 11, 20))
        ]
        assert "the plan you follow here stays" in ended_note(result)


def test_an_imported_current_plan_is_current_where_none_is_followed(tmp_path: Path) -> None:
    with seeded(tmp_path / "a.db") as source:
        export_file(source, tmp_path / "out.json")
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        result = import_file(target, tmp_path / "out.json")
        assert result.plans_ended == 0 and ended_note(result) == ""
        active = target.active_enrolment()
        assert active is not None and active.plan_id == "pf-crash-course-4-weeks"


@pytest.mark.posix_only("a FIFO")
def test_an_import_refuses_a_fifo_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    with HistoryStore(tmp_path / "a.db", now=clock) as store:
        with pytest.raises(StoreError, match=r"pipe.json: it is a FIFO \(named pipe\)"):
            import_file(store, tmp_path / "pipe.json")
        assert store.sessions() == []


@pytest.mark.parametrize(
    ("name", "kind"), [("/dev/zero", "a device"), ("/dev/null", "a device"), ("", "a folder")]
)
@pytest.mark.posix_only("/dev/zero and /dev/null")
def test_an_import_refuses_devices_and_folders(tmp_path: Path, name: str, kind: str) -> None:
    source = Path(name) if name else tmp_path
    with (
        HistoryStore(tmp_path / "a.db", now=clock) as store,
        pytest.raises(StoreError, match=f"it is {kind}, not an export file"),
    ):
        import_file(store, source)


def test_an_import_refuses_a_file_over_the_limit_before_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with seeded(tmp_path / "a.db") as source:
        export_file(source, tmp_path / "out.json")
    size = (tmp_path / "out.json").stat().st_size
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", size - 1)
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        with pytest.raises(StoreError, match="MB, the most import reads"):
            import_file(target, tmp_path / "out.json")
        assert target.sessions() == []
        monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", size)
        assert import_file(target, tmp_path / "out.json").sessions == 3


def test_csv_export_writes_no_live_formula(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "a.db") as store:
        uid = store.start_session("x", circuit_title='=HYPERLINK("http://x")')
        store.finish_session(uid, "completed", notes="+1 extra, -2 less, @me")
        rows = list(csv.DictReader(io.StringIO(export_csv(store))))
    assert rows[0]["circuit_title"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["session_notes"] == "'+1 extra, -2 less, @me"
    assert rows[0]["circuit_id"] == "x"


def laddered(path: Path) -> tuple[HistoryStore, str]:
    """A store with two plan sessions: one climbed to step 1, one run as written."""
    store = HistoryStore(path, now=clock)
    uids = [
        store.start_session("pf-crash-course", plan_id="p", local_date=date(2026, 11, day),
                            ladder_steps=steps)
        for day, steps in ((20, {"towel-heel-raise": 1, "calf-raise": -1}),
                           (22, {"towel-heel-raise": None}))
    ]  # fmt: skip
    return store, uids[0]


def test_ladder_steps_go_out_and_come_back(tmp_path: Path) -> None:
    source, first = laddered(tmp_path / "a.db")
    with source:
        export_file(source, tmp_path / "out.json")
        original = export_data(source)
        steps = source.ladder_steps("p", date(2026, 11, 1), date(2026, 11, 30))
    assert original["version"] == 4
    assert original["ladder_steps"][:2] == [
        {"session_uuid": first, "exercise_id": "calf-raise", "step": -1},
        {"session_uuid": first, "exercise_id": "towel-heel-raise", "step": 1},
    ]
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        import_file(target, tmp_path / "out.json")
        import_file(target, tmp_path / "out.json")  # again: nothing doubles
        assert without_time(export_data(target)) == without_time(original)
        assert target.ladder_steps("p", date(2026, 11, 1), date(2026, 11, 30)) == steps


def test_a_session_already_here_gets_no_ladder_steps_from_the_file(tmp_path: Path) -> None:
    source, first = laddered(tmp_path / "a.db")
    with source:
        data = export_data(source)
    data["ladder_steps"].append({"session_uuid": first, "exercise_id": "new", "step": 0})
    (tmp_path / "out.json").write_text(json.dumps(data))
    with HistoryStore(tmp_path / "a.db", now=clock) as same:
        import_file(same, tmp_path / "out.json")
        assert "new" not in same.ladder_steps("p", date(2026, 11, 20), date(2026, 11, 20))[first]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"step": 21}, "ladder_steps[0].step: must be from -1 to 20, not 21"),
        ({"step": -2}, "ladder_steps[0].step: must be from -1 to 20, not -2"),
        ({"exercise_id": 3}, "ladder_steps[0].exercise_id: Input should be a valid string"),
        ({"session_uuid": "elsewhere"}, "ladder_steps[0]: its session elsewhere is not in"),
    ],
)
def test_a_bad_ladder_step_refuses_the_whole_file(
    tmp_path: Path, row: dict[str, Any], message: str
) -> None:
    source, _ = laddered(tmp_path / "a.db")
    with source:
        data = export_data(source)
    data["ladder_steps"][0] |= row
    (tmp_path / "out.json").write_text(json.dumps(data))
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        with pytest.raises(StoreError, match=message.replace("[", r"\[").replace("]", r"\]")):
            import_file(target, tmp_path / "out.json")
        assert target.sessions() == []


def test_a_version_3_file_without_ladder_steps_still_imports(tmp_path: Path) -> None:
    source, _ = laddered(tmp_path / "a.db")
    with source:
        data = export_data(source)
    del data["ladder_steps"]
    data["version"] = 3
    (tmp_path / "out.json").write_text(json.dumps(data))
    with HistoryStore(tmp_path / "b.db", now=clock) as target:
        assert import_file(target, tmp_path / "out.json").sessions == 2
        assert target.ladder_steps("p", date(2026, 11, 1), date(2026, 11, 30)) == {}
