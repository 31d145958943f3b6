"""Issue 13's data-loss case 7: a damaged write-ahead log.

A process records sets in WAL mode and dies (os._exit: nothing checkpointed, nothing
removed, as a crash leaves it); a byte of one frame is then flipped. SQLite alone would
drop every commit after that frame without a word and write over them. Now, on the next
start, the database, its -wal and -shm are copied aside byte for byte before SQLite reads
them, and the runner is told in one line where they are. (The sets themselves come back
from the workout journal; this file checks the damaged files are kept.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.commandline import Cli

FILES = ("history.db", "history.db-wal", "history.db-shm")
KEPT = r"history\.db\.damaged-\d{8}T\d{6}"

# Records sessions of sets through the store, then dies without closing anything.
WRITER = """
import os, sys
from pathlib import Path
from circuit_timer.core.records import CompletedSet
from circuit_timer.store.history import HistoryStore
store = HistoryStore.in_folder(Path(sys.argv[1]))
for n in range(4):
    uid = store.start_session("taper-maintenance")
    for number in range(1, 6):
        store.record_set(uid, CompletedSet(block=0, round=1, exercise_id="heel-raise",
            set_number=number, side=None, reps_target=12, reps_done=12, seconds=40.0))
    store.finish_session(uid, "completed")
os._exit(0)
"""


def crash_after_commits(home: Path) -> None:
    subprocess.run([sys.executable, "-c", WRITER, str(home)], check=True, timeout=60)
    assert sorted(p.name for p in home.iterdir()) == sorted(FILES)


def flip_a_byte_in_frame(wal: Path, index: int) -> None:
    data = bytearray(wal.read_bytes())
    page_size = struct.unpack(">I", data[8:12])[0]
    frames = (len(data) - 32) // (24 + page_size)
    offset = 32 + (index % frames) * (24 + page_size) + 24 + page_size // 2
    data[offset] ^= 0x5A
    wal.write_bytes(bytes(data))


def test_case_7_a_damaged_wal_is_kept_beside_the_database_and_named(
    cli: Cli, private_home: Path
) -> None:
    crash_after_commits(private_home)
    wal = private_home / "history.db-wal"
    flip_a_byte_in_frame(wal, index=len(wal.read_bytes()) // 2 // 4120)
    damaged = {name: (private_home / name).read_bytes() for name in FILES}

    status, out, err = cli.run("history", "--json")

    assert status == 0 and "Traceback" not in err
    json.loads(out)
    [kept] = [p for p in private_home.iterdir() if re.fullmatch(KEPT, p.name)]
    for name, data in damaged.items():
        assert (private_home / name.replace("history.db", kept.name)).read_bytes() == data
    [line] = [line for line in err.splitlines() if "damaged" in line]
    assert f"Kept a copy of the damaged history at {kept} (with its -wal and -shm): " in line
    assert line.endswith("written after a damaged part of history.db-wal cannot be read back.")


def test_a_whole_wal_after_a_crash_keeps_every_set_and_no_copy(
    cli: Cli, private_home: Path
) -> None:
    crash_after_commits(private_home)

    status, out, err = cli.run("history", "--json")

    assert status == 0 and "damaged" not in err
    sessions = json.loads(out)
    assert len(sessions) == 4 and all(s["status"] == "completed" for s in sessions)
    assert not [p for p in private_home.iterdir() if ".damaged-" in p.name]
    assert os.path.exists(private_home / "history.db")


# Root ignores permissions: the command drops to 'nobody' once it has imported all it needs.
AS_NOBODY = """
import os, sys
import circuit_timer.cli as cli, circuit_timer.commands.history
if os.geteuid() == 0:
    os.setgid(65534)
    os.setuid(65534)
raise SystemExit(cli.main(sys.argv[1:]))
"""


@pytest.fixture
def read_only_damaged_home() -> Iterator[Path]:
    """A damaged history.db in a folder no one but root may change (readable by all)."""
    root = Path(tempfile.mkdtemp(prefix="ct-damaged-ro-"))
    root.chmod(0o755)
    home = root / "ro"
    home.mkdir()
    (home / "history.db").write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    (home / "history.db").chmod(0o444)
    home.chmod(0o555)
    yield home
    home.chmod(0o755)
    shutil.rmtree(root)


def test_a_damaged_database_that_cannot_be_moved_is_said_and_left_whole(
    read_only_damaged_home: Path,
) -> None:
    home = read_only_damaged_home
    before = (home / "history.db").read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", AS_NOBODY, "history"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "CIRCUIT_TIMER_HOME": str(home)},
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert "internal error" not in line
    assert line == (
        f"circuit-timer: {home / 'history.db'} is damaged but could not be moved aside "
        f"(Permission denied); nothing was deleted. Make {home} writable, or move history.db "
        "away yourself, and start again."
    )
    assert sorted(p.name for p in home.iterdir()) == ["history.db"]
    assert (home / "history.db").read_bytes() == before
