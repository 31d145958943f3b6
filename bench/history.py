"""How fast the history questions are on ten years of daily sessions.

Seeds a store in a temporary folder with 10 years of daily sessions of the bundled
circuits (their real planned sets, per side where the circuit says so: about 3,780
sessions and 99,000 sets), the heel-raise test circuit every four weeks with counted
reps, morning pain most days and a plan every year, then times each question the pages
and the command line ask of it (median of 7), each page's questions together, and the
v4 -> v5 migration (bench/README.md says what each figure means).

    .venv/bin/python bench/history.py
    .venv/bin/python bench/history.py --years 1      # a smaller store, to try it out

It always exits 0: it is a benchmark, run by hand, not a test.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import benchlib

from circuit_timer.core.asymmetry import asymmetry
from circuit_timer.core.library import Library, load_library
from circuit_timer.core.planned_sets import planned_sets
from circuit_timer.core.streaks import compute_streaks, heatmap, partial_days, plan_calendar
from circuit_timer.files import paths
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.timestamps import to_text

TODAY = date(2026, 6, 17)
YEARS = 10
REPEATS = 7
QUERY_TARGET_MS = 20.0
PAGE_TARGET_MS = 100.0  # a page's questions together, through the store and insights
SLOW_QUESTION = "  old: asymmetry of every set"
WIDGET_TARGET_MS = 200.0  # the history page's widget built and filled (shown for info)
# Daily rotation: about 27 sets a session on average (34, 33, 24 and 16).
ROTATION = ("pf-crash-course", "runners-knee", "stronger-feet", "calf-achilles")
TEST_CIRCUIT = "heel-raise-test"
TEST_EVERY_DAYS = 28
PARTIAL_EVERY = 97  # one session in 97 was finished early
MORNING_GAP_EVERY = 9  # one morning in 9 the runner forgot to score
PLAN = "pf-crash-course-4-weeks"


# -- the store ----------------------------------------------------------------------------


@dataclass
class Seeded:
    """What went into the store."""

    days: int
    sessions: int
    sets: int
    sided_sets: int
    test_sets: int
    pain_entries: int
    enrolments: int
    seconds: float
    db_bytes: int


def seed(store: HistoryStore, library: Library, today: date, days: int) -> Seeded:
    """``days`` daily sessions up to ``today`` in one transaction, like the app writes them."""
    started = time.perf_counter()
    sessions: list[tuple[Any, ...]] = []
    sets: list[tuple[Any, ...]] = []
    pain: list[tuple[Any, ...]] = []
    plans = {cid: planned_sets(_circuit(library, cid)) for cid in (*ROTATION, TEST_CIRCUIT)}
    titles = {cid: _circuit(library, cid).title for cid in plans}

    def add(day: date, hour: int, circuit_id: str, status: str, n: int) -> None:
        sid = len(sessions) + 1
        begin = datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)
        start, end = to_text(begin), to_text(begin + timedelta(minutes=30))
        note = "felt fine" if n % 5 == 0 else None
        sessions.append((sid, str(uuidlib.uuid4()), circuit_id, titles[circuit_id], start, end,
                         day.isoformat(), status, 2 + n % 3, note))  # fmt: skip
        for k, s in enumerate(plans[circuit_id]):
            done = s.reps_target
            if s.test:
                done = 18 + (n // TEST_EVERY_DAYS + k) % 9  # the runner's own count
            if done is not None and s.side == "right":
                done = max(0, done - (n + k) % 3)  # the right side a little weaker
            sets.append((sid, s.block, s.round, s.exercise_id, s.exercise_name, s.set_number,
                         s.side, s.reps_target, done, s.seconds, s.load, s.dose, end,
                         int(s.test), int(s.test)))  # fmt: skip

    for n in range(days):
        day = today - timedelta(days=days - 1 - n)
        status = "partial" if n % PARTIAL_EVERY == 0 else "completed"
        add(day, 7, ROTATION[n % len(ROTATION)], status, n)
        if n % TEST_EVERY_DAYS == 0:
            add(day, 18, TEST_CIRCUIT, "completed", n)
        if n % MORNING_GAP_EVERY:
            woke = to_text(datetime(day.year, day.month, day.day, 6, tzinfo=UTC))
            pain.append((str(uuidlib.uuid4()), day.isoformat(), "morning", 1 + n % 5, woke))

    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO sessions (id, uuid, circuit_id, circuit_title, started_at, ended_at, "
            "local_date, status, pain_after, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        conn.executemany(
            "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
            "set_number, side, reps_target, reps_done, seconds, load, dose, recorded_at, "
            "test, counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sets,
        )
        conn.executemany(
            "INSERT INTO pain_entries (uuid, date, kind, value, recorded_at) "
            "VALUES (?, ?, ?, ?, ?)",
            pain,
        )
    # A four-week plan toward a spring race every year, then the one followed now.
    first = today - timedelta(days=days - 1)
    for year in range(first.year + 1, today.year):
        race = date(year, 4, 20)
        store.enrol(PLAN, race, race - timedelta(days=27))
        store.stop_plan(race + timedelta(days=1))
    store.enrol(PLAN, today + timedelta(days=19), today - timedelta(days=9))
    enrolments = len(store.enrolments())
    # Fold the WAL into the file; the store runs no SQL of ours, so its own connection.
    checkpoint = sqlite3.connect(store.path)
    try:
        checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        checkpoint.close()
    return Seeded(
        days=days,
        sessions=len(sessions),
        sets=len(sets),
        sided_sets=sum(1 for s in sets if s[6] is not None),
        test_sets=sum(1 for s in sets if s[13]),
        pain_entries=len(pain),
        enrolments=enrolments,
        seconds=time.perf_counter() - started,
        db_bytes=store.path.stat().st_size,
    )


def _circuit(library: Library, circuit_id: str) -> Any:
    circuit = library.circuit(circuit_id)
    if circuit is None:
        raise SystemExit(f"the bundled library has no circuit '{circuit_id}'")
    return circuit


# -- timing -------------------------------------------------------------------------------


@dataclass
class Figure:
    """One timed question against its target: wall-clock and this process's CPU time."""

    name: str
    what: str
    target_ms: float
    runs_ms: list[float]
    median_ms: float
    best_ms: float
    cpu_median_ms: float
    met: bool
    counted: bool = True  # False: shown for diagnosis, not one of the targets


