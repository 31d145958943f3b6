"""History commands: log, history, streak, pain, asymmetry, export, import, settings."""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import asdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from circuit_timer.commands.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    find_circuit,
    open_store,
    print_json,
    say,
    user_library,
)
from circuit_timer.commands.dates import parse_date, today
from circuit_timer.core.adjust import apply_session
from circuit_timer.core.asymmetry import note_for
from circuit_timer.core.counts import exercise_loads, side_counts
from circuit_timer.core.dates import day_month
from circuit_timer.core.describe import import_summary, plural, week_name
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.pain import AVERAGE_DAYS
from circuit_timer.core.planned_sets import planned_sets
from circuit_timer.core.records import Enrolment, PainKind
from circuit_timer.core.schedule import PlannedSession
from circuit_timer.core.text_clean import csv_cell
from circuit_timer.core.timeline import compile_timeline
from circuit_timer.core.today import adapted_session
from circuit_timer.store import insights, settings
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.importing import ended_note, import_file
from circuit_timer.store.transfer import export_file

# More reps than anyone counts in one set: a typo, and a number the history maths
# (sums, SQLite's 64-bit integers) must never meet.
MAX_REPS = 1000


def _pain_score(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise CommandError(f"pain must be a whole number from 0 to 10, not {text!r}") from None
    if not 0 <= value <= 10:
        raise CommandError(f"pain must be from 0 to 10, not {value}")
    return value


def _plan_day_circuit(
    store: HistoryStore,
    library: Library,
    enrolment: Enrolment,
    planned: PlannedSession,
    circuit: Circuit,
    day: date,
) -> tuple[Circuit, dict[str, int | None]]:
    """The circuit a plan session on ``day`` prescribed, adapted by the progression rule as
    it stood that day, and the ladder step of each laddered exercise (to record)."""
    plan = library.plan(enrolment.plan_id)
    if plan is None or not plan.progression:
        return apply_session(circuit, planned.session), {}
    [followed] = insights.followed_plans([enrolment], library)
    results = insights.progression(store, library, followed, day)
    adapted = adapted_session(plan, planned, circuit, results, library.circuit)
    return adapted.circuit, adapted.steps


def cmd_log(args: argparse.Namespace) -> int:
    """Record a completed session with its planned sets."""
    now = today(args)
    day = parse_date(args.date, "--date") if args.date else now
    if day > now:
        raise CommandError(f"{day} is in the future; log a session once it is done")
    pain = _pain_score(args.pain) if args.pain is not None else None
    library = user_library()
    entry = find_circuit(library, args.circuit)
    circuit = entry.document
    assert isinstance(circuit, Circuit)
    with open_store() as store:
        found = insights.planned_for(store, library, circuit.id, day)
        enrolment, planned = found if found else (None, None)
        steps: dict[str, int | None] = {}
        if planned is not None and enrolment is not None:
            circuit, steps = _plan_day_circuit(store, library, enrolment, planned, circuit, day)
        try:
            counts = side_counts(circuit, args.count)
        except ValueError as exc:  # a bad EXERCISE=... is a usage error, as --load's
            raise CommandError(str(exc), EXIT_USAGE) from None
        try:
            loads = exercise_loads(circuit, args.load)
        except ValueError as exc:
            raise CommandError(str(exc), EXIT_USAGE) from None
        for (exercise_id, _), reps in counts.items():
            if reps > MAX_REPS:
                raise CommandError(
                    f"--count {exercise_id}: reps must be from 0 to {MAX_REPS}", EXIT_USAGE
                )
        seconds = float(compile_timeline(circuit).estimated_seconds)
        # Today: it ended now. Another day: noon, so its local date is certain.
        if day == date.today():
            ended = datetime.now(UTC)
        else:
            ended = datetime.combine(day, time(12, 0)).astimezone(UTC)
        started = ended - timedelta(seconds=seconds)
        uid = store.start_session(
            circuit.id,
            circuit_title=circuit.title,
            circuit_hash=entry.digest,
            plan_id=enrolment.plan_id if enrolment else None,
            plan_week=planned.weeks_out if planned else None,
            started_at=started,
            local_date=day,
            source="log",
            ladder_steps=steps,
        )
        sets = planned_sets(circuit)
        recorded = store.record_planned_sets(uid, sets, counts, loads)
        store.finish_session(uid, "completed", notes=args.note, pain_after=pain, ended_at=ended)
        # The left-right balance this session's counts give, at once.
        balance = [
            (a.exercise_id, a.note if a.latest.session_uuid == uid else note_for([point]))
            for a in insights.sides(store, day)
            for point in a.points
            if point.session_uuid == uid
        ]
    plan_note = f" for {week_name(planned.weeks_out)} of your plan" if planned else ""
    print(f"Logged {circuit.id} on {day}{plan_note}: {plural(recorded, 'set')}, completed.")
    for exercise_id, note in balance:
        print(f"{exercise_id}: {note}")
    uncounted = sorted({s.exercise_id for s in sets if s.test} - {e for e, _ in counts})
    if uncounted:
        print(
            f"Not counted: {', '.join(uncounted)}. A test's reps are only the ones you count: "
            "give them with --count EXERCISE=LEFT,RIGHT."
        )
    return EXIT_OK


def _session_rows(args: argparse.Namespace) -> list[dict[str, Any]]:
    now = today(args)
    since = parse_date(args.since, "--since") if args.since else None
    with open_store() as store:
        sessions = store.sessions(since=since, until=now)
        counts = store.set_counts()
        loads = store.loads_by_session()
    rows = []
    # Newest first, as the window's history lists them.
    for s in sorted(sessions, key=lambda s: s.started_at, reverse=True):
        n_sets, reps = counts.get(s.uuid, (0, 0))
        rows.append(
            {
                "uuid": s.uuid,
                "date": s.local_date.isoformat(),
                "started_at": s.started_at.isoformat(),
                "ended_at": s.ended_at.isoformat() if s.ended_at else None,
                "circuit_id": s.circuit_id,
                "circuit_title": s.circuit_title,
                "status": s.status,
                "plan_id": s.plan_id,
                "plan_week": s.plan_week,
                "sets": n_sets,
                "reps": reps,
                "pain_during": s.pain_during,
                "pain_after": s.pain_after,
                "notes": s.notes,
                "source": s.source,
                # The sets whose load the runner entered (kilograms or bodyweight).
                "loads": loads.get(s.uuid, []),
            }
        )
    return rows


def cmd_history(args: argparse.Namespace) -> int:
    """List sessions, newest first."""
    rows = _session_rows(args)
    if args.json:
        print_json(rows)
    elif args.csv:
        # One row per session: the per-set loads are in --json and in `export` (.csv).
        flat = [{k: v for k, v in row.items() if k != "loads"} for row in rows]
        writer = csv.DictWriter(sys.stdout, fieldnames=list(flat[0]) if flat else ["date"])
        writer.writeheader()
        # A title or note like "=HYPERLINK(...)" must stay text in a spreadsheet.
        writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in flat)
    elif not rows:
        print("No sessions yet.")
    else:
        for r in rows:
            pain = f"  pain {r['pain_after']}/10" if r["pain_after"] is not None else ""
            week = f", {week_name(r['plan_week'])}" if r["plan_week"] is not None else ""
            plan = f"  [{r['plan_id']}{week}]" if r["plan_id"] else ""
            note = f"  {r['notes']}" if r["notes"] else ""
            sets = plural(r["sets"], "set")
            say(f"{r['date']}  {r['circuit_id']:<22} {r['status']:<9} {sets:>8}{pain}{plan}{note}")
    return EXIT_OK


