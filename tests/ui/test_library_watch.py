"""The window's library: loaded from the bundled and the user's folders, and loaded again
when the runner saves a file there, even into a folder that did not exist yet."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from circuit_timer.core.library import Library
from circuit_timer.files import paths
from circuit_timer.ui.library_watch import LibraryWatcher

MINE = "title: Mine\nblocks:\n  - exercises:\n      - {id: hop, name: Hop, work: 5}\n"


def test_reload_loads_both_folders_and_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(MINE)
    watch = LibraryWatcher(paths.bundled_circuits_dir(), tmp_path)
    assert watch.library.entries == {}
    with qtbot.waitSignal(watch.reloaded) as signal:
        library = watch.reload()
    assert signal.args == [library] and watch.library is library
    assert {"mine", "pf-crash-course"} <= set(library.entries)
    watch.stop()


def test_a_file_saved_in_the_folder_is_picked_up(qtbot: QtBot, tmp_path: Path) -> None:
    watch = LibraryWatcher(paths.bundled_circuits_dir(), tmp_path)
    watch.reload()
    with qtbot.waitSignal(watch.reloaded, timeout=5000) as signal:
        (tmp_path / "mine.yaml").write_text(MINE)
    assert isinstance(signal.args[0], Library) and "mine" in signal.args[0].entries
    watch.stop()


def test_a_folder_made_after_the_start_is_watched_once_it_appears(
    qtbot: QtBot, tmp_path: Path
) -> None:
    user = tmp_path / "home" / "circuits"
    watch = LibraryWatcher(paths.bundled_circuits_dir(), user)
    watch.reload()
    # Made, then a file saved into it: both must be seen.
    with qtbot.waitSignal(watch.reloaded, timeout=5000):
        user.mkdir(parents=True)
    with qtbot.waitSignal(watch.reloaded, timeout=5000) as signal:
        (user / "mine.yaml").write_text(MINE)
    assert "mine" in signal.args[0].entries
    watch.stop()


def test_files_coming_and_going_above_a_missing_folder_reload_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # The data folder holds the history: its journal comes and goes at every write.
    user = tmp_path / "circuits"
    watch = LibraryWatcher(paths.bundled_circuits_dir(), user)
    watch.reload()
    with qtbot.assertNotEmitted(watch.reloaded, wait=800):
        (tmp_path / "history.db-journal").write_text("x")
        (tmp_path / "history.db-journal").unlink()
        (tmp_path / "other").mkdir()
    with qtbot.waitSignal(watch.reloaded, timeout=5000):
        user.mkdir()
    watch.stop()