def time_it(
    name: str,
    what: str,
    target_ms: float,
    action: Callable[[], object],
    repeats: int,
    counted: bool = True,
) -> Figure:
    """Run ``action`` once to warm up, then ``repeats`` times; median and best in ms.

    The verdict is on the median wall-clock time. The CPU time (``time.process_time``) is
    shown beside it: on a shared machine the wall clock also counts the time other
    processes held the CPUs, the CPU time counts only this one's work.
    """
    action()
    runs, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        runs.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    median = statistics.median(runs)
    return Figure(name, what, target_ms, runs, median, min(runs), statistics.median(cpu),
                  median <= target_ms, counted)  # fmt: skip


def time_interleaved(
    plan: Sequence[tuple[str, str, float, Callable[[], object], bool]], repeats: int
) -> list[Figure]:
    """Like ``time_it`` for each question, but in rounds of one run of every question, so
    that a burst of load from other processes falls on all of them alike rather than on
    whichever question was being timed (the old per-set asymmetry, at a second a run,
    is timed on its own after the rounds)."""
    quick = [q for q in plan if q[0] != SLOW_QUESTION]
    for _, _, _, action, _ in quick:
        action()
    runs: dict[str, list[float]] = {q[0]: [] for q in quick}
    cpu: dict[str, list[float]] = {q[0]: [] for q in quick}
    for _ in range(repeats):
        for name, _, _, action, _ in quick:
            started, started_cpu = time.perf_counter(), time.process_time()
            action()
            runs[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append((time.process_time() - started_cpu) * 1000)
    figures = []
    for name, what, target, action, counted in plan:
        if name == SLOW_QUESTION:
            figures.append(time_it(name, what, target, action, min(repeats, 5), counted))
            continue
        median = statistics.median(runs[name])
        figures.append(Figure(name, what, target, runs[name], median, min(runs[name]),
                              statistics.median(cpu[name]), median <= target, counted))  # fmt: skip
    return figures


def profile(action: Callable[[], object], lines: int = 12) -> str:
    """The functions that took the most time in one run of ``action`` (own time)."""
    profiler = cProfile.Profile()
    profiler.enable()
    action()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(lines)
    text = out.getvalue()
    # Keep the table, drop pstats' preamble.
    start = text.find("   ncalls")
    return text[start:].rstrip() if start >= 0 else text.rstrip()


def query_plans(db: Path) -> dict[str, list[str]]:
    """SQLite's plan for each query the history questions run."""
    queries = {
        "completed_per_day(until)": "SELECT local_date, count(*) FROM sessions WHERE "
        "status = 'completed' AND local_date <= ? GROUP BY local_date ORDER BY local_date",
        "last_day_sessions(until)": "SELECT uuid FROM sessions WHERE local_date = (SELECT "
        "max(local_date) FROM sessions WHERE local_date <= ?) ORDER BY started_at, id",
        "morning_pain(until)": "SELECT date, value FROM pain_entries WHERE kind = 'morning' "
        "AND date <= ? ORDER BY date",
        "side_totals(until)": "SELECT s.uuid FROM side_totals x CROSS JOIN sessions s ON "
        "s.id = x.session_id WHERE s.local_date <= ? "
        "ORDER BY s.local_date, s.started_at, x.first_set",
        "sessions(since, until, completed)": "SELECT uuid FROM sessions WHERE local_date >= ? "
        "AND local_date <= ? AND status = 'completed' ORDER BY local_date, started_at",
        "sessions()": "SELECT uuid FROM sessions ORDER BY local_date, started_at",
        "set_counts()": "SELECT s.uuid, coalesce(x.sets, 0), coalesce(x.reps, 0) FROM "
        "sessions s LEFT JOIN session_totals x ON x.session_id = s.id",
    }
    conn = sqlite3.connect(db)
    try:
        plans = {}
        for name, sql in queries.items():
            params = (TODAY.isoformat(),) * sql.count("?")
            rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            plans[name] = [str(row[-1]) for row in rows]
        return plans
    finally:
        conn.close()


# -- output -------------------------------------------------------------------------------


def print_table(figures: Sequence[Figure]) -> None:
    """One row per question: median, best and CPU median against the target."""
    head = (
        f"{'question':<32} {'median ms':>9} {'best ms':>8} {'CPU ms':>7} {'target':>6}  "
        "verdict  what"
    )
    print(head)
    print("-" * len(head))
    for f in figures:
        verdict = ("PASS" if f.met else "MISS") if f.counted else "info"
        print(
            f"{f.name:<32} {f.median_ms:>9.2f} {f.best_ms:>8.2f} {f.cpu_median_ms:>7.2f} "
            f"{f.target_ms:>6g}  {verdict:<7}  {f.what}"
        )
    print()


# -- main ---------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--years", type=int, default=YEARS, help="years of daily sessions")
    parser.add_argument("--repeats", type=int, default=REPEATS, help="timed runs per question")
    parser.add_argument(
        "--no-profile", action="store_true", help="do not profile the questions that miss"
    )
    parser.add_argument("--json", metavar="FILE", help="also write the results here")
    return parser.parse_args(argv)


def machine_info() -> dict[str, Any]:
    """Where and when this was measured, and what this benchmark depends on."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return {**benchlib.machine_info(), "sqlite": sqlite3.sqlite_version, "load": load}


def questions(
    store: HistoryStore, library: Library, today: date
) -> list[tuple[str, str, float, Callable[[], object], bool]]:
    """(name, what, target, action, counted): each question a page or command asks, each
    page's questions together (one ``PageReading``, as the page reads them), and the old
    way of two of them, for comparison on the same machine in the same run."""
    q, p = QUERY_TARGET_MS, PAGE_TARGET_MS

    def history_page() -> object:
        reading = insights.PageReading(store, today)
        sessions = reading.sessions()
        return (reading.streaks(library), reading.set_counts(),
                heatmap(sessions, today, 53), partial_days(sessions, today, 53))  # fmt: skip

    def charts_page() -> object:
        reading = insights.PageReading(store, today)
        return reading.pain(), reading.completed_days(), reading.sides()

    def today_page() -> object:
        reading = insights.PageReading(store, today)
        return reading.plan_overview(library), reading.pain()

    def plan_page() -> object:
        return insights.PageReading(store, today).plan_overview(library)

    sessions = store.sessions()
    return [
        ("insights.streaks", "`streak`; History: completed per day + plans", q,
         lambda: insights.streaks(store, library, today), True),
        ("insights.pain", "`pain --trend`; Today, Charts: mornings + last session", q,
         lambda: insights.pain(store, today), True),
        ("insights.sides", "`asymmetry`; Charts: per-side test totals (v5)", q,
         lambda: insights.sides(store, today), True),
        ("insights.plan_overview", "`plan status`; Today, Plan: the plan's window", q,
         lambda: insights.plan_overview(store, library, today), True),
        ("store.sessions()", "History: every session as SessionRecord", q,
         store.sessions, True),
        ("store.set_counts()", "History: sets and reps per session", q,
         store.set_counts, True),
        ("heatmap + partial_days", "History: core, on the sessions already read", q,
         lambda: (heatmap(sessions, today, 53), partial_days(sessions, today, 53)), True),
        ("completed_days()", "Charts: the dates of completed sessions", q,
         lambda: insights.PageReading(store, today).completed_days(), True),
        ("page: History", "sessions, set counts, streaks, heatmap", p, history_page, True),
        ("page: Charts", "pain, completed days, asymmetry", p, charts_page, True),
        ("page: Today", "plan overview, pain", p, today_page, True),
        ("page: Plan", "plan overview", p, plan_page, True),
        (SLOW_QUESTION, "core.asymmetry(store.sets(sided_only))", q,
         lambda: asymmetry(store.sets(until=today, sided_only=True), today), False),
        ("  old: streaks of every session", "compute_streaks(store.sessions(until))", q,
         lambda: compute_streaks(store.sessions(until=today), today), False),
    ]  # fmt: skip


def time_migration(db: Path, folder: Path) -> tuple[float, int, bool]:
    """Open a copy of ``db`` taken back to schema 4: the v5 step's backup and back-fill, in
    seconds; how many summary rows it wrote; whether they equal the ones the triggers kept."""
    copy = folder / "v4" / "history.db"
    copy.parent.mkdir()
    source = sqlite3.connect(db)
    target = sqlite3.connect(copy)
    tables = ("side_totals", "session_totals")
    try:
        source.backup(target)
        kept = [sorted(target.execute(f"SELECT * FROM {t}").fetchall()) for t in tables]
        triggers = [r[0] for r in target.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")]  # fmt: skip
        target.executescript(
            "".join(f"DROP TRIGGER {t};" for t in triggers)
            + "".join(f"DROP TABLE {t};" for t in tables)
            + "DROP INDEX sessions_completed_by_date; PRAGMA user_version = 4;"
        )
    finally:
        source.close()
        target.close()
    started = time.perf_counter()
    with HistoryStore(copy) as migrated:
        seconds = time.perf_counter() - started
        assert migrated.backup is not None, "the v5 migration should have backed up first"
        rows = [sorted(migrated._read(f"SELECT * FROM {t}")) for t in tables]
    return seconds, sum(len(r) for r in rows), rows == kept


def main(argv: Sequence[str] | None = None) -> int:
    """Seed, time, print, optionally write JSON; always 0."""
    args = parse_args(argv)
    info = machine_info()
    print("circuit-timer history benchmark")
    print(f"date     {info['date']}")
    print(f"machine  {info['platform']}, {info['cpus']} CPUs, load average {info['load']}")
    print("         (wall-clock verdicts; CPU time beside them: the machine may be shared)")
    print(f"python   {info['python']}, SQLite {info['sqlite']}")
    print(f"store    {args.years} years of daily sessions to {TODAY}, median of {args.repeats}")
    if args.years != YEARS:
        print(f"NOTE     {args.years} years, not the {YEARS} the issue asks for: indicative only")
    print()

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from circuit_timer.ui.app import make_application
    from circuit_timer.ui.history_page import HistoryPage

    def quiet(kind: QtMsgType, _context: object, message: str) -> None:
        # The offscreen platform says this for every window shown; nothing to do with us.
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    library = load_library(paths.bundled_circuits_dir(), None)
    with tempfile.TemporaryDirectory(prefix="ct-bench-history-") as folder:
        os.environ["XDG_CONFIG_HOME"] = folder  # QSettings, if anything reads them
        app = make_application()
        with HistoryStore(Path(folder) / "history.db") as store:
            print("seeding ...", flush=True)
            seeded = seed(store, library, TODAY, args.years * 365)
            print(
                f"seeded   {seeded.sessions:,} sessions, {seeded.sets:,} sets "
                f"({seeded.sided_sets:,} per side, {seeded.test_sets:,} counted test sets), "
                f"{seeded.pain_entries:,} morning pain entries, {seeded.enrolments} "
                f"enrolments; {seeded.db_bytes / 1e6:.1f} MB, {seeded.seconds:.1f} s to seed"
            )
            print()
            assert len(store.sessions()) == seeded.sessions
            overview = insights.plan_overview(store, library, TODAY)
            assert overview is not None, "the enrolment should be active today"
            # The fast paths answer exactly as the old ones did.
            old_sides = asymmetry(store.sets(until=TODAY, sided_only=True), TODAY)
            assert insights.sides(store, TODAY) == old_sides and old_sides
            old_streaks = compute_streaks(
                store.sessions(until=TODAY),
                TODAY,
                store.weekly_target(),
                plan_calendar([(f.enrolment, f.schedule) for f in
                               insights.followed_plans(store.enrolments(), library)]),
            )  # fmt: skip
            assert insights.streaks(store, library, TODAY) == old_streaks

            pages: list[Any] = []

            def open_page() -> None:
                page = HistoryPage(store, lambda: library, lambda: TODAY)
                page.resize(1100, 760)
                page.refresh()
                pages.append(page)

            def drop_pages() -> None:
                for page in pages:
                    page.hide()
                    page.deleteLater()
                pages.clear()
                QApplication.processEvents()

            plan = questions(store, library, TODAY)
            print(f"timing {len(plan)} questions, interleaved ...", flush=True)
            figures = time_interleaved(plan, args.repeats)
            print("timing the history page's widget ...", flush=True)
            figures.append(
                time_it(
                    "  HistoryPage() + refresh()",
                    "the widget, offscreen (another helper's)",
                    WIDGET_TARGET_MS,
                    open_page,
                    args.repeats,
                    counted=False,
                )
            )
            drop_pages()
            print("timing the v4 -> v5 migration on a copy ...", flush=True)
            migration = time_migration(store.path, Path(folder))
            print()
            print_table(figures)
            seconds, rows, same = migration
            print(
                f"migration v4 -> v5 (backup + back-fill, once): {seconds * 1000:.0f} ms, "
                f"{rows} summary rows, {'equal to' if same else 'DIFFERENT from'} the "
                "triggers' rows"
            )
            print()

            profiles: dict[str, str] = {}
            actions = {name: action for name, _, _, action, _ in plan}
            missed = [f for f in figures if f.counted and not f.met]
            if missed and not args.no_profile:
                for f in missed:
                    profiles[f.name] = profile(actions[f.name])
                    print(f"profile of one run of {f.name} (own time, top 12):")
                    print(profiles[f.name])
                    print()
            plans = query_plans(store.path)
            print("SQLite query plans (EXPLAIN QUERY PLAN):")
            for name, steps in plans.items():
                print(f"  {name}: " + "; ".join(steps))
            print()

            print("targets")
            for f in figures:
                if f.counted:
                    print(
                        f"  {'PASS' if f.met else 'MISS'}  {f.name}: {f.median_ms:.1f} ms "
                        f"(CPU {f.cpu_median_ms:.1f} ms; target <= {f.target_ms:g})"
                    )
        app.processEvents()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(
                {
                    "machine": info,
                    "today": TODAY.isoformat(),
                    "seeded": asdict(seeded),
                    "figures": [asdict(f) for f in figures],
                    "migration": {"seconds": seconds, "rows": rows, "equal": same},
                    "profiles": profiles,
                    "query_plans": plans,
                },
                out,
                indent=2,
            )
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
