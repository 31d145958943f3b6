"""Malformed and hostile circuit and plan files: each problem pinned to LINE:COL and message.

Every file in tests/data/malformed is here; a new file there without an entry fails.
Plans are checked beside tests/data/valid/basic.yaml, the circuit they refer to.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from circuit_timer.core import yaml_nodes, yaml_source
from circuit_timer.core.library import load_library
from circuit_timer.core.yaml_source import MAX_FILE_BYTES
from tests.conftest import DATA

MALFORMED = DATA / "malformed"
BASIC = DATA / "valid" / "basic.yaml"

EXPECTED: dict[str, list[tuple[int, int, str]]] = {
    "alias-bomb.yaml": [
        (5, 20, "aliases expand to more than 50000 values; refusing the file (an alias bomb?)"),
    ],
    "bad-block-kind.yaml": [
        (
            3,
            11,
            "'kind' must be one of 'warmup', 'rehab', 'strength', 'plyometric', 'mobility', 'cooldown'; got 'cardio'",
        ),
    ],
    "bad-circuit-id.yaml": [
        (
            1,
            5,
            "'id' must be lowercase letters, digits and dashes, starting with a letter or digit (like 'towel-heel-raise'); got 'PF_Crash'",
        ),
    ],
    "bad-exercise-id.yaml": [
        (
            4,
            13,
            "'id' must be lowercase letters, digits and dashes, starting with a letter or digit (like 'towel-heel-raise'); got 'Towel Heel Raise'",
        ),
    ],
    "bad-sides.yaml": [
        (7, 16, "'sides' must be one of 'both', 'each'; got 'left'"),
    ],
    "binary-tag.yaml": [
        (5, 15, "tag '!!binary' is not allowed: circuit files hold plain data only"),
    ],
    "blocks-and-weeks.yaml": [
        (5, 1, "a file is either a circuit ('blocks:') or a plan ('weeks:'), not both"),
    ],
    "blocks-empty.yaml": [
        (2, 9, "'blocks' must not be empty"),
    ],
    "comments-only.yaml": [
        (1, 1, "file is empty"),
    ],
    "control-character.yaml": [
        (1, 13, "character U+0007 is not allowed in YAML text"),
    ],
    "duplicate-exercise-id.yaml": [
        (
            6,
            13,
            "duplicate exercise id 'pogo' (first used at line 4); ids must be unique within a circuit",
        ),
    ],
    "duplicate-key.yaml": [
        (7, 9, "duplicate key 'reps' (first given at line 6)"),
    ],
    "duration-fraction.yaml": [
        (
            6,
            15,
            '\'work\' must be a duration: whole seconds (45) or "45s", "2m", "1m30s", "1:30"; got the number 45.5',
        ),
    ],
    "duration-hours.yaml": [
        (
            6,
            15,
            '\'work\' must be a duration: whole seconds (45) or "45s", "2m", "1m30s", "1:30"; got \'1h\'',
        ),
    ],
    "duration-over-an-hour.yaml": [
        (3, 9, "'rest' must be at most 3600 s (1 hour); got 3601 s"),
    ],
    "duration-words.yaml": [
        (
            6,
            15,
            '\'work\' must be a duration: whole seconds (45) or "45s", "2m", "1m30s", "1:30"; got \'45 seconds\'',
        ),
    ],
    "empty.yaml": [
        (1, 1, "file is empty"),
    ],
    "exercises-not-list.yaml": [
        (4, 7, "'exercises' must be a list; got a mapping"),
    ],
    "format-newer.yaml": [
        (
            1,
            9,
            "'format' is 2: newer than this circuit-timer understands (it reads format 1); update circuit-timer to use this file",
        ),
    ],
    "format-text.yaml": [
        (1, 9, "'format' must be a whole number; got 'one'"),
    ],
    "hold-with-tempo.yaml": [
        (7, 9, "a 'hold' has no 'tempo': hold for 'hold' seconds instead"),
    ],
    "image-missing.yaml": [
        (7, 16, "image 'pictures/pogo.png' does not exist"),
    ],
    "image-outside.yaml": [
        (7, 16, "image '../../secret.png' leads outside the circuit's folder"),
    ],
    "missing-name.yaml": [
        (4, 9, "this exercise is missing required key 'name'"),
    ],
    "missing-title.yaml": [
        (2, 1, "the circuit is missing required key 'title'"),
    ],
    "misspelt-top-key.yaml": [
        (2, 1, "unknown key 'equipmnet' (did you mean 'equipment'?)"),
    ],
    "name-number.yaml": [
        (5, 15, "'name' must be text (put it in quotes); got the number 123"),
    ],
    "neither-blocks-nor-weeks.yaml": [
        (1, 1, "no 'blocks:' (a circuit) or 'weeks:' (a plan) at the top of the file"),
    ],
    "no-dose.yaml": [
        (
            4,
            9,
            "exercise 'bridge' has no dose: give one dose: 'work' (timed), 'reps' with or without 'tempo', or 'hold' (+ 'reps')",
        ),
    ],
    "not-utf8.yaml": [
        (1, 11, "not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    ],
    "pace-on-hold.yaml": [
        (
            7,
            9,
            "'pace' is a beat for an open rep set ('reps' without 'tempo'); this exercise has 'hold'",
        ),
    ],
    "pace-too-fast.yaml": [
        (7, 15, "'pace' must be beats per minute from 20 to 240; got 300"),
        (
            11,
            15,
            "'pace' must be beats per minute, a whole number from 20 to 240; got the number 12.5",
        ),
    ],
    "plan-adjust-unknown-key.yaml": [
        (8, 33, "unknown key 'tempo'; allowed: sets, reps, work, hold, load"),
    ],
    "plan-adjust-wrong-dose.yaml": [
        (
            8,
            23,
            "'pogo-hops' is timed ('work'), so a plan cannot set 'reps' on it (it can set: sets, work, load)",
        ),
    ],
    "plan-bad-weekday.yaml": [
        (
            5,
            14,
            "'day' must be one of 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'; got 'monday'",
        ),
    ],
    "plan-day-and-days-before.yaml": [
        (6, 9, "give either 'day' or 'days_before_race', not both"),
    ],
    "plan-days-before-outside-week.yaml": [
        (5, 27, "days_before_race 3 is not in week 1 out (days 7 to 13 before the race)"),
    ],
    "plan-no-day.yaml": [
        (5, 9, "this session needs a 'day' (mon..sun) or a 'days_before_race'"),
    ],
    "plan-scale-too-big.yaml": [
        (7, 16, "'scale' must be above 0 and at most 2; got 3"),
    ],
    "plan-unknown-circuit.yaml": [
        (6, 18, "unknown circuit 'basik' (did you mean 'basic'?)"),
    ],
    "plan-unknown-exercise.yaml": [
        (8, 11, "circuit 'basic' has no exercise 'towel-heel-raise'"),
    ],
    "plan-weeks-out-too-far.yaml": [
        (3, 16, "'weeks_out' must be from 0 to 52; got 53"),
    ],
    "plan-weeks-out-twice.yaml": [
        (6, 16, "weeks_out 2 is given twice (first at line 3)"),
    ],
    "python-object.yaml": [
        (
            1,
            8,
            "tag '!!python/object/apply:os.system' is not allowed: circuit files hold plain data only",
        ),
    ],
    "reps-empty.yaml": [
        (6, 9, "'reps' must be a whole number from 1 to 100; got nothing (null)"),
    ],
    "reps-over-100.yaml": [
        (6, 15, "'reps' must be from 1 to 100; got 101"),
    ],
    "sets-boolean.yaml": [
        (6, 15, "'sets' must be a whole number from 1 to 100; got the boolean true"),
    ],
    "sets-fraction.yaml": [
        (6, 15, "'sets' must be a whole number from 1 to 100; got the number 2.5"),
    ],
    "syntax-error.yaml": [
        (
            6,
            8,
            "YAML syntax error: expected <block end>, but found '<block mapping start>' (while parsing a block collection); check the indentation",
        ),
    ],
    # A tab is reported as what it is, at the tab, whatever the scanner calls it.
    "tab-after-dash.yaml": [
        (3, 4, "YAML syntax error: a tab where YAML needs a space; use spaces, not tabs"),
    ],
    "tab-after-spaces.yaml": [
        (4, 5, "YAML syntax error: a tab in the indentation; use spaces for indentation, not tabs"),
    ],
    "tab-indent.yaml": [
        (3, 1, "YAML syntax error: a tab in the indentation; use spaces for indentation, not tabs"),
    ],
    "tempo-all-zero.yaml": [
        (7, 16, "'tempo' must not be all zeros: a rep needs some time"),
    ],
    "tempo-phase-too-long.yaml": [
        (7, 16, "'tempo' phases must each be from 0 to 20 seconds; got [3, 21, 3]"),
    ],
    "tempo-two-phases.yaml": [
        (7, 16, "'tempo' must be a tempo like \"3-2-3\" (up-hold-down, optional pause); got '3-2'"),
    ],
    "tempo-without-reps.yaml": [
        (6, 9, "'tempo' needs 'reps': how many reps at this tempo?"),
    ],
    "test-not-boolean.yaml": [
        (7, 15, "'test' must be true or false; got 'yes'"),
    ],
    "test-with-tempo.yaml": [
        (
            8,
            9,
            "a test is an open rep set to failure ('reps' without 'tempo'); this exercise has 'tempo'",
        ),
    ],
    "top-level-list.yaml": [
        (
            1,
            1,
            "a circuit or plan file must be a mapping with a 'blocks:' or 'weeks:' key; got a list",
        ),
    ],
    "unknown-default.yaml": [
        (3, 3, "unknown key 'rest_between_sets' (did you mean 'rest'?)"),
    ],
    "unknown-key-no-suggestion.yaml": [
        (
            7,
            9,
            "unknown key 'colour'; allowed: id, name, sets, reps, tempo, work, hold, sides, rest, load, cues, notes, image, test, pace",
        ),
    ],
    "unknown-key.yaml": [
        (6, 9, "unknown key 'rpes' (did you mean 'reps'?)"),
        (7, 9, "'tempo' needs 'reps': how many reps at this tempo?"),
    ],
    "work-and-reps.yaml": [
        (
            7,
            9,
            "'work' and 'reps' are two doses; a timed exercise has only 'work'. Give one dose: 'work' (timed), 'reps' with or without 'tempo', or 'hold' (+ 'reps')",
        ),
    ],
    "work-zero.yaml": [
        (6, 15, "'work' must be longer than 0 seconds"),
    ],
}


def problems_of(path: Path) -> list[tuple[int, int, str]]:
    library = load_library(None, None, [(BASIC, "basic.yaml"), (path, path.name)])
    return [(p.line, p.col, p.message) for p in library.problems if p.path == path.name]


def test_every_file_in_the_corpus_is_pinned() -> None:
    assert sorted(p.name for p in MALFORMED.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file(name: str) -> None:
    assert problems_of(MALFORMED / name) == EXPECTED[name]


def test_the_good_file_beside_them_is_valid() -> None:
    library = load_library(None, None, [(BASIC, "basic.yaml")])
    assert library.problems == []
    assert library.circuit("basic") is not None


def test_two_mebibyte_file_is_refused_at_once(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("title: Big\n" + "# padding\n" * (2 * 1024 * 1024 // 10) + "blocks: []\n")
    assert big.stat().st_size > 2 * 1024 * 1024 - 20
    assert problems_of(big) == [
        (1, 1, f"file is larger than the limit of {MAX_FILE_BYTES} bytes (1 MiB); refused")
    ]


def test_alias_bomb_is_refused_after_bounded_work_with_little_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bound the work, not the time: speed is for bench/, and a loaded machine is slow.
    visits = 0
    build = yaml_nodes._Builder.build

    def counting(self: yaml_nodes._Builder, *args: Any, **kwargs: Any) -> Any:
        nonlocal visits
        visits += 1
        return build(self, *args, **kwargs)

    monkeypatch.setattr(yaml_nodes._Builder, "build", counting)
    tracemalloc.start()
    problems = problems_of(MALFORMED / "alias-bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert problems and "alias bomb" in problems[0][2]
    # A few passes (libyaml, then the pure-Python path for places), each stopped at the limit.
    assert 0 < visits <= 3 * (yaml_source.MAX_VALUES + 1)
    assert peak < 64 * 1024 * 1024


def test_deep_nesting_is_refused_not_crashed(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: Deep\nblocks: " + "[" * 100_000 + "]" * 100_000 + "\n")
    problems = problems_of(deep)
    assert len(problems) == 1
    assert problems[0][:2] == (1, 1)


def test_object_tag_constructs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"title: !!python/object/apply:os.system ['touch {marker}']\nblocks: []\n")
    assert problems_of(evil)[0][:2] == (1, 8)
    assert not marker.exists()


def test_a_broken_file_does_not_take_the_library_down(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "good.yaml").write_text(BASIC.read_text())
    for name in ("not-utf8.yaml", "alias-bomb.yaml", "syntax-error.yaml", "empty.yaml"):
        (folder / name).write_bytes((MALFORMED / name).read_bytes())
    library = load_library(folder, None)
    assert list(library.entries) == ["good"]
    assert {Path(p.path).name for p in library.problems} == {
        "not-utf8.yaml",
        "alias-bomb.yaml",
        "syntax-error.yaml",
        "empty.yaml",
    }


def test_validate_prints_no_traceback_for_any_malformed_file() -> None:
    files = [str(p) for p in sorted(MALFORMED.glob("*.yaml"))]
    result = subprocess.run(
        [sys.executable, "-m", "circuit_timer", "validate", str(BASIC), *files],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    problem_lines = [line for line in result.stderr.splitlines() if ".yaml:" in line]
    assert len(problem_lines) == sum(len(v) for v in EXPECTED.values())
