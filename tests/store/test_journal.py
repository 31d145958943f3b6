"""The write-ahead journal: whole records back in order, a torn or damaged line ignored,
space reserved and given back, and a journal a live writer holds left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from circuit_timer.store import journal
from circuit_timer.store.journal import Journal, claimed, decode, encode, leftovers


def test_records_come_back_in_order_and_a_torn_last_line_is_ignored(tmp_path: Path) -> None:
    data = encode({"kind": "start", "n": 1}) + encode({"kind": "set", "n": 2})
    torn = encode({"kind": "set", "n": 3})[:-7]  # the power went mid-write
    assert decode(data + torn) == [{"kind": "start", "n": 1}, {"kind": "set", "n": 2}]


def test_a_line_whose_checksum_does_not_match_is_skipped() -> None:
    good, bad = encode({"n": 1}), bytearray(encode({"n": 2}))
    bad[-3] ^= 0x01  # one bit flipped in the body
    assert decode(good + bytes(bad) + encode({"n": 3})) == [{"n": 1}, {"n": 3}]
    assert decode(b"\0" * 4096) == []  # the reserve's zeros


@pytest.mark.linux_only("posix_fallocate reserves the space")
def test_a_journal_reserves_space_and_gives_it_back_on_close(tmp_path: Path) -> None:
    folder = tmp_path / journal.FOLDER
    kept = Journal(folder, "abc")
    kept.append({"kind": "start", "session": "abc"})
    assert kept.path.stat().st_size == journal.RESERVE_BYTES
    kept.append_all([{"kind": "set", "n": 1}, {"kind": "set", "n": 2}])
    kept.close()
    data = kept.path.read_bytes()
    assert len(data) < 1000 and data.endswith(b"\n")
    assert [r.get("n") for r in decode(data)] == [None, 1, 2]


def test_a_journal_reopened_appends_after_what_is_there(tmp_path: Path) -> None:
    folder = tmp_path / journal.FOLDER
    first = Journal(folder, "abc")
    first.append({"n": 1})
    first.close()
    again = Journal(folder, "abc")
    again.append({"n": 2})
    again.close()
    assert [r["n"] for r in decode(again.path.read_bytes())] == [1, 2]


def test_a_journal_its_writer_holds_is_not_claimed_and_removed_goes(tmp_path: Path) -> None:
    folder = tmp_path / journal.FOLDER
    live = Journal(folder, "live")
    live.append({"n": 1})
    with claimed(live.path) as records:
        assert records is None  # a workout still running writes it
    live.close()
    with claimed(live.path) as records:
        assert records == [{"n": 1}]
    assert leftovers(folder) == [live.path]
    live.remove()
    assert leftovers(folder) == [] and not live.path.exists()


def test_an_append_to_a_removed_journal_fails_loudly(tmp_path: Path) -> None:
    gone = Journal(tmp_path / journal.FOLDER, "gone")
    gone.append({"n": 1})
    gone.remove()
    with pytest.raises(OSError):
        gone.append({"n": 2})
    assert not os.path.exists(gone.path)


@pytest.mark.posix_only("Windows deletes no file a process holds open")
@pytest.mark.parametrize("deleted", ["file", "folder"])
def test_a_journal_deleted_under_the_workout_is_written_again_whole(
    tmp_path: Path, deleted: str
) -> None:
    import shutil

    folder = tmp_path / journal.FOLDER
    kept = Journal(folder, "abc")
    kept.append_all([{"n": 1}, {"n": 2}])
    if deleted == "file":
        kept.path.unlink()
    else:
        shutil.rmtree(folder)
    kept.append({"n": 3})
    # On disk again, every record so far, before the append returned.
    assert [r["n"] for r in decode(kept.path.read_bytes())] == [1, 2, 3]
    kept.close()
    assert [r["n"] for r in decode(kept.path.read_bytes())] == [1, 2, 3]
