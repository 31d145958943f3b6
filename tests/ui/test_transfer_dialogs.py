"""Export and import from the window: file dialogs (replaced), the store's formats, and the
messages that say what happened."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from circuit_timer.core.records import CompletedSet
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import ImportResult
from circuit_timer.store.transfer import export_data
from circuit_timer.ui import transfer_dialogs
from circuit_timer.ui.transfer_dialogs import (
    CSV_FILTER,
    JSON_FILTER,
    NOTHING_NEW,
    export_history,
    import_history,
    import_message,
)


def clock() -> datetime:
    return datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def seeded(folder: Path) -> HistoryStore:
    """Two completed sessions with sets on both sides, and a morning pain entry."""
    folder.mkdir()
    store = HistoryStore.in_folder(folder, now=clock)
    for n, day in enumerate((date(2026, 11, 20), date(2026, 11, 22))):
        uid = store.start_session("pf-crash-course", circuit_title="PF", local_date=day)
        sides: tuple[tuple[Literal["left", "right"], int], ...] = (("left", 12), ("right", 10 + n))
        for side, done in sides:
            store.record_set(
                uid, CompletedSet(block=2, round=1, exercise_id="towel-heel-raise", set_number=1,
                side=side, reps_target=12, reps_done=done, seconds=96.0,
                exercise_name="Towel heel raise", dose="tempo"),
            )  # fmt: skip
        store.finish_session(uid, "completed", notes="felt strong", pain_after=3)
    store.add_pain(date(2026, 11, 21), "morning", 4)
    return store


def empty(folder: Path) -> HistoryStore:
    folder.mkdir()
    return HistoryStore.in_folder(folder, now=clock)


def without_time(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "exported_at"}


class Messages:
    """Stands in for QMessageBox's static functions and records what they were told."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []

    def info(self, parent: object, title: str, text: str, *args: object) -> object:
        self.shown.append(("information", title, text))
        return QMessageBox.StandardButton.Ok

    def warn(self, parent: object, title: str, text: str, *args: object) -> object:
        self.shown.append(("warning", title, text))
        return QMessageBox.StandardButton.Ok

    @property
    def last(self) -> tuple[str, str, str]:
        return self.shown[-1]


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    box = Messages()
    monkeypatch.setattr(QMessageBox, "information", box.info)
    monkeypatch.setattr(QMessageBox, "warning", box.warn)
    return box


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def save_as(monkeypatch: pytest.MonkeyPatch, name: str | Path, chosen: str = JSON_FILTER) -> None:
    monkeypatch.setattr(transfer_dialogs, "ask_save_path", lambda _p, _s: (str(name), chosen))


def open_file(monkeypatch: pytest.MonkeyPatch, name: str | Path) -> None:
    monkeypatch.setattr(transfer_dialogs, "ask_open_path", lambda _p, _s: str(name))


