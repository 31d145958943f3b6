"""store/portable.py: Linux keeps flock, pread/pwrite and fdatasync; the macOS and Windows
branches are taken here with sys.platform changed and fakes of fcntl, msvcrt and kernel32."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.store import journal, portable


@pytest.fixture
def fd(tmp_path: Path) -> Iterator[int]:
    """A descriptor open on a new file, closed after the test."""
    opened = os.open(tmp_path / "f", os.O_RDWR | os.O_CREAT | portable.OPEN_FLAGS, 0o600)
    yield opened
    os.close(opened)


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking that records (position, mode, bytes) and refuses a second lock."""

    LK_NBLCK = 2
    LK_UNLCK = 0

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.calls: list[tuple[int, int, int]] = []
        self.held = False

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((os.lseek(fd, 0, os.SEEK_CUR), mode, nbytes))
        if mode == self.LK_NBLCK:
            if self.held:
                raise OSError(36, "Resource deadlock avoided")
            self.held = True
        else:
            self.held = False


@pytest.mark.posix_only("flock")
def test_a_second_lock_on_linux_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    path = tmp_path / "j"
    first = os.open(path, os.O_RDWR | os.O_CREAT | portable.OPEN_FLAGS, 0o600)
    portable.lock(first)
    second = os.open(path, os.O_RDONLY | portable.OPEN_FLAGS)
    try:
        with pytest.raises(OSError):
            portable.lock(second)
        portable.close(first, locked=True)
        portable.lock(second)
    finally:
        portable.close(second, locked=True)


def test_windows_locks_one_byte_past_any_journal_and_unlocks_before_closing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMsvcrt()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    first = os.open(tmp_path / "j", os.O_RDWR | os.O_CREAT, 0o600)
    portable.lock(first)
    with pytest.raises(OSError):
        portable.lock(first)
    portable.close(first, locked=True)
    offset = portable.WINDOWS_LOCK_OFFSET
    assert fake.calls == [(offset, 2, 1), (offset, 2, 1), (offset, 0, 1)]
    assert not fake.held
    with pytest.raises(OSError):
        os.fstat(first)  # closed


