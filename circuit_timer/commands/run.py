"""`circuit-timer run`: a workout in the terminal, recorded set by set."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace

from circuit_timer.commands.common import (
    EXIT_OK,
    CommandError,
    find_circuit,
    open_store,
    parse_speed,
    say,
    user_library,
)
from circuit_timer.commands.dates import today
from circuit_timer.core.clock import ScaledClock
from circuit_timer.core.dates import day_text
from circuit_timer.core.library import Library
from circuit_timer.core.model import Adjustment, Circuit
from circuit_timer.core.progression import dose_words
from circuit_timer.core.today import AdaptedSession, todays_session
from circuit_timer.session.cue_scheduler import favour_cue_thread
from circuit_timer.session.sound import MAX_SPEED_WITH_SOUND, SoundCues, sound_cues
from circuit_timer.session.workout import Origin, Workout
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.terminal.runner import TerminalRunner
from circuit_timer.terminal.summary import SETTLE_SECONDS, after_workout, line_asker, saved_line

EXIT_FINISHED_EARLY = 3


@dataclass(frozen=True)
class _Choice:
    """What runs, where it came from (for today's plan session with the ladder step of each
    laddered exercise, None: as written) and the line that says how it was adapted."""

    circuit: Circuit
    origin: Origin
    said: str | None = None


def _adaptation_line(adapted: AdaptedSession, as_written: bool) -> str | None:
    if not adapted.results:
        return None
    if as_written:
        return "Running the plan as written, as you chose (recorded with the session)."
    names = {ex.id: ex for block in adapted.circuit.blocks for ex in block.exercises}
    doses = "; ".join(
        f"{names[r.exercise_id].name} {dose_words(Adjustment(), names[r.exercise_id])} "
        f"({r.decision})"
        for r in adapted.results
        if r.change is not None and r.exercise_id in names
    )
    return f"Adapted to your last sessions: {doses}. For the plan as written: --as-written."


def _choice(args: argparse.Namespace, library: Library, store: HistoryStore) -> _Choice:
    if args.circuit:
        entry = find_circuit(library, args.circuit)
        assert isinstance(entry.document, Circuit)
        return _Choice(entry.document, Origin(circuit_hash=entry.digest))
    now = today(args)
    overview = insights.plan_overview(store, library, now)
    if overview is None:
        raise CommandError(
            "no circuit named and no active plan; try: circuit-timer run pf-crash-course"
        )
    found = todays_session(overview.today_sessions)
    if found is None or found.circuit is None:
        nxt = overview.next_session
        when = f"; next: {nxt.circuit_id} on {day_text(nxt.date, padded=True)}" if nxt else ""
        raise CommandError(f"no plan session left for today{when}")
    entry = library.entries[found.planned.circuit_id]
    origin = Origin(
        circuit_hash=entry.digest,
        plan_id=overview.followed.enrolment.plan_id,
        plan_week=found.planned.weeks_out,
    )
    as_written = bool(getattr(args, "as_written", False))
    adapted = insights.adapted_plan_session(
        store, library, overview.followed, found, now, as_written
    )
    if adapted is None:
        return _Choice(found.circuit, origin)
    # The steps go in the session's start record: written with the session, or replayed.
    origin = replace(origin, ladder_steps=dict(adapted.steps))
    return _Choice(adapted.circuit, origin, _adaptation_line(adapted, as_written))


def _choose(
    args: argparse.Namespace, library: Library, store: HistoryStore
) -> tuple[Circuit, Origin]:
    choice = _choice(args, library, store)
    return choice.circuit, choice.origin


def _sound(args: argparse.Namespace, speed: float, store: HistoryStore) -> SoundCues | None:
    """The cues for this run, or None (``--no-sound``, or too fast to hear)."""
    if args.no_sound:
        return None
    if speed > MAX_SPEED_WITH_SOUND:
        print(f"circuit-timer: sound is off above {MAX_SPEED_WITH_SOUND:g}x speed", file=sys.stderr)
        return None
    sound = sound_cues(store, voice_allowed=not args.no_voice)
    if sound.notice:
        print(f"circuit-timer: {sound.notice}", file=sys.stderr)
    return sound


def cmd_run(args: argparse.Namespace) -> int:
    """Run a workout; 0 when completed, 3 when finished early."""
    speed = parse_speed(args.speed)
    library = user_library()
    with open_store() as store:
        choice = _choice(args, library, store)
        circuit, origin = choice.circuit, choice.origin
        if choice.said:
            say(choice.said)
        sound = _sound(args, speed, store)
        listeners = [sound.listener] if sound else []
        favour_cue_thread()
        clock = ScaledClock(speed)
        # The session opens with the first completed set: a workout ended with none is
        # kept only when the runner says so (terminal.summary.after_workout).
        workout = Workout(circuit, clock, store, origin, cue_listeners=listeners, keep_empty=False)
        runner = TerminalRunner(workout, clock, auto=args.auto)
        try:
            status = runner.run()
        finally:
            workout.close()
            late = sound.close() if sound else None
            if late:  # the device failed during the workout
                print(f"circuit-timer: {late}", file=sys.stderr)
        for notice in workout.notices:
            print(f"circuit-timer: {notice}", file=sys.stderr)
        # Stopped by a signal, nobody is there to answer (or they asked us to stop).
        asking = runner.interactive and runner.stopped_by is None
        ask = line_asker(sys.stdin, sys.stdout) if asking else None
        after_workout(workout, ask, sys.stdout, today(args))
        written = workout.release(SETTLE_SECONDS)
    print(saved_line(workout, circuit.title, status, written=written), file=sys.stderr)
    return EXIT_OK if status == "completed" else EXIT_FINISHED_EARLY
