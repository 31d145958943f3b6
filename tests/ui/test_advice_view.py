"""The advice card: a title per outcome, the CLI's words, the clause that decided, and
every clause with its status."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from circuit_timer.core.pain import ClauseCheck, PainAdvice, pain_advice
from circuit_timer.core.records import PainEntry, SessionRecord
from circuit_timer.ui.advice_view import AdviceView, advice_title, decided_text

DAY = date(2026, 11, 20)


def session(after: int | None) -> SessionRecord:
    return SessionRecord("s1", "pf", DAY, "completed", datetime(2026, 11, 20, 7, tzinfo=UTC),
                         pain_after=after)  # fmt: skip


def test_titles_follow_the_advice() -> None:
    assert advice_title(pain_advice([], [session(2)], DAY)) == "Keep the planned load"
    assert advice_title(pain_advice([], [session(5)], DAY)) == (
        "Keep the planned load, do not add to it yet"
    )
    assert advice_title(pain_advice([], [session(7)], DAY)) == "Go lighter next session"
    # Nothing entered is not "safe".
    assert advice_title(pain_advice([], [session(None)], DAY)) == "Nothing to go by yet"
    assert advice_title(pain_advice([], [], DAY)) == "Nothing to go by yet"


def test_the_card_shows_the_deciding_clause_and_every_check(qtbot: QtBot) -> None:
    entries = [PainEntry(DAY, "morning", 2), PainEntry(date(2026, 11, 21), "morning", 4)]
    advice = pain_advice(entries, [session(3)], date(2026, 11, 21))
    assert advice.clause == "next-morning"
    view = AdviceView()
    qtbot.addWidget(view)
    view.set_advice(advice)
    assert view.message.text() == advice.message
    assert (
        view.decided.text()
        == decided_text(advice)
        == ("Decided by the next-morning check: the next morning no worse.")
    )
    text = view.plain_text()
    for check in advice.checks:
        assert check.reason in text
    assert "\u2717 broken The next morning no worse" in text
    assert "\u2713 kept Pain during and after at most 5/10" in text
    assert "? not known Morning pain not rising week to week" in text


def test_no_clause_no_decided_line(qtbot: QtBot) -> None:
    view = AdviceView(rule=False)
    qtbot.addWidget(view)
    view.show()
    advice = PainAdvice("safe", False, "Fine.", [], None, "Fine.",
                        [ClauseCheck("during-after", "kept", "Fine.")])  # fmt: skip
    view.set_advice(advice)
    assert not view.decided.isVisible() and not view.footer.isVisible()
    view.set_error("No history.")
    assert view.title.text() == "No advice" and not view.checks.isVisible()
    view.set_advice(advice)
    assert view.checks.isVisible()
