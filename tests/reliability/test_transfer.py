"""Export and import attacked: issue 13's data-loss cases 4, 5 and 8, end to end.

- 4: an export over a good backup on a disk that fills up leaves the backup byte for
  byte as it was (and no temporary file beside it).
- 5: an export onto history.db, its WAL or SHM (or a link to them) is refused in one line
  and the history is unchanged.
- 8: an import never changes a session already here (it once went from 15 sets to 53)
  and never switches the plan being followed.
"""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.store import transfer
from tests.commandline import Cli

DAY = ("--date", "2026-11-20", "--as-of", "2026-11-24")


def history(cli: Cli) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = json.loads(cli.ok("history", "--json"))
    return result


class _DiskFull(io.TextIOWrapper):
    """A file on a disk with room for 200 characters, that stays full."""

    def write(self, text: str) -> int:
        left = 200 - self.tell()
        if len(text) > left:
            super().write(text[: max(left, 0)])
            super().flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(text)


def _open_on_full_disk(fd: int, mode: str, **kwargs: Any) -> io.TextIOWrapper:
    kwargs.pop("newline", None)
    return _DiskFull(io.FileIO(fd, "w"), newline="", **kwargs)


def test_case_4_a_full_disk_keeps_the_good_backup(
    cli: Cli, private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    backup = backups / "history.json"
    cli.ok("log", "taper-maintenance", *DAY)
    cli.ok("export", str(backup))
    good = backup.read_bytes()
    cli.ok("log", "taper-maintenance", "--date", "2026-11-21", "--as-of", "2026-11-24")
    monkeypatch.setattr(transfer, "open", _open_on_full_disk, raising=False)
    status, out, err = cli.run("export", str(backup))
    assert status == 1 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert "No space left on device" in err and "unchanged" in err
    assert backup.read_bytes() == good
    assert [p.name for p in backups.iterdir()] == ["history.json"]
    # The backup still restores what it held.
    monkeypatch.undo()
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(tmp_path / "fresh"))
    (tmp_path / "fresh").mkdir()
    assert cli.ok("import", str(backup)) == "Imported 1 session and 15 sets.\n"


@pytest.mark.parametrize("name", ["history.db", "history.db-wal", "history.db-shm", "link"])
def test_case_5_an_export_onto_the_database_is_refused(
    cli: Cli, private_home: Path, name: str
) -> None:
    cli.ok("log", "taper-maintenance", *DAY)
    before = history(cli)
    (private_home / "link").symlink_to(private_home / "history.db")
    db = (private_home / "history.db").read_bytes()
    status, out, err = cli.run("export", str(private_home / name))
    assert status == 1 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "database's own file" in err
    assert (private_home / "history.db").read_bytes() == db
    assert not [p for p in private_home.iterdir() if p.name.endswith(".part")]
    assert history(cli) == before


def test_case_8_an_import_leaves_a_session_here_as_it_is(
    cli: Cli, private_home: Path, tmp_path: Path
) -> None:
    cli.ok("log", "taper-maintenance", *DAY)
    before = history(cli)
    assert before[0]["sets"] == 15
    cli.ok("export", str(tmp_path / "out.json"))
    data = json.loads((tmp_path / "out.json").read_text())
    # The same session, recorded on further: 38 more sets under its uuid.
    more = [
        dict(s, round=s["round"] + n, reps_done=(s["reps_done"] or 0) + n)
        for n in (10, 20, 30)
        for s in data["sets"]
    ][:38]
    data["sets"] += more
    (tmp_path / "more.json").write_text(json.dumps(data))
    out = cli.ok("import", str(tmp_path / "more.json"))
    assert out == "Nothing new: everything in that file is already in your history.\n"
    assert history(cli) == before


def test_case_8_an_import_never_switches_the_plan(
    cli: Cli, private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = ("plan", "start", "--race-date")
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(other))
    cli.ok(*start, "2026-12-20", "--as-of", "2026-11-20", "pf-crash-course-4-weeks")
    cli.ok("export", str(tmp_path / "other.json"))
    monkeypatch.setenv("CIRCUIT_TIMER_HOME", str(private_home))
    cli.ok(*start, "2027-01-31", "--as-of", "2026-11-22", "stronger-feet-8-weeks")
    status_before = cli.ok("plan", "status", "--as-of", "2026-11-24")
    out = cli.ok("import", str(tmp_path / "other.json"))
    assert out.splitlines() == [
        "Imported 1 plan enrolment.",
        "1 plan the file had as current was added as ended: the plan you follow here stays.",
    ]
    assert cli.ok("plan", "status", "--as-of", "2026-11-24") == status_before
    assert status_before.startswith("Stronger feet, 8 weeks to race day: race on Sun 31 Jan")


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_import_refuses_what_is_not_a_file_before_reading(
    cli: Cli, private_home: Path, tmp_path: Path, kind: str
) -> None:
    cli.ok("log", "taper-maintenance", *DAY)
    before = history(cli)
    source = {"fifo": tmp_path / "pipe.json", "device": Path("/dev/zero"), "folder": tmp_path}
    if kind == "fifo":
        os.mkfifo(source["fifo"])  # with no writer: reading it would wait for ever
    status, out, err = cli.run("import", str(source[kind]))
    assert status == 1 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "not an export file" in err
    assert history(cli) == before
