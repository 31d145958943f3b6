"""Morning-pain trend (Landorf 2010) and the pain-monitoring rule (Silbernagel 2007)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from circuit_timer.core.pain import (
    ClauseCheck,
    PainAdvice,
    WeekAverages,
    advice_of,
    last_session,
    morning_points,
    pain_advice,
    pain_trend,
    trend_of_points,
)
from circuit_timer.core.records import PainEntry, PainKind, SessionRecord, SessionStatus

DAY0 = date(2026, 3, 1)


def morning(values: list[int], start: date = DAY0) -> list[PainEntry]:
    """One morning entry a day from ``start``."""
    return [PainEntry(start + timedelta(days=n), "morning", v) for n, v in enumerate(values)]


def entry(day: date, kind: PainKind, value: int, uuid: str | None = None) -> PainEntry:
    return PainEntry(day, kind, value, uuid)


def session(
    day: date,
    uuid: str = "s1",
    during: int | None = None,
    after: int | None = None,
    status: SessionStatus = "completed",
    hour: int = 18,
) -> SessionRecord:
    return SessionRecord(
        uuid=uuid,
        circuit_id="pf-crash-course",
        local_date=day,
        status=status,
        started_at=datetime.combine(day, time(hour), tzinfo=UTC),
        pain_during=during,
        pain_after=after,
    )


# --- trend --------------------------------------------------------------------------


def test_trend_of_nothing() -> None:
    t = pain_trend([], DAY0)
    assert (t.points, t.first, t.latest) == ([], None, None)
    assert (t.recent_average, t.previous_average, t.change) == (None, None, None)
    assert (t.meaningful, t.direction) == (False, "unknown")


def test_trend_points_take_the_last_entry_per_date_and_only_morning() -> None:
    entries = [
        entry(date(2026, 3, 2), "morning", 6),
        entry(date(2026, 3, 1), "morning", 5),
        entry(date(2026, 3, 2), "morning", 4),  # corrects the 6
        entry(date(2026, 3, 2), "after", 9),  # not morning pain
        entry(date(2026, 3, 4), "morning", 1),  # after today
    ]
    t = pain_trend(entries, today=date(2026, 3, 3))
    assert t.points == [(date(2026, 3, 1), 5), (date(2026, 3, 2), 4)]
    assert (t.first, t.latest) == (5, 4)
    assert t.recent_average == 4.5
    assert t.previous_average is None
    assert t.direction == "unknown"


def test_a_two_point_drop_is_meaningful_and_better() -> None:
    t = pain_trend(morning([6] * 7 + [4] * 7), today=date(2026, 3, 31))
    assert (t.previous_average, t.recent_average, t.change) == (6.0, 4.0, -2.0)
    assert (t.meaningful, t.direction) == (True, "better")
    assert (t.first, t.latest) == (6, 4)
    assert len(t.points) == 14


def test_a_smaller_change_is_steady() -> None:
    t = pain_trend(morning([6] * 7 + [5, 5, 5, 5, 5, 5, 4]), today=date(2026, 3, 31))
    assert t.change == pytest.approx(34 / 7 - 6)
    assert (t.meaningful, t.direction) == (False, "steady")


def test_exactly_two_points_up_is_meaningful_despite_float_rounding() -> None:
    # 39/7 - 25/7 is 1.9999999999999996 in floats; it is exactly 2.
    t = pain_trend(
        morning([*[4, 4, 4, 4, 3, 3, 3], *[6, 6, 6, 6, 5, 5, 5]]), today=date(2026, 4, 1)
    )
    assert (t.meaningful, t.direction) == (True, "worse")


def test_averages_use_days_with_an_entry_and_stop_at_today() -> None:
    # Entries every other day: the last 7 entries, not the last 7 calendar days.
    entries = [
        PainEntry(DAY0 + timedelta(days=2 * n), "morning", v)
        for n, v in enumerate([8, 8, 7, 3, 3, 3, 3, 3, 3, 3, 0])
    ]
    t = pain_trend(entries, today=DAY0 + timedelta(days=18))  # the 0 on day 20 is ignored
    assert t.latest == 3
    assert t.recent_average == 3.0  # entries 4-10
    assert t.previous_average == pytest.approx(23 / 3)  # entries 1-3: 8, 8, 7
    assert t.direction == "better"


# --- advice -------------------------------------------------------------------------


def test_no_session_no_advice() -> None:
    advice = pain_advice(morning([3]), [], today=DAY0)
    assert advice.level == "none"
    assert advice.lighter_next_time is False
    assert advice.reasons == []
    assert "no pain to check" in advice.message


def test_above_five_after_is_too_much() -> None:
    advice = pain_advice([], [session(DAY0, after=7)], today=DAY0)
    assert advice == PainAdvice(
        level="too-much",
        lighter_next_time=True,
        message=(
            "Pain after your last session was 7/10: above 5 is too much. "
            "Reduce the load next session."
        ),
        reasons=["Pain after your last session was 7/10: above 5 is too much."],
        clause="during-after",
        reason="Pain after your last session was 7/10: above 5 is too much.",
        checks=[
            ClauseCheck(
                "during-after",
                "broken",
                "Pain after your last session was 7/10: above 5 is too much.",
            ),
            ClauseCheck(
                "next-morning",
                "unknown",
                "There is no first-step morning score from the morning of the session to "
                "compare the next morning with.",
            ),
            ClauseCheck(
                "week-to-week",
                "unknown",
                "Fewer than 8 first-step morning scores so far: there is no week-to-week "
                "trend yet.",
            ),
        ],
    )


@pytest.mark.parametrize(
    ("score", "level", "lighter"),
    [
        (0, "safe", False),
        (3, "safe", False),
        (4, "acceptable", False),
        (5, "acceptable", False),
        (6, "too-much", True),
        (10, "too-much", True),
    ],
)
def test_silbernagel_bands(score: int, level: str, lighter: bool) -> None:
    advice = pain_advice([], [session(DAY0, during=score)], today=DAY0)
    assert (advice.level, advice.lighter_next_time) == (level, lighter)
    assert advice.message.startswith(f"Pain during your last session was {score}/10")


def test_the_worse_of_during_and_after_sets_the_level() -> None:
    advice = pain_advice([], [session(DAY0, during=2, after=5)], today=DAY0)
    assert advice.level == "acceptable"
    assert advice.message.startswith("Pain after your last session was 5/10: 4-5 is acceptable.")
    assert len(advice.reasons) == 2
    # Without the next morning's score yet, the runner is told what to watch for.
    assert "next morning" in advice.message


def test_separate_entries_fill_in_a_session_without_scores() -> None:
    entries = [
        entry(DAY0, "after", 6, uuid="other"),  # another session's score
        entry(DAY0, "during", 2),  # untied, same date
        entry(DAY0, "after", 4, uuid="s1"),  # tied to this session
        entry(DAY0 - timedelta(days=1), "after", 9),  # another date
    ]
    advice = pain_advice(entries, [session(DAY0)], today=DAY0)
    assert advice.level == "acceptable"
    assert advice.reasons == [
        "Pain during your last session was 2/10: 0-3 is safe.",
        "Pain after your last session was 4/10: 4-5 is acceptable.",
    ]


def test_the_sessions_own_score_wins_over_an_entry() -> None:
    entries = [entry(DAY0, "after", 8, uuid="s1")]
    advice = pain_advice(entries, [session(DAY0, after=2)], today=DAY0)
    assert advice.level == "safe"


def test_the_latest_session_up_to_today_is_used_partial_included() -> None:
    sessions = [
        session(date(2026, 3, 5), uuid="future", after=9),
        session(DAY0, uuid="early", after=8, hour=7),
        session(DAY0, uuid="late", after=1, status="partial", hour=19),
    ]
    advice = pain_advice([], sessions, today=date(2026, 3, 4))
    assert (advice.level, advice.lighter_next_time) == ("safe", False)


def test_a_session_without_any_score() -> None:
    advice = pain_advice([], [session(DAY0)], today=DAY0)
    assert (advice.level, advice.lighter_next_time) == ("none", False)
    assert advice.message.startswith("No pain score was recorded for your last session.")


def test_worse_the_next_morning_means_lighter_next_time() -> None:
    day = date(2026, 3, 10)
    entries = [
        entry(date(2026, 3, 8), "morning", 5),
        entry(date(2026, 3, 9), "morning", 2),  # the latest on or before the session day
        entry(date(2026, 3, 11), "morning", 3),
    ]
    advice = pain_advice(entries, [session(day, after=3)], today=date(2026, 3, 11))
    assert advice.level == "safe"
    assert advice.lighter_next_time is True
    assert advice.message == (
        "Your first-step pain the morning after was 3/10, up from 2/10 before the session: "
        "it should not be worse the next morning. Reduce the load next session."
    )


def test_same_next_morning_is_fine() -> None:
    day = date(2026, 3, 10)
    entries = [entry(day, "morning", 3), entry(date(2026, 3, 11), "morning", 3)]
    advice = pain_advice(entries, [session(day, after=3)], today=date(2026, 3, 11))
    assert advice.lighter_next_time is False
    assert advice.message == "Pain after your last session was 3/10: 0-3 is safe. " + (
        "You can keep the planned load."
    )
    assert advice.reasons[-1] == (
        "Your first-step pain the morning after was 3/10, no worse than 3/10 before the session."
    )


def test_next_morning_after_today_is_not_looked_at() -> None:
    day = date(2026, 3, 10)
    entries = [entry(day, "morning", 1), entry(date(2026, 3, 11), "morning", 6)]
    advice = pain_advice(entries, [session(day, after=2)], today=day)
    assert advice.lighter_next_time is False


def test_too_much_and_worse_next_morning_give_both_reasons() -> None:
    day = date(2026, 3, 10)
    entries = [entry(day, "morning", 2), entry(date(2026, 3, 11), "morning", 4)]
    advice = pain_advice(entries, [session(day, during=6)], today=date(2026, 3, 12))
    assert advice.level == "too-much"
    assert advice.lighter_next_time is True
    assert len(advice.reasons) == 2
    assert advice.message.endswith("Reduce the load next session.")
    assert advice.message.count("Reduce the load") == 1


# --- the three clauses, one by one ----------------------------------------------------


def check(advice: PainAdvice, clause: str) -> ClauseCheck:
    [found] = [c for c in advice.checks if c.clause == clause]
    return found


@pytest.mark.parametrize(
    ("during", "after", "status", "lighter"),
    [
        (3, None, "kept", False),  # 0-3 safe
        (None, 5, "kept", False),  # 4-5 acceptable
        (5, 6, "broken", True),  # above 5 after
        (6, 0, "broken", True),  # above 5 during
    ],
)
def test_clause_during_after(
    during: int | None, after: int | None, status: str, lighter: bool
) -> None:
    advice = pain_advice([], [session(DAY0, during=during, after=after)], today=DAY0)
    assert check(advice, "during-after").status == status
    assert advice.lighter_next_time is lighter
    assert advice.clause == ("during-after" if lighter else None)
    if lighter:
        assert advice.reason in advice.message and "above 5 is too much" in advice.reason


def test_clause_during_after_absent_pain_is_unknown_never_safe() -> None:
    advice = pain_advice([], [session(DAY0)], today=DAY0)
    assert check(advice, "during-after").status == "unknown"
    assert advice.level == "none"
    assert "safe" not in advice.message
    assert advice.reason == "No pain score was recorded for your last session."


def test_clause_next_morning_worse_names_the_clause() -> None:
    day = date(2026, 3, 10)
    entries = [entry(day, "morning", 2), entry(day + timedelta(days=1), "morning", 3)]
    advice = pain_advice(entries, [session(day, after=1)], today=day + timedelta(days=1))
    assert (advice.lighter_next_time, advice.clause) == (True, "next-morning")
    assert check(advice, "next-morning").status == "broken"
    assert "should not be worse the next morning" in advice.reason


@pytest.mark.parametrize(("age", "status"), [(0, "kept"), (1, "kept"), (2, "kept"), (3, "unknown")])
def test_clause_next_morning_baseline_at_most_two_days_old(age: int, status: str) -> None:
    day = date(2026, 3, 10)
    entries = [
        entry(day - timedelta(days=age), "morning", 2),
        entry(day + timedelta(days=1), "morning", 2),
    ]
    advice = pain_advice(entries, [session(day, after=1)], today=day + timedelta(days=1))
    assert check(advice, "next-morning").status == status
    assert advice.lighter_next_time is False


def test_a_stale_baseline_is_no_baseline_and_the_advice_says_so() -> None:
    day = date(2026, 3, 10)
    # Three days older than the session: a rise to 6 the next morning cannot be judged.
    entries = [entry(date(2026, 3, 7), "morning", 1), entry(date(2026, 3, 11), "morning", 6)]
    advice = pain_advice(entries, [session(day, after=2)], today=date(2026, 3, 11))
    assert advice.lighter_next_time is False
    assert check(advice, "next-morning").status == "unknown"
    assert "07 Mar, more than 2 days earlier: it is no baseline" in advice.message


def test_clause_week_to_week_rising_morning_pain_means_lighter() -> None:
    # The case: 1/10 for a week, 4/10 the next, a 3/10 session in the second week.
    entries = morning([1] * 7 + [4] * 7)
    day = DAY0 + timedelta(days=10)
    advice = pain_advice(entries, [session(day, after=3)], today=DAY0 + timedelta(days=13))
    assert check(advice, "during-after").status == "kept"
    assert check(advice, "next-morning").status == "kept"  # 4 the morning after, 4 before
    assert check(advice, "week-to-week").status == "broken"
    assert (advice.lighter_next_time, advice.clause) == (True, "week-to-week")
    assert advice.level == "safe"
    assert advice.reason == (
        "Your first-step morning pain averaged 4.0/10 over the last 7 mornings you scored, "
        "against 1.0/10 over the 7 before: a rise of 2 points or more. Morning pain should "
        "not rise from week to week."
    )
    assert advice.message == f"{advice.reason} Reduce the load next session."


@pytest.mark.parametrize(
    ("before", "said"),
    [(7, "over the 7 before"), (3, "over the 3 before"), (1, "over the one before")],
)
def test_the_advice_carries_the_two_averages_and_how_many_mornings_each_has(
    before: int, said: str
) -> None:
    # From the 8th scored morning the clause is judged, on fewer than 7 mornings before.
    entries = morning([1] * before + [4] * 7)
    advice = pain_advice(entries, [], today=DAY0 + timedelta(days=before + 6))
    assert advice.week == WeekAverages(1.0, 4.0, before, 7)
    assert advice.clause == "week-to-week"
    assert f"averaged 4.0/10 over the last 7 mornings you scored, against 1.0/10 {said}:" in (
        advice.reason
    )


def test_no_averages_before_the_eighth_morning() -> None:
    advice = pain_advice(morning([1] * 7), [], today=DAY0 + timedelta(days=6))
    assert advice.week is None
    assert check(advice, "week-to-week").status == "unknown"


@pytest.mark.parametrize(
    ("second_week", "status"), [([2] * 7, "kept"), ([3] * 7, "broken"), ([0] * 7, "kept")]
)
def test_clause_week_to_week_two_points_is_the_threshold(
    second_week: list[int], status: str
) -> None:
    advice = pain_advice(morning([1] * 7 + second_week), [], today=DAY0 + timedelta(days=13))
    assert check(advice, "week-to-week").status == status
    assert advice.lighter_next_time is (status == "broken")


def test_week_to_week_counts_without_any_session() -> None:
    advice = pain_advice(morning([1] * 7 + [4] * 7), [], today=DAY0 + timedelta(days=13))
    assert (advice.lighter_next_time, advice.clause, advice.level) == (True, "week-to-week", "none")
    assert [c.status for c in advice.checks] == ["unknown", "unknown", "broken"]
    assert advice.message.endswith("Reduce the load next session.")


def test_the_first_broken_clause_decides_and_every_broken_one_is_said() -> None:
    entries = morning([1] * 7 + [4] * 7)
    day = DAY0 + timedelta(days=10)
    advice = pain_advice(entries, [session(day, during=7)], today=DAY0 + timedelta(days=13))
    assert advice.clause == "during-after"
    assert [c.status for c in advice.checks] == ["broken", "kept", "broken"]
    assert "above 5 is too much" in advice.message
    assert "should not rise from week to week" in advice.message
    assert advice.message.count("Reduce the load") == 1


def test_the_trend_and_advice_from_only_what_they_read() -> None:
    entries = [*morning([3, 3, 2, 4, 3, 3, 2, 5, 5, 6, 5, 6, 6, 5]),
               entry(DAY0 + timedelta(days=9), "after", 4)]  # fmt: skip
    sessions = [session(DAY0 + timedelta(days=9), "early", hour=7),
                session(DAY0 + timedelta(days=9), "late", hour=18),
                session(DAY0 + timedelta(days=3), "old", during=8)]  # fmt: skip
    today = DAY0 + timedelta(days=12)
    points = morning_points(entries, today)
    last = last_session(sessions)
    assert last is not None and last.uuid == "late"
    on_its_day = [e for e in entries if e.date == last.local_date]
    assert trend_of_points(points) == pain_trend(entries, today)
    assert advice_of(points, last, on_its_day) == pain_advice(entries, sessions, today)
    assert advice_of(points, None, []) == pain_advice(entries, [], today)
    assert last_session([]) is None
