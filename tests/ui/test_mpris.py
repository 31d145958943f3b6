"""The MPRIS player's words and values, and what it does with no session bus (the calls
over a real bus are in test_mpris_bus.py)."""

from __future__ import annotations

import gc
import json
import logging
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import replace

import pytest
import shiboken6
from PySide6.QtDBus import QDBusConnection, QDBusObjectPath
from pytestqt.qtbot import QtBot

from circuit_timer.core.engine import Snapshot
from circuit_timer.core.timeline import Segment
from circuit_timer.ui import mpris, mpris_bus
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.mpris import MediaRemote, metadata, time_words, title
from circuit_timer.ui.mpris_bus import PLAYER, ROOT, WORKOUT, marshal, strings
from tests.paths import REPO
from tests.ui.driving import start

RAISE = Segment(
    kind="work", seconds=96, block=0, round=1, exercise="towel-heel-raise", set=2,
    side="left", reps=12, tempo=(3, 2, 3), rep=None, name="Towel heel raise", sets=4,
    rounds=1, estimate=96.0,
)  # fmt: skip


def snap(segment: Segment = RAISE, **fields: object) -> Snapshot:
    base = Snapshot(
        state="running", index=7, segment=segment, upcoming=None, elapsed=12.5,
        remaining=83.5, progress=0.13, reps=0, reps_target=12, tempo_phase=None,
        tempo_rep=None, overall_progress=0.2, total_elapsed=300.0, finish_status=None,
    )  # fmt: skip
    return replace(base, **fields)  # type: ignore[arg-type]


def test_the_title_is_the_exercise_and_its_side_and_a_pause_says_what_comes() -> None:
    assert title(snap()) == "Towel heel raise · left"
    assert title(snap(replace(RAISE, side=None))) == "Towel heel raise"
    assert title(snap(replace(RAISE, kind="rest"))) == "Rest, then Towel heel raise · left"
    assert title(snap(replace(RAISE, kind="switch"))) == (
        "Switch sides, then Towel heel raise · left"
    )


def test_the_time_left_reads_as_the_countdown_does() -> None:
    assert time_words(snap()) == "1:24 left"  # 83.5 s rounded up, as on screen
    assert time_words(snap(remaining=0.2)) == "0:01 left"  # never 0:00 while time is left
    assert time_words(snap(state="paused")) == "paused · 1:24 left"
    assert time_words(snap(state="finished")) == "finished"
    open_set = replace(RAISE, seconds=None, tempo=None, reps=10)
    assert time_words(snap(open_set, remaining=None, reps=3)) == "+0:12 · 3/10 reps"


def test_the_metadata_names_the_segment_and_its_length() -> None:
    data = metadata(snap(), "Plantar fasciitis crash course")
    trackid = data.pop("mpris:trackid")
    assert isinstance(trackid, QDBusObjectPath)
    assert trackid.path() == "/io/github/circuit_timer/segment/7"
    assert data == {
        "xesam:title": "Towel heel raise · left",
        "xesam:album": "Plantar fasciitis crash course",
        "xesam:artist": ["1:24 left"],
        "xesam:comment": ["1:24 left"],
        "mpris:length": 96_000_000,
    }
    open_set = replace(RAISE, seconds=None, tempo=None)
    assert "mpris:length" not in metadata(snap(open_set, remaining=None), "x")


def test_string_lists_stay_string_arrays_even_empty() -> None:
    assert strings(["a"]) == ["a"]
    empty = strings([])
    assert not isinstance(empty, list) and empty.currentSignature() == "as"
    marshalled = marshal({"a": [], "b": {"c": ["d"]}, "e": 1.0})
    assert isinstance(marshalled, dict) and marshalled["b"] == {"c": ["d"]}


@pytest.fixture
def dead_bus() -> Iterator[QDBusConnection]:
    name = f"mpris-dead-{uuid.uuid4().hex}"
    connection = QDBusConnection.connectToBus("unix:path=/nonexistent", name)
    yield connection
    QDBusConnection.disconnectFromBus(name)


