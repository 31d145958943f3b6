"""The library commands (validate, list, show, schema, new) on the runner's own files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commandline import Cli

MINE = "title: Mine\nblocks:\n  - exercises:\n      - {id: hop, name: Hop, work: 5}\n"


def test_validate_counts_files_and_kinds(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINE)
    (tmp_path / "b.yaml").write_text(MINE.replace("Mine", "Other"))
    assert cli.ok("validate", str(tmp_path)) == "2 files valid: 2 circuits, 0 plans\n"
    assert cli.ok("validate", str(tmp_path / "a.yaml")) == "1 file valid: 1 circuit, 0 plans\n"


def test_validate_sums_up_the_problems_after_listing_them(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(MINE)
    (tmp_path / "bad.yaml").write_text("title: Bad\nblocks: []\n")
    status, out, err = cli.run("validate", str(tmp_path))
    assert status == 1 and out == ""
    *problems, summary = err.splitlines()
    assert problems and all("bad.yaml" in line for line in problems)
    assert summary == f"{len(problems)} problem{'s' * (len(problems) > 1)} in 1 of 2 files"


def test_a_users_circuit_is_listed_and_shown_beside_the_bundled_ones(
    cli: Cli, private_home: Path
) -> None:
    (private_home / "circuits").mkdir()
    (private_home / "circuits" / "mine.yaml").write_text(MINE)
    listed = {e["id"]: e for e in json.loads(cli.ok("list", "--json"))}
    assert "mine" in listed and "pf-crash-course" in listed
    assert listed["mine"]["title"] == "Mine"
    shown = json.loads(cli.ok("show", "mine", "--json"))
    assert [s["kind"] for s in shown["segments"]][-1] == "work"


def test_new_then_list_finds_the_starter(cli: Cli, private_home: Path) -> None:
    out = cli.ok("new", "Hip strength")
    written = private_home / "circuits" / "hip-strength.yaml"
    assert written.is_file() and str(written) in out
    ids = [e["id"] for e in json.loads(cli.ok("list", "--json"))]
    assert "hip-strength" in ids