def cmd_streak(args: argparse.Namespace) -> int:
    """Weekly and daily streaks."""
    now = today(args)
    with open_store() as store:
        result = insights.streaks(store, user_library(), now)
        bad = settings.unreadable(store, "weekly_target")
    if bad is not None:
        default = settings.SETTINGS["weekly_target"].default
        print(
            f"circuit-timer: the stored weekly_target {bad!r} is not a whole number from 1 to "
            f"14; using {default} (set it with: circuit-timer settings weekly_target N)",
            file=sys.stderr,
        )
    if args.json:
        print_json(asdict(result))
        return EXIT_OK
    print(f"Weeks in a row with {result.weekly_target}+ sessions: {result.current_weeks} "
          f"(longest {result.longest_weeks})")  # fmt: skip
    print(f"Days in a row (rest days kept): {result.current_days} (longest {result.longest_days})")
    print(f"Sessions completed: {result.sessions_total}")
    return EXIT_OK


def _trend_json(trend: Any, advice: Any) -> dict[str, Any]:
    data = asdict(trend)
    data["points"] = [{"date": d.isoformat(), "value": v} for d, v in trend.points]
    return {"trend": data, "advice": asdict(advice)}


def cmd_pain(args: argparse.Namespace) -> int:
    """Record pain, or show the trend and advice."""
    now = today(args)
    if args.trend:
        with open_store() as store:
            trend, advice = insights.pain(store, now)
        if args.json:
            print_json(_trend_json(trend, advice))
            return EXIT_OK
        if not trend.points:
            print("No morning pain recorded yet: `circuit-timer pain N` first thing tomorrow.")
        else:
            series = "  ".join(f"{day_month(d, padded=True)} {v}" for d, v in trend.points[-14:])
            print(f"First-step morning pain (0-10): {series}")
            if trend.change is not None:
                word = {"better": "better", "worse": "worse", "steady": "about the same"}.get(
                    trend.direction, "unclear"
                )
                meaning = " (a meaningful change: 2 points or more)" if trend.meaningful else ""
                # The averages cover up to 7 entries each: say how many they really have.
                recent = min(AVERAGE_DAYS, len(trend.points))
                previous = min(AVERAGE_DAYS, len(trend.points) - recent)
                print(
                    f"The last {plural(recent, 'entry', 'entries')} average "
                    f"{trend.recent_average:.1f}, the {plural(previous, 'entry', 'entries')} "
                    f"before them {trend.previous_average:.1f}: {word}{meaning}."
                )
        print(advice.message)
        return EXIT_OK
    if args.score is None:
        raise CommandError("give a pain score 0-10, or --trend", EXIT_USAGE)
    value = _pain_score(args.score)
    day = parse_date(args.date, "--date") if args.date else now
    if day > now:
        raise CommandError(f"{day} is in the future")
    kind: PainKind = args.kind
    with open_store() as store:
        where, replaced = store.add_pain(day, kind, value)
        _, advice = insights.pain(store, now)
    what = {"morning": "first-step morning pain", "during": "pain during", "after": "pain after"}
    target = " (on that day's session)" if where == "session" else ""
    verb = "Replaced" if replaced else "Recorded"
    print(f"{verb} {what[kind]} {value}/10 for {day}{target}.")
    if advice.lighter_next_time:
        print(advice.message)
    return EXIT_OK


