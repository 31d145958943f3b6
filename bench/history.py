"""How fast the history questions are on ten years of daily sessions.

Seeds a store in a temporary folder with 10 years of daily completed sessions of the
bundled circuits (their real planned sets, per side where the circuit says so: about
3,650 sessions and 100,000 sets), a heel-raise test every four weeks, morning pain every
day and a plan enrolment, then times each question the app asks of it (median of 7) and
opening the history page (an offscreen QApplication).

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

from circuit_timer.core.library import Library, load_library
from circuit_timer.core.planned_sets import planned_sets
from circuit_timer.core.streaks import heatmap, partial_days
from circuit_timer.files import paths
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.store.timestamps import to_text

TODAY = date(2026, 6, 17)
YEARS = 10
REPEATS = 7
QUERY_TARGET_MS = 20.0
PAGE_TARGET_MS = 200.0
# Daily rotation: about 27 sets a session on average (34, 33, 24 and 16).
ROTATION = ("pf-crash-course", "runners-knee", "stronger-feet", "calf-achilles")
TEST_CIRCUIT = "heel-raise-test"
TEST_EVERY_DAYS = 28
PARTIAL_EVERY = 97  # one session in 97 was finished early
PLAN = "pf-crash-course-4-weeks"


# -- the store ----------------------------------------------------------------------------


@dataclass
class Seeded:
    """What went into the store."""

    days: int
    sessions: int
    sets: int
    sided_sets: int
    pain_entries: int
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
            if done is not None and s.side == "right":
                done = max(0, done - (n + k) % 3)  # the right side a little weaker
            sets.append((sid, s.block, s.round, s.exercise_id, s.exercise_name, s.set_number,
                         s.side, s.reps_target, done, s.seconds, s.load, s.dose, end))  # fmt: skip

    for n in range(days):
        day = today - timedelta(days=days - 1 - n)
        status = "partial" if n % PARTIAL_EVERY == 0 else "completed"
        add(day, 7, ROTATION[n % len(ROTATION)], status, n)
        if n % TEST_EVERY_DAYS == 0:
            add(day, 18, TEST_CIRCUIT, "completed", n)
        pain.append((str(uuidlib.uuid4()), day.isoformat(), "morning", 1 + n % 5,
                     to_text(datetime(day.year, day.month, day.day, 6, tzinfo=UTC))))  # fmt: skip

    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO sessions (id, uuid, circuit_id, circuit_title, started_at, ended_at, "
            "local_date, status, pain_after, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        conn.executemany(
            "INSERT INTO sets (session_id, block, round, exercise_id, exercise_name, "
            "set_number, side, reps_target, reps_done, seconds, load, dose, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sets,
        )
        conn.executemany(
            "INSERT INTO pain_entries (uuid, date, kind, value, recorded_at) "
            "VALUES (?, ?, ?, ?, ?)",
            pain,
        )
    store.enrol(PLAN, today + timedelta(days=19), today - timedelta(days=9))
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
        pain_entries=len(pain),
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
    """One timed question against its target."""

    name: str
    what: str
    target_ms: float
    runs_ms: list[float]
    median_ms: float
    best_ms: float
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
    """Run ``action`` once to warm up, then ``repeats`` times; median and best in ms."""
    action()
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        runs.append((time.perf_counter() - started) * 1000)
    median = statistics.median(runs)
    return Figure(name, what, target_ms, runs, median, min(runs), median <= target_ms, counted)


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
        "sessions(until=today)": "SELECT uuid FROM sessions WHERE local_date <= ? "
        "ORDER BY local_date, started_at",
        "sets(until, sided_only)": "SELECT s.uuid FROM sets t JOIN sessions s ON "
        "s.id = t.session_id WHERE s.local_date <= ? AND t.side IS NOT NULL "
        "ORDER BY s.local_date, s.started_at, t.id",
        "set_counts()": "SELECT s.uuid, count(t.id), coalesce(sum(t.reps_done), 0) FROM "
        "sessions s LEFT JOIN sets t ON t.session_id = s.id GROUP BY s.id",
        "pain_entries(until)": "SELECT date, kind, value FROM pain_entries WHERE date <= ? "
        "ORDER BY date, kind",
    }
    conn = sqlite3.connect(db)
    try:
        plans = {}
        for name, sql in queries.items():
            params = (TODAY.isoformat(),) if "?" in sql else ()
            rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            plans[name] = [str(row[-1]) for row in rows]
        return plans
    finally:
        conn.close()


# -- output -------------------------------------------------------------------------------


def print_table(figures: Sequence[Figure]) -> None:
    """One row per question: median and best against the target."""
    head = f"{'question':<34} {'median ms':>10} {'best ms':>8} {'target ms':>10}  verdict  what"
    print(head)
    print("-" * len(head))
    for f in figures:
        verdict = ("PASS" if f.met else "MISS") if f.counted else "info"
        print(
            f"{f.name:<34} {f.median_ms:>10.2f} {f.best_ms:>8.2f} {f.target_ms:>10g}  "
            f"{verdict:<7}  {f.what}"
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
    return {**benchlib.machine_info(), "sqlite": sqlite3.sqlite_version}


def main(argv: Sequence[str] | None = None) -> int:
    """Seed, time, print, optionally write JSON; always 0."""
    args = parse_args(argv)
    info = machine_info()
    print("circuit-timer history benchmark")
    print(f"date     {info['date']}")
    print(f"machine  {info['platform']}, {info['cpus']} CPUs")
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
                f"({seeded.sided_sets:,} per side), {seeded.pain_entries:,} morning pain "
                f"entries, 1 enrolment; {seeded.db_bytes / 1e6:.1f} MB, "
                f"{seeded.seconds:.1f} s to seed"
            )
            print()
            sessions = store.sessions()
            counts = sum(1 for _ in sessions)
            assert counts == seeded.sessions, counts
            overview = insights.plan_overview(store, library, TODAY)
            assert overview is not None, "the enrolment should be active today"

            pages: list[Any] = []

            def open_page() -> None:
                page = HistoryPage(store, lambda: library, lambda: TODAY)
                page.resize(1100, 760)
                page.refresh()
                pages.append(page)

            def shown_page() -> None:
                page = HistoryPage(store, lambda: library, lambda: TODAY)
                page.resize(1100, 760)
                page.refresh()
                page.show()
                QApplication.processEvents()  # lays out and paints it
                pages.append(page)

            steady = HistoryPage(store, lambda: library, lambda: TODAY)
            steady.refresh()

            def drop_pages() -> None:
                for page in pages:
                    page.hide()
                    page.deleteLater()
                pages.clear()
                QApplication.processEvents()

            r, q = args.repeats, QUERY_TARGET_MS
            plan = [
                ("insights.streaks", "store.sessions(until) + plan calendar + streaks", q,
                 lambda: insights.streaks(store, library, TODAY), True),
                ("heatmap + partial_days", "core, on the sessions already read", q,
                 lambda: (heatmap(sessions, TODAY, 53), partial_days(sessions, TODAY, 53)),
                 True),
                ("insights.pain", "pain entries + sessions: trend and advice", q,
                 lambda: insights.pain(store, TODAY), True),
                ("insights.sides", "sessions + sided sets: asymmetry", q,
                 lambda: insights.sides(store, TODAY), True),
                ("insights.plan_overview", "enrolment, schedule, progress, today", q,
                 lambda: insights.plan_overview(store, library, TODAY), True),
                ("store.sessions()", "every session as SessionRecord", q,
                 lambda: store.sessions(), True),
                ("store.set_counts()", "sets and reps per session", q,
                 lambda: store.set_counts(), True),
            ]  # fmt: skip
            figures: list[Figure] = []
            for name, what, target, action, counted in plan:
                print(f"timing {name} ...", flush=True)
                figures.append(time_it(name, what, target, action, r, counted))
            print("timing the history page ...", flush=True)
            page_figure = time_it(
                "HistoryPage() + refresh()",
                "construction + refresh, offscreen",
                PAGE_TARGET_MS,
                open_page,
                r,
            )
            drop_pages()
            figures.append(page_figure)
            figures.append(
                time_it(
                    "  refresh() of an open page",
                    "what each visit to History costs",
                    PAGE_TARGET_MS,
                    steady.refresh,
                    r,
                    counted=False,
                )
            )
            shown = time_it(
                "  ... + show() + first paint",
                "construction, refresh, layout and paint",
                PAGE_TARGET_MS,
                shown_page,
                r,
                counted=False,
            )
            drop_pages()
            figures.append(shown)
            print()
            print_table(figures)

            profiles: dict[str, str] = {}
            actions = {name: action for name, _, _, action, _ in plan}
            actions["HistoryPage() + refresh()"] = open_page
            missed = [f for f in figures if f.counted and not f.met]
            if missed and not args.no_profile:
                for f in missed:
                    profiles[f.name] = profile(actions[f.name])
                    print(f"profile of one run of {f.name} (own time, top 12):")
                    print(profiles[f.name])
                    print()
                drop_pages()
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
                        f"(target <= {f.target_ms:g})"
                    )
        steady.deleteLater()
        app.processEvents()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(
                {
                    "machine": info,
                    "today": TODAY.isoformat(),
                    "seeded": asdict(seeded),
                    "figures": [asdict(f) for f in figures],
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
