"""The malformed corpus (tests/data/malformed) and the problem each file must give, pinned
to LINE:COL and message (a helper, not a test module: tests/core/test_malformed.py checks
the pins, tests/reliability/test_hostile_circuits.py the corpus as a whole)."""

from __future__ import annotations

from tests.paths import DATA

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
