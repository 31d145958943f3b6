"""The progression rule, clause by clause: advance, hold, back and as-planned, the 10 days
before the race, a late start, and the edges the spec leaves open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from circuit_timer.core.ladder import BACK
from circuit_timer.core.library import load_library
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.pain import Clause, PainAdvice, PainLevel, advice_of
from circuit_timer.core.progression import (
    LadderSession,
    SetReps,
    adapted_circuit,
    climb_days,
    decide,
    plan_decisions,
    set_reps,
)
from circuit_timer.core.records import SetRecord
from tests.paths import REPO

CIRCUIT = Circuit.model_validate(
    {
        "id": "pf",
        "title": "PF",
        "blocks": [
            {
                "exercises": [
                    {
                        "id": "raise",
                        "name": "Heel raises",
                        "sets": 3,
                        "reps": 12,
                        "tempo": "3-2-3",
                        "sides": "each",
                    },
                    {"id": "hop", "name": "Hops", "sets": 3, "work": 10},
                ]
            }
        ],
    }
)
RAISE = CIRCUIT.blocks[0].exercises[0]
PLAN = Plan.model_validate(
    {
        "id": "p",
        "title": "P",
        "weeks": [
            {
                "weeks_out": 2,
                "sessions": [
                    {"days_before_race": 18, "circuit": "pf", "scale": 0.5},
                    {
                        "days_before_race": 16,
                        "circuit": "pf",
                        "adjust": {"raise": {"sets": 4, "reps": 10, "load": "10RM"}},
                    },
                ],
            }
        ],
        "progression": {
            "raise": {
                "steps": [
                    {"sets": 3, "reps": 12, "load": "12RM"},
                    {"sets": 4, "reps": 10, "load": "10RM"},
                    {"sets": 5, "reps": 8, "load": "8RM"},
                ],
                "back": {"sets": 2, "load": "both legs"},
            }
        },
    }
)
LADDER = PLAN.progression["raise"]
LADDER_LOAD_12 = (
    "12RM (you could just manage 12). Bodyweight first; add books in a backpack when 12 feel easy."
)
RACE = date(2026, 12, 31)
TODAY = RACE - timedelta(days=25)


def advice(
    level: PainLevel = "safe", clause: Clause | None = None, reason: str = "Because."
) -> PainAdvice:
    return PainAdvice(level, clause is not None, "", [], clause, reason, [])


def session(
    days_ago: int,
    step: int | None = 0,
    done: tuple[int | None, ...] = (12, 12, 12),
    target: int = 12,
    after: int | None = 2,
    completed: bool = True,
) -> LadderSession:
    sets = tuple(SetReps(target, d) for d in done)
    return LadderSession(TODAY - timedelta(days=days_ago), step, sets, completed, None, after)


GOOD = (session(4), session(2))
GOOD_STEP_2 = (
    session(6),
    session(4, step=1, done=(10,) * 4, target=10),
    session(2, 1, (10,) * 4, 10),
)

CASES = [
    # id, history, advice, days to race, (decision, step, reason words)
    ("no history: first step", (), advice("none"), 25, ("as-planned", 0, "First session")),
    ("two good sessions advance", GOOD, advice(), 25, ("advance", 1, "4 x 10, load: 10RM")),
    ("step 2 earned again", GOOD_STEP_2, advice(), 25, ("advance", 2, "5 x 8, load: 8RM")),
    ("one good session at a step", (session(2),), advice(), 25, ("hold", 0, "One more session")),
    (
        "the step just reached needs two of its own",
        (session(4), session(2, step=1, done=(10,) * 4, target=10)),
        advice(),
        25,
        ("hold", 1, "One more session"),
    ),
    ("pain 4-5 holds", GOOD, advice("acceptable"), 25, ("hold", 0, "no added load")),
    (
        "pain 4-5 in the session holds",
        (session(4), session(2, after=5)),
        advice(),
        25,
        ("hold", 0, "Pain reached 5/10"),
    ),
    (
        "reps missed once holds",
        (session(4), session(2, done=(12, 10, 12))),
        advice(),
        25,
        ("hold", 0, "Reps missed last session"),
    ),
    (
        "a miss two sessions ago blocks the advance",
        (session(4, done=(12, 9, 12)), session(2)),
        advice(),
        25,
        ("hold", 0, "One more session"),
    ),
    (
        "reps missed twice running steps back",
        (session(4, step=1, done=(10, 8), target=10), session(2, 1, (9, 10), 10)),
        advice(),
        25,
        ("back", 0, "missed two sessions running"),
    ),
    (
        "pain over 5 steps back",
        GOOD_STEP_2,
        advice("too-much", "during-after"),
        25,
        ("back", 0, "Pain passed 5/10"),
    ),
    (
        "a worse next morning steps back",
        GOOD_STEP_2,
        advice("safe", "next-morning"),
        25,
        ("back", 0, "next morning was worse"),
    ),
    (
        "morning pain rising steps back",
        GOOD_STEP_2,
        advice("safe", "week-to-week"),
        25,
        ("back", 0, "Morning pain rose week on week"),
    ),
    (
        "back from the first step is the back option",
        GOOD,
        advice("too-much", "during-after"),
        25,
        ("back", BACK, "2 x 12, load: both legs"),
    ),
    (
        "back stays below the first step",
        (session(2, step=BACK),),
        advice("too-much", "during-after"),
        25,
        ("back", BACK, "steps back to 2 x 12"),
    ),
    ("no advance 10 days out", GOOD, advice(), 10, ("hold", 0, "10 days to the race")),
    ("advance 11 days out", GOOD, advice(), 11, ("advance", 1, "moves up")),
    (
        "back still happens in the taper window",
        GOOD_STEP_2,
        advice("too-much", "during-after"),
        5,
        ("back", 0, "Pain passed"),
    ),
    (
        "top of the ladder holds",
        (*GOOD_STEP_2[1:], session(1, 2, (8,) * 5, 8), session(0, 2, (8,) * 5, 8)),
        advice(),
        25,
        ("hold", 2, "Top of the ladder"),
    ),
    (
        "reps not counted is no evidence",
        (session(4), session(2, done=(12, None, 12))),
        advice(),
        25,
        ("hold", 0, "not counted"),
    ),
    (
        "no pain score is not safe",
        (session(4, after=None), session(2, after=None)),
        advice("none"),
        25,
        ("hold", 0, "No pain score"),
    ),
    (
        "a partial session is ignored",
        (session(4), session(2), session(1, done=(5,), completed=False)),
        advice(),
        25,
        ("advance", 1, "moves up"),
    ),
    (
        "a session run as written breaks the run",
        (session(4), session(2, step=None)),
        advice(),
        25,
        ("hold", 0, "One more session"),
    ),
    (
        "a later session is ignored (as of today)",
        (session(4), session(2), session(-2, done=(1, 1, 1))),
        advice(),
        25,
        ("advance", 1, "moves up"),
    ),
    (
        "no history but lighter advice starts below the first step",
        (),
        advice("none", "week-to-week"),
        25,
        ("back", BACK, "starts lower"),
    ),
]


@pytest.mark.parametrize(
    ("history", "pain", "days", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule(
    history: tuple[LadderSession, ...],
    pain: PainAdvice,
    days: int,
    expected: tuple[str, int, str],
) -> None:
    result = decide(RAISE, LADDER, history, pain, TODAY, TODAY + timedelta(days=days))
    decision, step, words = expected
    assert (result.decision, result.step) == (decision, step)
    assert words in result.reason
    assert result.reason.count("\n") == 0


def test_the_reason_names_the_dose() -> None:
    result = decide(RAISE, LADDER, (session(2, after=4),), advice(), TODAY, RACE)
    assert (
        result.reason
        == "Pain reached 4/10: Heel raises stays at 3 x 12, load: 12RM, no added load."
    )


def _mornings(*values: int) -> list[tuple[date, int]]:
    """First-step morning scores on the days up to TODAY, the last on TODAY."""
    start = TODAY - timedelta(days=len(values) - 1)
    return [(start + timedelta(days=i), v) for i, v in enumerate(values)]


def test_a_rise_in_morning_pain_says_the_two_averages_it_compared() -> None:
    rising = advice_of(_mornings(*[1] * 7, *[4] * 7), None, [])
    back = decide(RAISE, LADDER, GOOD_STEP_2, rising, TODAY, RACE)
    assert back.reason == (
        "Morning pain rose week on week (average 4.0/10 over the last 7 mornings you scored, "
        "up from 1.0/10 over the 7 before): Heel raises steps back to 3 x 12, load: 12RM."
    )
    first = decide(RAISE, LADDER, (), rising, TODAY, RACE)
    assert first.reason == (
        "Morning pain rose week on week (average 4.0/10 over the last 7 mornings you scored, "
        "up from 1.0/10 over the 7 before): Heel raises starts lower, at 2 x 12, load: "
        "both legs."
    )


def test_a_rise_over_fewer_mornings_before_says_how_many() -> None:
    # Eight scored mornings are enough for the clause: the earlier average has one.
    rising = advice_of(_mornings(1, *[4] * 7), None, [])
    back = decide(RAISE, LADDER, GOOD_STEP_2, rising, TODAY, RACE)
    said = "(average 4.0/10 over the last 7 mornings you scored, up from 1.0/10 over the one"
    assert f"{said} before): Heel raises steps back" in back.reason


def test_a_late_start_begins_at_the_first_step_and_says_the_ladder_will_not_be_climbed() -> None:
    assert (
        climb_days(LADDER) == 18
    )  # 10 days without advance + 2 climbs of 2 sessions, 2 days apart
    late = decide(RAISE, LADDER, (), advice("none"), TODAY, TODAY + timedelta(days=17))
    assert (late.decision, late.step, late.change) == ("as-planned", 0, LADDER.steps[0])
    assert late.notice is not None and "will not be climbed before race day" in late.notice
    in_time = decide(RAISE, LADDER, (), advice("none"), TODAY, TODAY + timedelta(days=18))
    assert in_time.step == 0 and in_time.notice is None


def test_the_plan_as_written_when_the_runner_chose_it() -> None:
    result = decide(RAISE, LADDER, GOOD, advice(), TODAY, RACE, as_written=True)
    assert (result.decision, result.step, result.change) == ("as-planned", None, None)
    assert "as written" in result.reason


def test_set_reps_reads_the_exercise_sets() -> None:
    day = TODAY
    stored = [
        SetRecord("s", day, 0, 1, "raise", 1, "left", 12, 12, 24.0),
        SetRecord("s", day, 0, 1, "hop", 1, None, None, None, 10.0),
        SetRecord("s", day, 0, 1, "raise", 1, "right", 12, None, 24.0),
    ]
    assert set_reps(stored, "raise") == (SetReps(12, 12), SetReps(12, None))


def test_the_adapted_circuit_puts_the_step_under_the_sessions_changes() -> None:
    four = decide(RAISE, LADDER, GOOD, advice(), TODAY, RACE)
    scaled, adjusted = (w for w in PLAN.weeks[0].sessions)
    halved = adapted_circuit(PLAN, scaled, CIRCUIT, [four], lambda _: CIRCUIT)
    raise_, hop = halved.blocks[0].exercises
    # The step (4 x 10, 10RM), then the session's scale: half the sets, same load.
    assert (raise_.sets, raise_.reps, raise_.load, hop.sets) == (2, 10, "10RM", 2)
    # The plan as written's adjust is set aside where the step sets the same keys.
    held = decide(RAISE, LADDER, (session(2),), advice(), TODAY, RACE)
    kept = adapted_circuit(PLAN, adjusted, CIRCUIT, [held], lambda _: CIRCUIT)
    assert (kept.blocks[0].exercises[0].sets, kept.blocks[0].exercises[0].reps) == (3, 12)
    assert CIRCUIT.blocks[0].exercises[0].sets == 3  # the circuit itself is untouched


def test_as_written_leaves_the_plans_dose() -> None:
    written = decide(RAISE, LADDER, GOOD, advice(), TODAY, RACE, as_written=True)
    same = adapted_circuit(PLAN, PLAN.weeks[0].sessions[1], CIRCUIT, [written], lambda _: CIRCUIT)
    assert (same.blocks[0].exercises[0].sets, same.blocks[0].exercises[0].reps) == (4, 10)


def test_the_bundled_crash_course_as_the_issue_walks_it() -> None:
    library = load_library(REPO / "circuits", None)
    plan = library.plan("pf-crash-course-4-weeks")
    assert plan is not None
    race, today = date(2026, 12, 31), date(2026, 12, 5)

    def heel(days_ago: int, done: int = 12, after: int = 2) -> LadderSession:
        sets = (SetReps(12, 12), SetReps(12, done), SetReps(12, 12))
        return LadderSession(today - timedelta(days=days_ago), 0, sets * 2, True, None, after)

    def one(
        history: tuple[LadderSession, ...], pain: PainAdvice, day: date = today
    ) -> dict[str, object]:
        [result] = plan_decisions(
            plan, library.circuit, {"towel-heel-raise": history}, pain, day, race
        )
        return result.to_json()

    first = one((), advice("none"))
    assert (first["decision"], first["step"]) == ("as-planned", 0)
    assert first["dose"] == {"sets": 3, "reps": 12, "load": LADDER_LOAD_12}
    up = one((heel(4), heel(2)), advice())
    assert (up["decision"], up["dose"]["sets"], up["dose"]["reps"]) == ("advance", 4, 10)  # type: ignore[index]
    assert up["reason"] == (
        "Every rep done in the last two sessions, pain within bounds: Single-leg heel raise, "
        "towel under the toes moves up to 4 x 10, load: 10RM."
    )
    assert (
        one((heel(4), heel(2, after=7)), advice("too-much", "during-after"))["decision"] == "back"
    )
    assert one((heel(4), heel(2, done=9)), advice())["decision"] == "hold"
    late = one((heel(4), heel(2)), advice(), race - timedelta(days=10))
    assert late["decision"] == "hold" and "10 days to the race" in str(late["reason"])