def test_export_then_import_round_trips_through_the_dialogs(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with seeded(tmp_path / "a") as source, empty(tmp_path / "b") as target:
        save_as(monkeypatch, tmp_path / "backup.json")
        assert export_history(parent, source) == tmp_path / "backup.json"
        assert messages.last == (
            "information", "Exported", f"Exported 2 sessions to {tmp_path / 'backup.json'}."
        )  # fmt: skip

        save_as(monkeypatch, tmp_path / "sets.csv", CSV_FILTER)
        assert export_history(parent, source) == tmp_path / "sets.csv"
        assert messages.last[2].startswith(f"Exported 2 sessions to {tmp_path / 'sets.csv'}.")
        assert "import reads the JSON export" in messages.last[2]
        with (tmp_path / "sets.csv").open(newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == 4 and {r["side"] for r in rows} == {"left", "right"}

        open_file(monkeypatch, tmp_path / "backup.json")
        result = import_history(parent, target)
        assert result == ImportResult(sessions=2, sets=4, pain_entries=1, plan_enrolments=0,
                                      skipped=0)  # fmt: skip
        assert messages.last == (
            "information", "Imported", "Imported 2 sessions, 4 sets and 1 pain entry."
        )  # fmt: skip
        assert without_time(export_data(target)) == without_time(export_data(source))


def test_a_second_import_says_nothing_new(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with seeded(tmp_path / "a") as source, empty(tmp_path / "b") as target:
        save_as(monkeypatch, tmp_path / "backup.json")
        export_history(parent, source)
        open_file(monkeypatch, tmp_path / "backup.json")
        import_history(parent, target)
        before = export_data(target)
        again = import_history(parent, target)
        assert again is not None and again.added == 0 and again.skipped == 7
        assert messages.last == ("information", "Imported", NOTHING_NEW)
        assert without_time(export_data(target)) == without_time(before)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"format": "circuit-timer-history",\n  oops', "bad.json:2:3: not valid JSON"),
        ('{"sessions": []}', "not a circuit-timer history export"),
    ],
)
def test_a_bad_file_shows_a_warning_and_changes_nothing(
    tmp_path: Path,
    parent: QWidget,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
    content: str,
    expected: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with seeded(tmp_path / "a") as store:
        before = export_data(store)
        open_file(monkeypatch, bad)
        assert import_history(parent, store) is None
        kind, title, text = messages.last
        assert (kind, title) == ("warning", "Import failed")
        assert text.startswith("Nothing was imported.") and expected in text
        assert without_time(export_data(store)) == without_time(before)


def test_a_broken_row_refuses_the_whole_file(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with seeded(tmp_path / "a") as source:
        save_as(monkeypatch, tmp_path / "backup.json")
        export_history(parent, source)
    text = (tmp_path / "backup.json").read_text()
    (tmp_path / "backup.json").write_text(text.replace('"value": 4', '"value": 40'))
    with empty(tmp_path / "b") as target:
        open_file(monkeypatch, tmp_path / "backup.json")
        assert import_history(parent, target) is None
        assert messages.last[0] == "warning" and "pain_entries[0].value" in messages.last[2]
        assert target.sessions() == [] and target.pain_entries() == []


def test_a_csv_export_is_not_imported(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with seeded(tmp_path / "a") as source, empty(tmp_path / "b") as target:
        save_as(monkeypatch, tmp_path / "sets.csv", CSV_FILTER)
        export_history(parent, source)
        open_file(monkeypatch, tmp_path / "sets.csv")
        assert import_history(parent, target) is None
        assert messages.last[0] == "warning" and "Import reads a JSON export" in messages.last[2]
        assert target.sessions() == []


@pytest.mark.parametrize(
    ("typed", "chosen", "written"),
    [
        ("backup", JSON_FILTER, "backup.json"),
        ("backup", CSV_FILTER, "backup.csv"),
        ("backup.2026", CSV_FILTER, "backup.2026.csv"),
        ("backup.CSV", JSON_FILTER, "backup.CSV"),  # the name as typed wins over the filter
    ],
)
def test_the_extension_comes_from_the_chosen_filter(
    tmp_path: Path,
    parent: QWidget,
    messages: Messages,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    chosen: str,
    written: str,
) -> None:
    with seeded(tmp_path / "a") as store:
        save_as(monkeypatch, tmp_path / typed, chosen)
        assert export_history(parent, store) == tmp_path / written
    first = (tmp_path / written).read_text().splitlines()[0]
    assert first.startswith("date,") if written.lower().endswith(".csv") else first == "{"


def test_an_added_extension_asks_before_replacing_a_file(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "backup.json").write_text("keep me")
    asked: list[Path] = []

    def refuse(_parent: object, path: Path) -> bool:
        asked.append(path)
        return False

    monkeypatch.setattr(transfer_dialogs, "ask_replace", refuse)
    with seeded(tmp_path / "a") as store:
        save_as(monkeypatch, tmp_path / "backup")
        assert export_history(parent, store) is None
    assert asked == [tmp_path / "backup.json"]
    assert (tmp_path / "backup.json").read_text() == "keep me"
    assert messages.shown == []


def test_cancelling_a_dialog_does_nothing(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with seeded(tmp_path / "a") as store:
        save_as(monkeypatch, "", JSON_FILTER)
        assert export_history(parent, store) is None
        open_file(monkeypatch, "")
        assert import_history(parent, store) is None
    assert messages.shown == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "home"]  # nothing written


def test_a_failed_export_warns(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with seeded(tmp_path / "a") as store:
        save_as(monkeypatch, tmp_path / "no-such-folder" / "backup.json")
        assert export_history(parent, store) is None
    kind, title, text = messages.last
    assert (kind, title) == ("warning", "Export failed") and "cannot write" in text


def test_no_history_open_warns(parent: QWidget, messages: Messages) -> None:
    assert export_history(parent, None) is None
    assert import_history(parent, None) is None
    assert [kind for kind, _title, _text in messages.shown] == ["warning", "warning"]


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (ImportResult(12, 340, 20, 1, 3),
         "Imported 12 sessions, 340 sets, 20 pain entries and 1 plan enrolment; "
         "3 were already here."),
        (ImportResult(1, 0, 0, 0, 1), "Imported 1 session; 1 was already here."),
        (ImportResult(0, 0, 2, 0, 0), "Imported 2 pain entries."),
        (ImportResult(0, 0, 0, 0, 9), NOTHING_NEW),
        (ImportResult(0, 0, 0, 0, 0),
         "Nothing new: that file holds no sessions, sets, pain entries or plans."),
    ],
)  # fmt: skip
def test_the_import_message_says_what_was_added(result: ImportResult, text: str) -> None:
    assert import_message(result) == text


def test_an_export_onto_the_database_warns_and_writes_nothing(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with seeded(tmp_path / "a") as store:
        database = tmp_path / "a" / "history.db"
        before = database.read_bytes()
        # The dialog adds ".json" to a bare name, so the way there is a link.
        link = tmp_path / "history.json"
        link.symlink_to(database)
        save_as(monkeypatch, link)
        assert export_history(parent, store) is None
        assert database.read_bytes() == before
        assert len(store.sessions()) == 2
    kind, title, text = messages.last
    assert (kind, title) == ("warning", "Export failed")
    assert (
        text == f"cannot export onto {link}: it is the history database's own file "
        "(choose another name)"
    )


def test_an_imported_current_plan_is_added_as_ended_and_the_message_says_so(
    tmp_path: Path, parent: QWidget, messages: Messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    with empty(tmp_path / "a") as source, empty(tmp_path / "b") as target:
        source.enrol("pf-crash-course-4-weeks", date(2026, 12, 20), date(2026, 11, 20))
        save_as(monkeypatch, tmp_path / "backup.json")
        export_history(parent, source)
        mine = target.enrol("stronger-feet-8-weeks", date(2027, 1, 31), date(2026, 11, 22))
        open_file(monkeypatch, tmp_path / "backup.json")
        result = import_history(parent, target)
        assert result is not None and result.plans_ended == 1
        assert target.active_enrolment() == mine
    assert messages.last == (
        "information",
        "Imported",
        "Imported 1 plan enrolment.\n\n1 plan the file had as current was added as ended: "
        "the plan you follow here stays.",
    )
