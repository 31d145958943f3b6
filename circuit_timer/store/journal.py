"""The write-ahead journal: what a workout did, on disk before anyone is told it is saved.

One file per session in ``journal/`` beside the database, one record per line:
``<crc32 hex> <json>``. A line whose checksum does not match (a torn last line after a
crash, the zeros of space reserved and never written) is ignored. Each append is
fsynced, and the folder too when the file is created, so a record survives a crash or a
power cut whatever SQLite is doing (locked, full, read-only, deleted).

Space is reserved when the file is created: a workout's records then still fit when the
disk fills mid-workout. The reserve is given back when the journal closes.

The process writing a journal holds an exclusive lock on it while it lives (``flock``;
on Windows a locked byte, store/portable.py), so a replay elsewhere (the window starting
while a terminal workout runs) leaves it alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from circuit_timer.store import portable

FOLDER = "journal"
SUFFIX = ".jsonl"
RESERVE_BYTES = 256 * 1024

Record = dict[str, Any]


def folder_of(db_path: Path) -> Path:
    """The journal folder beside the database at ``db_path``."""
    return db_path.parent / FOLDER


def encode(record: Record) -> bytes:
    """One journal line for ``record``."""
    body = json.dumps(record, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode()
    return b"%08x %s\n" % (zlib.crc32(body), body)


def decode(data: bytes) -> list[Record]:
    """The whole records in a journal's bytes, in order; damaged or torn lines are skipped."""
    records: list[Record] = []
    for line in data.split(b"\n"):
        crc, _, body = line.partition(b" ")
        if len(crc) != 8 or not body:
            continue
        try:
            if int(crc, 16) != zlib.crc32(body):
                continue
            record = json.loads(body)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


class Journal:
    """One session's journal, open for appending (by one process, holding its lock).

    ``append`` raises OSError when the record could not be made durable; the caller
    keeps the record and tries again with the next one (``append_all``)."""

    def __init__(self, folder: Path, session_uuid: str) -> None:
        self.path = folder / f"{session_uuid}{SUFFIX}"
        self.session_uuid = session_uuid
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._end = 0  # where the next record goes (the file may be longer: the reserve)
        self.removed = False

    def _open(self) -> int:
        if self._fd is not None:
            return self._fd
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | portable.OPEN_FLAGS, 0o600)
        try:
            portable.lock(fd)
        except BaseException:
            os.close(fd)
            raise
        try:
            # Reopened after a failure: carry on after the records already there.
            self._end = len(_valid_prefix(portable.read_at(fd, os.fstat(fd).st_size, 0)))
            with contextlib.suppress(OSError):  # no reserve (a full disk): appends may fit
                portable.reserve(fd, max(RESERVE_BYTES, self._end + RESERVE_BYTES // 4))
            portable.sync_folder(self.path.parent)
        except BaseException:
            portable.close(fd, locked=True)
            raise
        self._fd = fd
        return fd

    def append(self, record: Record) -> None:
        """Write ``record`` and fsync it (raises OSError when that failed)."""
        self.append_all([record])

    def append_all(self, records: list[Record]) -> None:
        """Write ``records`` in order, durably, in one write and one fsync."""
        if not records:
            return
        data = b"".join(encode(r) for r in records)
        with self._lock:
            if self.removed:
                raise OSError(f"journal {self.path} is closed")
            if self._fd is not None and os.fstat(self._fd).st_nlink == 0:
                self._recreate()
            fd = self._open()
            written = portable.write_at(fd, data, self._end)
            if written != len(data):
                raise OSError(f"short write to {self.path}")
            # Within the reserve the size does not change: fdatasync (where there is
            # one) is enough, and cheaper, as each set waits on it.
            portable.sync_data(fd)
            self._end += written

    def _recreate(self) -> None:
        # The file (or its folder) was deleted under the workout: what it held lives on
        # only in this descriptor. Written again where it belongs, so a crash now still
        # leaves every set on disk.
        assert self._fd is not None
        kept = portable.read_at(self._fd, self._end, 0)
        portable.close(self._fd, locked=True)
        self._fd = None
        fd = self._open()
        if portable.write_at(fd, kept, 0) != len(kept):
            raise OSError(f"short write to {self.path}")
        portable.sync_data(fd)
        self._end = len(kept)

    def close(self) -> None:
        """Give the unused reserve back and let go of the file (it stays on disk)."""
        with self._lock:
            if self._fd is None:
                return
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._end)
            portable.close(self._fd, locked=True)
            self._fd = None

    def remove(self) -> None:
        """Delete the journal: every record of it is in the database file."""
        with self._lock:
            self.removed = True
            if self._fd is not None and not portable.unlink_while_open():
                portable.close(self._fd, locked=True)  # Windows deletes closed files only
                self._fd = None
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            if self._fd is not None:
                portable.close(self._fd, locked=True)
                self._fd = None


def _valid_prefix(data: bytes) -> bytes:
    """The bytes of ``data`` up to the end of its last whole, valid line."""
    end = 0
    start = 0
    while True:
        newline = data.find(b"\n", start)
        if newline < 0:
            return data[:end]
        line = data[start:newline]
        if decode(line + b"\n"):
            end = newline + 1
        elif line.strip(b"\0"):
            end = newline + 1  # a damaged line in the middle: keep it, skip it on reading
        else:
            return data[:end]  # the reserve's zeros: the records end here
        start = newline + 1


# Claimed journals to delete once their claim lets go of them (Windows deletes no file
# that is open), by path.
_discard_at_close: set[Path] = set()
_discard_lock = threading.Lock()


def discard(path: Path) -> None:
    """Delete a journal claimed with ``claimed`` (its records are in the database): at
    once on POSIX (OSError as ``unlink``), when the claim ends on Windows."""
    if portable.unlink_while_open():
        path.unlink()
        return
    with _discard_lock:
        _discard_at_close.add(path)


@contextlib.contextmanager
def claimed(path: Path) -> Iterator[list[Record] | None]:
    """The records of a left-over journal, held against its writer while in use; None
    when a live process still writes it (or it cannot be opened). ``discard`` deletes it."""
    try:
        fd = os.open(path, os.O_RDONLY | portable.OPEN_FLAGS)
    except OSError:
        yield None
        return
    locked = False
    try:
        try:
            portable.lock(fd)
        except OSError:
            yield None
            return
        locked = True
        size = os.fstat(fd).st_size
        yield decode(portable.read_at(fd, size, 0))
    finally:
        portable.close(fd, locked=locked)
        with _discard_lock:
            doomed = path in _discard_at_close
            _discard_at_close.discard(path)
        if doomed:
            with contextlib.suppress(OSError):  # gone already, or kept for the next start
                path.unlink()


def leftovers(folder: Path) -> list[Path]:
    """The journals in ``folder``, oldest first."""
    try:
        found = [p for p in folder.iterdir() if p.name.endswith(SUFFIX)]
    except OSError:
        return []

    def age(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(found, key=age)
