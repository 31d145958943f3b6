"""Damaged history files: found before SQLite opens them, and kept, never deleted.

SQLite reads its write-ahead log (``history.db-wal``) up to the first frame whose salt or
checksum is wrong and silently drops everything after it; the next write then starts the
log again over those bytes. So before SQLite opens the database, the log is read here by
the format at https://www.sqlite.org/fileformat2.html#walformat, and if commits were
written after a damaged frame, the database, its log and its index (-shm) are copied
aside first. A damaged main file is moved aside with its log and index.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from circuit_timer.store.errors import StoreError

WAL_MAGIC = (0x377F0682, 0x377F0683)  # the low bit: checksums in big-endian words
WAL_VERSION = 3007000
WAL_HEADER = 32
FRAME_HEADER = 24
COMPANIONS = ("-wal", "-shm")


@dataclass(frozen=True)
class WalCheck:
    """What SQLite will find in a log: commits it replays, and commits written after a
    damaged frame that it will drop (``lost``). ``header_damaged``: the log's own header
    is wrong, so SQLite drops the whole log."""

    commits: int = 0
    lost: int = 0
    header_damaged: bool = False

    @property
    def damaged(self) -> bool:
        """Whether SQLite would drop saved commits from this log."""
        return self.header_damaged or self.lost > 0


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = iter(struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data))
    for a, b in zip(words, words, strict=True):
        s0 = (s0 + a + s1) & 0xFFFFFFFF
        s1 = (s1 + b + s0) & 0xFFFFFFFF
    return s0, s1


def _frames(handle: BinaryIO, size: int, page_size: int) -> Iterator[tuple[bytes, bytes]]:
    for _ in range((size - WAL_HEADER) // (FRAME_HEADER + page_size)):
        header = handle.read(FRAME_HEADER)
        page = handle.read(page_size)
        if len(page) < page_size:
            return
        yield header, page


def check_wal(wal: Path) -> WalCheck:
    """Read the log at ``wal`` as SQLite's recovery would (OSError if it cannot)."""
    size = wal.stat().st_size
    if size < WAL_HEADER:
        return WalCheck()  # SQLite takes a log this short as empty
    with wal.open("rb") as handle:
        header = handle.read(WAL_HEADER)
        magic, version, page_size, _, salt1, salt2, c0, c1 = struct.unpack(">8I", header)
        big = magic == WAL_MAGIC[1]
        good_size = 512 <= page_size <= 65536 and page_size & (page_size - 1) == 0
        if (
            magic not in WAL_MAGIC
            or version != WAL_VERSION
            or not good_size
            or _checksum(header[:24], big, 0, 0) != (c0, c1)
        ):
            # Only a log holding frames loses anything by being ignored.
            return WalCheck(header_damaged=size > WAL_HEADER + FRAME_HEADER)
        return _check_frames(handle, size, page_size, big, (salt1, salt2), (c0, c1))


def _check_frames(
    handle: BinaryIO,
    size: int,
    page_size: int,
    big: bool,
    salts: tuple[int, int],
    running: tuple[int, int],
) -> WalCheck:
    commits = lost = 0
    broken = False
    for header, page in _frames(handle, size, page_size):
        page_no, commit, salt1, salt2, c0, c1 = struct.unpack(">6I", header)
        current = (salt1, salt2) == salts
        if broken:
            # A frame of this log's generation after the break: a commit SQLite will drop.
            # Frames with other salts are leftovers from before the log last restarted.
            lost += current and commit != 0
            continue
        expected = _checksum(header[:8] + page, big, *running)
        if current and page_no != 0 and expected == (c0, c1):
            running = expected
            commits += commit != 0
            continue
        broken = True
        # The checksum chains on, but the salt is wrong: the salt itself was damaged.
        lost += (current or expected == (c0, c1)) and commit != 0
    return WalCheck(commits=commits, lost=lost)


def _free_name(path: Path, label: str, now: datetime) -> Path:
    """``history.db.<label>-<time>`` (then -2, -3...) with no file of that name or its
    -wal/-shm there yet: a file kept aside is never overwritten."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    n = 1
    while True:
        name = f"{path.name}.{label}-{stamp}" + (f"-{n}" if n > 1 else "")
        target = path.with_name(name)
        taken = [target, *(target.with_name(name + s) for s in COMPANIONS)]
        if not any(p.exists() or p.is_symlink() for p in taken):
            return target
        n += 1


def copy_aside(path: Path, now: datetime) -> Path:
    """Copy the database and its -wal and -shm to ``history.db.damaged-<time>`` (and
    its -wal, -shm) beside it; the originals are not touched. StoreError if it cannot."""
    target = _free_name(path, "damaged", now)
    made: list[Path] = []
    try:
        for suffix in ("", *COMPANIONS):
            source = path.with_name(path.name + suffix)
            if not source.exists():
                continue
            copy = target.with_name(target.name + suffix)
            with source.open("rb") as src, copy.open("xb") as out:
                made.append(copy)
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
    except OSError as exc:
        for copy in made:  # half-made copies only; the damaged files stay as they are
            copy.unlink(missing_ok=True)
        raise StoreError(
            f"the write-ahead log of {path} is damaged and a copy could not be kept "
            f"({exc.strerror}); nothing was changed. Copy {path.name}, {path.name}-wal and "
            f"{path.name}-shm somewhere safe, or free space in {path.parent}, then start again."
        ) from None
    return target


def move_aside(path: Path, now: datetime) -> Path | None:
    """Move a damaged database and its -wal and -shm to ``history.db.corrupt-<time>``
    (never deleted). None if the file had already gone; StoreError if it cannot move."""
    target = _free_name(path, "corrupt", now)
    # The log and index first: a log left behind would be replayed into the new file.
    moves = [(path.with_name(path.name + s), target.with_name(target.name + s)) for s in COMPANIONS]
    moves.append((path, target))
    done: list[tuple[Path, Path]] = []
    try:
        for source, dest in moves:
            try:
                source.rename(dest)
            except FileNotFoundError:
                continue
            done.append((source, dest))
    except OSError as exc:
        for source, dest in reversed(done):
            with contextlib.suppress(OSError):  # if not, it is kept under the new name
                dest.rename(source)
        raise StoreError(
            f"{path} is damaged but could not be moved aside ({exc.strerror}); nothing was "
            f"deleted. Make {path.parent} writable, or move {path.name} away yourself, and "
            "start again."
        ) from None
    return target if (path, target) in done else None