def cmd_asymmetry(args: argparse.Namespace) -> int:
    """Limb symmetry index per per-side exercise."""
    now = today(args)
    with open_store() as store:
        report = insights.sides(store, now)
    if args.json:
        data = []
        for item in report:
            entry = asdict(item)
            for point in entry["points"] + [entry["latest"]]:
                point["date"] = point["date"].isoformat()
            data.append(entry)
        print_json(data)
        return EXIT_OK
    if not report:
        print(
            "No counted left-right tests yet. The heel-raise-test circuit is the place to "
            "start: count each side's reps as you go. A test done elsewhere: "
            "`circuit-timer log CIRCUIT --count EXERCISE=LEFT,RIGHT`."
        )
        return EXIT_OK
    for item in report:
        p = item.latest
        unit = "reps" if p.measure == "reps" else "s"
        flag = "  UNDER 90%" if p.flagged else ""
        print(
            f"{item.exercise_id:<28} LSI {p.lsi:5.1f}%  left {p.left:g} {unit}, "
            f"right {p.right:g} {unit} ({p.date}){flag}"
        )
        print(f"{'':<28} {item.note}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write every table to a JSON file, or one row per set to a CSV file."""
    target = Path(args.file)
    with open_store() as store:
        kind = export_file(store, target)
    print(f"Exported your history to {target} ({kind.upper()}).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import a JSON export; what is already here is kept, nothing is added twice."""
    source = Path(args.file)
    if source.suffix.lower() == ".csv":
        raise CommandError("import reads the JSON export (CSV has too little to rebuild from)")
    with open_store() as store:
        result = import_file(store, source, replace_plan=args.replace_plan)
    print(
        import_summary(
            result.sessions, result.sets, result.pain_entries, result.plan_enrolments,
            result.skipped,
        )
    )  # fmt: skip
    if note := ended_note(result):
        print(note)
    return EXIT_OK