@pytest.mark.linux_only("fdatasync")
def test_linux_syncs_data_with_fdatasync(fd: int, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(os, "fdatasync", lambda f: calls.append("fdatasync"))
    monkeypatch.setattr(os, "fsync", lambda f: calls.append("fsync"))
    monkeypatch.setattr(sys, "platform", "linux")
    portable.sync_data(fd)
    assert calls == ["fdatasync"]


@pytest.mark.posix_only("fcntl")
def test_macos_asks_the_drive_to_flush_and_falls_back_to_fsync(
    fd: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl  # POSIX only: the fake F_FULLFSYNC goes on the real module

    calls: list[str] = []
    refuse = [False]

    def fake_fcntl(f: int, command: int, *args: Any) -> int:
        calls.append(f"fcntl {command}")
        if refuse[0]:
            raise OSError(45, "Operation not supported")
        return 0

    monkeypatch.setattr(fcntl, "F_FULLFSYNC", 51, raising=False)
    monkeypatch.setattr(fcntl, "fcntl", fake_fcntl)
    monkeypatch.setattr(os, "fsync", lambda f: calls.append("fsync"))
    monkeypatch.delattr(os, "fdatasync")  # macOS has none
    monkeypatch.setattr(sys, "platform", "darwin")
    portable.sync_data(fd)
    assert calls == ["fcntl 51"]
    refuse[0] = True
    portable.sync_data(fd)
    assert calls == ["fcntl 51", "fcntl 51", "fsync"]


def test_windows_syncs_with_fsync_and_leaves_folders_alone(
    fd: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(os, "fsync", lambda f: calls.append("fsync"))
    monkeypatch.setattr(sys, "platform", "win32")
    portable.sync_data(fd)
    portable.sync_folder(tmp_path)  # opening a folder would fail there
    assert calls == ["fsync"]


@pytest.mark.posix_only("a folder opened to be synced")
def test_folders_are_synced_on_posix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda f: (synced.append(f), real(f)))
    portable.sync_folder(tmp_path)
    assert len(synced) == 1


@pytest.mark.parametrize(
    "platform", [pytest.param("linux", marks=pytest.mark.posix_only("pread, pwrite")), "win32"]
)
def test_positional_reads_and_writes_agree_on_every_platform(
    fd: int, platform: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert portable.write_at(fd, b"hello\nworld\n", 0) == 12
    assert portable.write_at(fd, b"W", 6) == 1
    assert portable.read_at(fd, 5, 6) == b"World"
    assert portable.read_at(fd, 100, 0) == b"hello\nWorld\n"


@pytest.mark.linux_only("posix_fallocate")
def test_space_is_reserved_on_linux_only(fd: int, monkeypatch: pytest.MonkeyPatch) -> None:
    portable.reserve(fd, 4096)
    assert os.fstat(fd).st_size == 4096
    monkeypatch.setattr(sys, "platform", "darwin")
    portable.reserve(fd, 8192)
    assert os.fstat(fd).st_size == 4096


def test_a_process_is_alive_while_it_runs_and_not_after() -> None:
    assert portable.process_alive(os.getpid())
    assert not portable.process_alive(None)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not portable.process_alive(child.pid)


class FakeKernel32:
    """OpenProcess, GetExitCodeProcess, CloseHandle and GetLastError of a pretend system."""

    def __init__(self, *, handle: int, error: int = 0, exit_code: int = 259) -> None:
        self.handle = handle
        self.error = error
        self.exit_code = exit_code
        self.closed: list[int] = []

    def OpenProcess(self, access: int, inherit: bool, pid: int) -> int:
        assert access == 0x1000 and not inherit
        return self.handle

    def GetLastError(self) -> int:
        return self.error

    def GetExitCodeProcess(self, handle: int, code: Any) -> int:
        ctypes.cast(code, ctypes.POINTER(ctypes.c_ulong))[0] = self.exit_code
        return 1

    def CloseHandle(self, handle: int) -> int:
        self.closed.append(handle)
        return 1


def test_windows_asks_the_kernel_about_a_process_and_never_signals_it() -> None:
    running = FakeKernel32(handle=7)
    assert portable.process_alive(4242, running)
    assert running.closed == [7]
    ended = FakeKernel32(handle=8, exit_code=0)
    assert not portable.process_alive(4242, ended)
    assert ended.closed == [8]
    assert portable.process_alive(4, FakeKernel32(handle=0, error=5))  # someone else's
    assert not portable.process_alive(4242, FakeKernel32(handle=0, error=87))  # no such


def test_a_claimed_journal_discarded_on_windows_goes_when_the_claim_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(journal.encode({"kind": "start"}))
    monkeypatch.setattr(portable, "unlink_while_open", lambda: False)
    with journal.claimed(path) as records:
        assert records == [{"kind": "start"}]
        journal.discard(path)
        assert path.exists()  # still open here: Windows could not delete it yet
    assert not path.exists()


class WindowsLocks(types.ModuleType):
    """msvcrt.locking as Windows keeps it: one holder per byte of a file, whichever
    descriptor asks; and (with ``refuse_unlink``) no deleting a file someone holds."""

    LK_NBLCK = 2
    LK_UNLCK = 0

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int], int] = {}  # (inode, offset) -> descriptor

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        key = (os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        if mode == self.LK_NBLCK:
            if key in self.held:
                raise OSError(36, "Resource deadlock avoided")
            self.held[key] = fd
        elif self.held.pop(key, None) != fd:
            raise OSError(13, "Permission denied")

    def refuse_unlink(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real = Path.unlink

        def unlink(path: Path, missing_ok: bool = False) -> None:
            if path.exists() and any(ino == path.stat().st_ino for ino, _ in self.held):
                raise PermissionError(13, "The process cannot access the file", str(path))
            real(path, missing_ok=missing_ok)

        monkeypatch.setattr(Path, "unlink", unlink)


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch) -> WindowsLocks:
    """The journal's Windows branches, on real files: sys.platform is win32 and msvcrt
    keeps its locks as Windows does."""
    locks = WindowsLocks()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", locks)
    locks.refuse_unlink(monkeypatch)
    return locks


def test_a_journal_on_windows_is_held_claimed_and_removed(
    tmp_path: Path, on_windows: WindowsLocks
) -> None:
    folder = tmp_path / journal.FOLDER
    live = journal.Journal(folder, "live")
    live.append({"n": 1})
    live.append_all([{"n": 2}, {"n": 3}])
    with journal.claimed(live.path) as records:
        assert records is None  # its writer holds it
    assert live.path.stat().st_size < 100  # no reserve there: the file is its records
    live.close()
    assert on_windows.held == {}  # let go explicitly, not left to the close
    again = journal.Journal(folder, "live")
    again.append({"n": 4})  # reopened: after what is there
    again.remove()  # closed first: Windows deletes no open file
    assert not live.path.exists() and on_windows.held == {}


def test_a_replayed_journal_on_windows_is_deleted_once_its_claim_ends(
    tmp_path: Path, on_windows: WindowsLocks
) -> None:
    folder = tmp_path / journal.FOLDER
    left = journal.Journal(folder, "left")
    left.append_all([{"n": 1}, {"n": 2}])
    left.close()
    with journal.claimed(left.path) as records:
        assert records == [{"n": 1}, {"n": 2}]
        with pytest.raises(PermissionError):
            left.path.unlink()  # what the replay did before: refused on Windows
        journal.discard(left.path)
    assert not left.path.exists() and on_windows.held == {}
