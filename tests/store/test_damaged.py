"""The write-ahead log read as SQLite's recovery reads it, and damaged files kept aside."""

from __future__ import annotations

import shutil
import sqlite3
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circuit_timer.core.records import CompletedSet
from circuit_timer.store import damaged
from circuit_timer.store.damaged import check_wal, copy_aside, move_aside
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore

NOW = datetime(2026, 11, 24, 21, 30, tzinfo=UTC)
FILES = ("history.db", "history.db-wal", "history.db-shm")


def clock() -> datetime:
    return NOW


def a_set(number: int) -> CompletedSet:
    return CompletedSet(block=0, round=1, exercise_id="heel-raise", set_number=number,
                        side=None, reps_target=12, reps_done=12, seconds=40.0)  # fmt: skip


def crashed(tmp_path: Path, sessions: int = 6) -> Path:
    """history.db with its -wal and -shm as a crash leaves them: copied while the store
    that wrote them is still open (so nothing was checkpointed or removed)."""
    live, left = tmp_path / "live", tmp_path / "left"
    live.mkdir()
    left.mkdir()
    with HistoryStore.in_folder(live, now=clock) as store:
        for n in range(sessions):
            uid = store.start_session(f"c{n}")
            store.record_set(uid, a_set(1))
        for name in FILES:
            shutil.copyfile(live / name, left / name)
    return left / "history.db"


def frames(wal: Path) -> list[tuple[int, int]]:
    """(offset, commit size) of each frame."""
    data = wal.read_bytes()
    page_size = struct.unpack(">I", data[8:12])[0]
    step = 24 + page_size
    return [
        (offset, struct.unpack(">I", data[offset + 4 : offset + 8])[0])
        for offset in range(32, len(data) - step + 1, step)
    ]


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def wal_of(db: Path) -> Path:
    return db.with_name("history.db-wal")


def test_a_whole_log_is_not_damaged(tmp_path: Path) -> None:
    found = check_wal(wal_of(crashed(tmp_path)))
    assert found.commits > 6 and found.lost == 0 and not found.damaged


def test_a_damaged_frame_loses_the_commits_after_it(tmp_path: Path) -> None:
    wal = wal_of(crashed(tmp_path))
    whole = check_wal(wal)
    offset, _ = frames(wal)[len(frames(wal)) // 2]
    flip(wal, offset + 24 + 100)  # a byte of the page
    found = check_wal(wal)
    assert found.damaged and found.commits + found.lost == whole.commits
    assert found.commits < whole.commits


def test_a_damaged_salt_in_the_last_commit_is_found(tmp_path: Path) -> None:
    wal = wal_of(crashed(tmp_path))
    offset, commit = frames(wal)[-1]
    assert commit != 0
    flip(wal, offset + 8)
    assert check_wal(wal).lost == 1


def test_a_damaged_header_loses_the_whole_log(tmp_path: Path) -> None:
    wal = wal_of(crashed(tmp_path))
    flip(wal, 12)  # the checkpoint sequence, under the header's checksum
    found = check_wal(wal)
    assert found.header_damaged and found.damaged


def test_a_short_or_empty_log_is_not_damaged(tmp_path: Path) -> None:
    wal = tmp_path / "history.db-wal"
    wal.write_bytes(b"")
    assert not check_wal(wal).damaged
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 20)
    assert not check_wal(wal).damaged


def test_frames_left_from_before_the_log_restarted_are_not_damage(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x TEXT)")
    for _ in range(20):
        conn.execute("INSERT INTO t VALUES (?)", ("x" * 3000,))
    conn.execute("PRAGMA wal_checkpoint(RESTART)")
    conn.execute("INSERT INTO t VALUES ('after')")  # starts the log again from its top
    shutil.copyfile(wal_of(path), tmp_path / "left-wal")
    conn.close()
    left = tmp_path / "left-wal"
    old = [offset for offset, _ in frames(left)][2:]
    assert old, "the restarted log should still hold the older frames"
    found = check_wal(left)
    assert found.commits == 1 and not found.damaged


def test_copy_aside_keeps_all_three_files_and_never_overwrites(tmp_path: Path) -> None:
    db = crashed(tmp_path)
    before = {name: (db.parent / name).read_bytes() for name in FILES}
    first = copy_aside(db, NOW)
    second = copy_aside(db, NOW)
    assert first.name == "history.db.damaged-20261124T213000"
    assert second.name == "history.db.damaged-20261124T213000-2"
    for target in (first, second):
        for name, data in before.items():
            copy = target.with_name(target.name + name.removeprefix("history.db"))
            assert copy.read_bytes() == data
    assert {name: (db.parent / name).read_bytes() for name in FILES} == before


def test_a_copy_that_fails_leaves_no_half_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = crashed(tmp_path)

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(damaged.shutil, "copyfileobj", full)
    with pytest.raises(StoreError, match=r"No space left on device.*nothing was changed"):
        copy_aside(db, NOW)
    assert sorted(p.name for p in db.parent.iterdir()) == sorted(FILES)


def test_move_aside_takes_the_log_and_index_with_the_file(tmp_path: Path) -> None:
    db = crashed(tmp_path)
    before = {name: (db.parent / name).read_bytes() for name in FILES}
    target = move_aside(db, NOW)
    assert target is not None
    assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == {
        target.name + name.removeprefix("history.db"): data for name, data in before.items()
    }


def test_move_aside_of_a_file_gone_since_says_so(tmp_path: Path) -> None:
    assert move_aside(tmp_path / "history.db", NOW) is None


def test_move_aside_in_a_folder_it_cannot_change_puts_back_what_it_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = crashed(tmp_path)
    before = {p.name: p.read_bytes() for p in db.parent.iterdir()}
    rename = Path.rename

    def refuse_the_database(self: Path, target: Path) -> Path:
        if self.name == "history.db":
            raise PermissionError(13, "Permission denied")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse_the_database)
    with pytest.raises(StoreError, match=r"could not be moved aside \(Permission denied\)"):
        move_aside(db, NOW)
    assert {p.name: p.read_bytes() for p in db.parent.iterdir()} == before


# Characters Windows refuses in a file name (and the separators everywhere).
WINDOWS_FORBIDDEN = set('<>:"/\\|?*')


@pytest.mark.parametrize("label", ["damaged", "corrupt"])
def test_names_kept_aside_are_valid_file_names_on_windows_too(tmp_path: Path, label: str) -> None:
    from circuit_timer.store.connection import _stamp

    name = damaged._free_name(tmp_path / "history.db", label, NOW).name
    for text in (name, _stamp(NOW)):
        assert not WINDOWS_FORBIDDEN & set(text), text
        assert text == text.strip(" .")  # Windows drops trailing dots and spaces