def test_without_a_bus_the_workout_goes_on_and_it_is_said_once(
    window: MainWindow,
    qtbot: QtBot,
    dead_bus: QDBusConnection,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mpris, "_said_no_bus", False)
    start(window, qtbot, "heel-raise-test")
    assert window.controller is not None
    with caplog.at_level(logging.INFO, logger="circuit_timer.ui.mpris"):
        remote = MediaRemote(window.controller, "x", connection=dead_bus)
        assert not remote.publish()
        assert not MediaRemote(window.controller, "x", connection=dead_bus).publish()
        remote.refresh()
        remote.close()
    said = [r.getMessage() for r in caplog.records if "no session bus" in r.getMessage()]
    assert len(said) == 1
    window.controller.toggle_pause()
    assert window.controller.workout.state == "paused"


def test_the_properties_a_desktop_reads(window: MainWindow, qtbot: QtBot) -> None:
    start(window, qtbot, "heel-raise-test")
    assert window.controller is not None
    remote = MediaRemote(window.controller, "Left-right check")
    root = remote.properties(ROOT)
    assert root["CanQuit"] is False and root["CanRaise"] is False  # no window to raise
    assert root["DesktopEntry"] == "circuit-timer"
    player = remote.properties(PLAYER)
    assert player["PlaybackStatus"] == "Playing"
    assert (player["Rate"], player["MinimumRate"], player["MaximumRate"]) == (1.0, 1.0, 1.0)
    assert player["CanSeek"] is False and player["CanControl"] is True
    assert remote.properties(WORKOUT) == {}  # methods only
    window.controller.finish_early()
    assert remote.properties(PLAYER)["PlaybackStatus"] == "Stopped"
    assert remote.properties(PLAYER)["CanGoNext"] is False


def test_qtdbus_and_the_models_wait_for_the_first_workout() -> None:
    script = """
        import json, sys
        import circuit_timer.ui.app, circuit_timer.ui.mpris
        wanted = ("PySide6.QtDBus", "pydantic", "circuit_timer.ui.mpris_bus")
        print(json.dumps([m for m in wanted if m in sys.modules]))
        """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_only_what_changed_is_sent(
    window: MainWindow,
    qtbot: QtBot,
    dead_bus: QDBusConnection,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[dict[str, object]] = []

    def record(connection: QDBusConnection, interface: str, changed: dict[str, object]) -> bool:
        assert interface == PLAYER
        sent.append(changed)
        return True

    monkeypatch.setattr(mpris_bus, "properties_changed", record)
    start(window, qtbot, "heel-raise-test")
    assert window.controller is not None
    remote = MediaRemote(window.controller, "x", connection=dead_bus)
    remote.service = "on the bus"  # as publish leaves it, without a bus to publish on
    remote.refresh()
    assert "Position" not in sent[0]  # clients ask for it; it is never signalled
    assert {"PlaybackStatus", "Metadata", "CanGoNext", "Rate"} <= set(sent[0])
    remote.refresh()
    assert len(sent) == 1  # nothing changed, nothing sent
    window.controller.toggle_pause()
    remote.refresh()
    assert set(sent[1]) == {"PlaybackStatus", "Metadata"}  # the comment says "paused"
    assert sent[1]["PlaybackStatus"] == "Paused"
    assert remote.sent == 2
    remote.service = None


def test_the_player_is_destroyed_with_its_workout(window: MainWindow, qtbot: QtBot) -> None:
    # Not left to Python's garbage collector (its bus object points back at it, a
    # cycle), which may run on any thread: its timer must go on the GUI thread.
    start(window, qtbot, "heel-raise-test")
    run = window.workout_run
    assert run is not None
    remote = mpris.media_remote(run.controller, "x", window)
    gc.disable()  # only Qt's ownership counts
    try:
        window.workout_page.request_finish()
        window.summary_page.done_requested.emit()
        qtbot.waitUntil(lambda: not shiboken6.isValid(run))
        assert not shiboken6.isValid(remote)
    finally:
        gc.enable()
