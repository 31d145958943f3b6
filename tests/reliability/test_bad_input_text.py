"""User text that could attack the runner's terminal or spreadsheet (issue 13): control
characters are stripped from list, show and history; CSV cells never start a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.commandline import Cli

TITLE = "Evil\x1b]0;pwned\x07 day\x1b[2J"
EVIL = """\
title: "Evil\\e]0;pwned\\a day\\e[2J"
blocks:
  - exercises:
      - {id: bridge, name: "Bridge\\e[2J", reps: 10, notes: "knee\\e]0;pwned\\a\\x9b1m"}
"""


def _library(home: Path) -> None:
    (home / "circuits").mkdir()
    (home / "circuits" / "evil.yaml").write_text(EVIL, encoding="utf-8")


def _clean(text: str) -> None:
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in text


def test_list_and_show_strip_escape_sequences(cli: Cli, private_home: Path) -> None:
    _library(private_home)
    listed = cli.ok("list")
    _clean(listed)
    assert "Evil]0;pwned day[2J" in listed
    shown = cli.ok("show", "evil")
    _clean(shown)
    assert "Bridge[2J: 10 reps" in shown
    assert "notes: knee]0;pwned1m" in shown


def test_history_strips_escape_sequences_from_notes(cli: Cli, private_home: Path) -> None:
    _library(private_home)
    cli.ok("log", "evil", "--note", "sore\x1b[2J\tleft")
    listed = cli.ok("history")
    _clean(listed)
    assert "sore[2J\tleft" in listed
    # The data itself is kept as given: JSON is for programs, and escapes it.
    assert "\\u001b[2J" in cli.ok("history", "--json")


def test_history_csv_cells_never_start_a_formula(cli: Cli, private_home: Path) -> None:
    _library(private_home)
    cli.ok("log", "evil", "--note", '=HYPERLINK("http://example.com","x")')
    cli.ok("log", "evil", "--date", "2026-01-02", "--note=-2+3")
    cli.ok("log", "evil", "--date", "2026-01-03", "--note", "@SUM(A1)")
    rows = list(csv.DictReader(io.StringIO(cli.ok("history", "--csv"))))
    notes = sorted(row["notes"] for row in rows)
    assert notes == ["'-2+3", '\'=HYPERLINK("http://example.com","x")', "'@SUM(A1)"]
    assert {row["circuit_title"] for row in rows} == {TITLE}
