"""The history in words: a session's name and row, a set, a pain score."""

from __future__ import annotations

from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import clock
from circuit_timer.core.records import SessionRecord, SetRecord

PARTIAL_WORDS = "PARTIAL"


def started_text(session: SessionRecord) -> str:
    """ "Wed 3 Jun 2026 07:30", in local time."""
    # Not strftime: under PySide6 each call goes through shiboken's import hook, which
    # costs more than the rest of a history row.
    local = session.started_at.astimezone()
    return f"{day_text(session.local_date, year=True)} {local.hour:02d}:{local.minute:02d}"


def session_name(session: SessionRecord) -> str:
    """ "Wed 3 Jun 2026 07:30 · Plantar fasciitis crash course"."""
    return f"{started_text(session)} · {session.circuit_title or session.circuit_id}"


def status_text(session: SessionRecord) -> str:
    """ "Completed", "PARTIAL", "Completed · log" (a session not run in the app)."""
    status = "Completed" if session.status == "completed" else PARTIAL_WORDS
    return status if session.source == "app" else f"{status} · {session.source}"


def pain_text(value: int | None) -> str:
    """ "3 / 10", or a dash for pain that was not entered (never 0)."""
    return "\u2013" if value is None else f"{value} / 10"


def session_row(session: SessionRecord, sets: int, reps: int) -> list[str]:
    """A session's cells: date and time, circuit, status, sets, reps, pain during and
    after, and its note on one line."""
    return [
        started_text(session),
        session.circuit_title or session.circuit_id,
        status_text(session),
        str(sets),
        str(reps),
        # Pain not entered is absent: a dash, never 0.
        pain_text(session.pain_during),
        pain_text(session.pain_after),
        (session.notes or "").replace("\n", " "),
    ]


def set_text(s: SetRecord) -> str:
    """One set in words: "Towel heel raise, left: set 2 of block 1, round 1 · 8 / 10 reps"."""
    name = s.exercise_name or s.exercise_id
    if s.side:
        name += f", {s.side}"
    done: list[str] = []
    if s.reps_done is not None or s.reps_target is not None:
        reps = "\u2013" if s.reps_done is None else str(s.reps_done)
        target = f" / {s.reps_target}" if s.reps_target is not None else ""
        last = s.reps_target if s.reps_target is not None else s.reps_done
        done.append(f"{reps}{target} {'rep' if last == 1 else 'reps'}")
    if s.seconds is not None:
        done.append(clock(s.seconds))
    if s.load:
        done.append(f"load {s.load}")
    if s.test:
        # A test's reps are only the runner's count: say when there is none.
        done.append("test, counted" if s.counted else "test, not counted")
    where = f"set {s.set_number} of block {s.block}, round {s.round}"
    return f"{name}: {where}" + (f" · {' · '.join(done)}" if done else "")
