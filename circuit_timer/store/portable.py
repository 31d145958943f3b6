"""What the store does differently on Linux, macOS and Windows, in one place.

The journal needs an exclusive lock held while a workout writes it, writes at a place in
the file, and data that is on the disk (not in a cache) before a set is called saved;
the store needs to know whether the process that started a session still runs. Linux
keeps what it always did (``flock``, ``pread``/``pwrite``, ``fdatasync``,
``posix_fallocate``); macOS asks the drive itself to flush (``F_FULLFSYNC``: its
``fsync`` stops at the drive's cache); Windows locks a byte with ``msvcrt.locking`` and
asks the kernel about a process with ``OpenProcess``.

Branches test ``sys.platform`` at call time, so the tests can take each one on Linux
with fakes, and mypy checks each on its own platform.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any

# Binary on Windows (os.open is text mode there, and would turn \n into \r\n), and not
# inherited by child processes (Windows does that by default: O_CLOEXEC is POSIX only).
OPEN_FLAGS = getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)

# Windows locks are mandatory: a locked byte cannot be read by anyone else. So the lock
# is a byte far past any journal's end (as SQLite does with its lock bytes), and readers
# of the records are never refused. msvcrt.locking takes 32-bit offsets.
WINDOWS_LOCK_OFFSET = 0x7FFF_0000

# OpenProcess access right and GetExitCodeProcess's "still running" value.
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5


def lock(fd: int) -> None:
    """Take an exclusive lock on the open file ``fd`` without waiting; OSError when
    another holder has it. The lock goes with the descriptor (``close``)."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def close(fd: int, *, locked: bool = False) -> None:
    """Close ``fd``, first letting go of its lock on Windows (which frees a lock at close
    only "eventually"); on POSIX closing is enough."""
    if locked and sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    os.close(fd)


def sync_data(fd: int) -> None:
    """Put what was written to ``fd`` on the disk (OSError if the disk says no)."""
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
        except OSError:
            # Some file systems (network shares, FAT) refuse F_FULLFSYNC: plain fsync
            # is the best they offer.
            os.fsync(fd)
    elif sys.platform == "win32":
        os.fsync(fd)  # FlushFileBuffers: Windows has nothing lighter
    else:
        # Within space already allocated the size does not change: fdatasync is
        # enough, and cheaper, as each set waits on it.
        os.fdatasync(fd)


def sync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` durable. Windows cannot open a folder this way,
    and NTFS journals its names itself."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_at(fd: int, size: int, offset: int) -> bytes:
    """Up to ``size`` bytes of ``fd`` from ``offset``."""
    if sys.platform == "win32":
        # No pread: seek and read (each descriptor is used by one thread at a time).
        os.lseek(fd, offset, os.SEEK_SET)
        chunks: list[bytes] = []
        while size > 0:
            chunk = os.read(fd, size)
            if not chunk:
                break
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)
    return os.pread(fd, size, offset)


def write_at(fd: int, data: bytes, offset: int) -> int:
    """Write ``data`` to ``fd`` at ``offset``; the number of bytes written."""
    if sys.platform == "win32":
        os.lseek(fd, offset, os.SEEK_SET)
        return os.write(fd, data)
    return os.pwrite(fd, data, offset)


def reserve(fd: int, size: int) -> None:
    """Allocate ``size`` bytes for ``fd`` where the system can (Linux); elsewhere the
    file simply grows as it is written. OSError when the space is not there."""
    fallocate = getattr(os, "posix_fallocate", None)
    if fallocate is not None and sys.platform.startswith("linux"):
        fallocate(fd, 0, size)


def unlink_while_open() -> bool:
    """Whether an open file can be deleted (not on Windows: close it first)."""
    return sys.platform != "win32"


def process_alive(pid: int | None, kernel32: Any = None) -> bool:
    """Whether a process with id ``pid`` runs now (``kernel32``: Windows' library, or a
    fake of it in the tests)."""
    if not pid:
        return False
    if sys.platform == "win32" or kernel32 is not None:
        return _windows_process_alive(pid, kernel32)
    try:
        os.kill(pid, 0)  # signal 0: only "does it exist", nothing is sent
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, but it runs
    return True


def _windows_process_alive(pid: int, kernel32: Any) -> bool:
    # Not os.kill(pid, 0) here: on Windows signal 0 is CTRL_C_EVENT, sent to a console.
    if kernel32 is None:
        if sys.platform != "win32":
            return False
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32")
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return bool(kernel32.GetLastError() == _ERROR_ACCESS_DENIED)
    try:
        import ctypes

        code = ctypes.c_ulong(0)
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True  # it exists; whether it still runs cannot be told: keep it
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
