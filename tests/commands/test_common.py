"""What every command shares: finding a circuit or plan by id or by file, with a one-line
error that suggests the nearest id; opening the store; printing."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from circuit_timer.commands.common import (
    CommandError,
    find_circuit,
    find_entry,
    is_file_argument,
    open_store,
    print_json,
    user_library,
)

MINE = "title: Mine\nblocks:\n  - exercises:\n      - {id: hop, name: Hop, work: 5}\n"


def test_an_argument_is_a_file_when_it_looks_like_one(tmp_path: Path) -> None:
    assert is_file_argument("mine.yaml") and is_file_argument("mine.yml")
    assert is_file_argument(f"circuits{os.sep}mine")
    assert not is_file_argument("pf-crash-course")
    (tmp_path / "plain").write_text(MINE)
    assert is_file_argument(str(tmp_path / "plain"))


def test_find_entry_by_id_suggests_the_nearest_when_misspelt() -> None:
    library = user_library()
    assert find_entry(library, "pf-crash-course").kind == "circuit"
    assert find_entry(library, "pf-crash-course-4-weeks").kind == "plan"
    with pytest.raises(CommandError, match=r"did you mean 'pf-crash-course'\?"):
        find_entry(library, "pf-crash-corse")
    with pytest.raises(CommandError, match="see: circuit-timer list"):
        find_entry(library, "zzzzzzzzzzzzzzzzzzzz")


def test_find_circuit_refuses_a_plan_by_id_and_by_file(tmp_path: Path) -> None:
    library = user_library()
    with pytest.raises(CommandError, match="no circuit 'pf-crash-course-4-weeks'"):
        find_circuit(library, "pf-crash-course-4-weeks")
    path = tmp_path / "mine.yaml"
    path.write_text(MINE)
    assert find_circuit(library, str(path)).id == "mine"
    with pytest.raises(CommandError, match="no such file"):
        find_circuit(library, str(tmp_path / "gone.yaml"))


def test_a_broken_file_is_named_with_its_problems_not_loaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("title: Broken\nblocks: []\n")
    with pytest.raises(CommandError, match="has problems; fix them first"):
        find_entry(user_library(), str(path))
    # Each problem is one line on stderr, naming the file.
    err = capsys.readouterr().err
    assert err and all(line.startswith(str(path)) for line in err.splitlines())


def test_open_store_opens_the_runners_history_in_the_data_folder(private_home: Path) -> None:
    with open_store() as store:
        store.add_pain(date(2026, 11, 24), "morning", 2)
    assert (private_home / "history.db").is_file()


def test_print_json_keeps_non_ascii_readable(capsys: pytest.CaptureFixture[str]) -> None:
    print_json({"title": "Füße"})
    out = capsys.readouterr().out
    assert "Füße" in out and out.endswith("}\n") and json.loads(out) == {"title": "Füße"}


def test_problems_and_said_text_lose_their_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from circuit_timer.commands.common import say, warn
    from circuit_timer.core.problems import Problem

    warn([Problem("evil.yaml", 1, 2, "unknown key 'x\x1b]0;pwned\x07'")])
    say("Title\x1b[2J\tnote\nnext")
    out, err = capsys.readouterr()
    assert err == "evil.yaml:1:2: unknown key 'x]0;pwned'\n"
    assert out == "Title[2J\tnote\nnext\n"
