"""Drive the real window through pf-crash-course at high speed and save screenshots.

Run under an X server (``make screenshots`` starts Xvfb):
    python scripts/screenshots.py OUTPUT_FOLDER [--speed 150]
Saves library.png, workout-tempo-side.png, rest-next-up.png, summary.png, summary-saved.png
and test-beat.png (the workouts),
and today.png, plan.png, history.png, charts.png and charts-earned-load.png (Charts
scrolled to its Earned load section) on a seeded history; with --theme dark
or light every name gets that suffix. The window keeps the size a new user first sees
(MainWindow's default, 1100x760) unless --size says otherwise. Prints the Qt platform it
ran on (the test checks it is xcb, a real window). Run it with CIRCUIT_TIMER_HOME pointing
at an empty folder: it seeds a history there.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea

from circuit_timer.core.library import load_library
from circuit_timer.core.planned_sets import planned_sets
from circuit_timer.core.records import CompletedSet
from circuit_timer.core.today import adapted_session
from circuit_timer.files import paths
from circuit_timer.session.cue_scheduler import favour_cue_thread
from circuit_timer.store import insights
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.app import make_application, open_main_window
from circuit_timer.ui.chart_ladder import EarnedLoadChart
from circuit_timer.ui.main_window import MainWindow
from circuit_timer.ui.page_loader import PageLoader, wait_for_reads

POLL_MS = 10


# The towel heel raise loads the runner entered, session by session (kg; None: bodyweight).
HEEL_RAISE_LOADS = (None, 5.0, 7.5, 7.5)


def seed(today: date) -> None:
    """A runner 3 weeks from the race: a plan, the sessions done (each on the ladder step
    the progression rule gave it that day, with the load entered), morning pain, a test."""
    library = load_library(paths.bundled_circuits_dir(), None)
    plan = library.plan("pf-crash-course-4-weeks")
    assert plan is not None
    race, started = today + timedelta(days=21), today - timedelta(days=11)
    with HistoryStore.in_folder(paths.user_home()) as store:
        store.enrol(plan.id, race, started)
        # Morning pain first: the rule reads it on each session's day.
        for n, value in enumerate([6, 6, 5, 6, 5, 5, 4, 4, 4, 3]):
            store.add_pain(today - timedelta(days=10 - n), "morning", value)
        [followed] = insights.followed_plans(store.enrolments(), library)
        done = [
            p for p in followed.schedule if p.date < today and p.circuit_id == "pf-crash-course"
        ]
        del done[1]  # the second session was missed
        for n, planned in enumerate(done):
            circuit = library.circuit(planned.circuit_id)
            assert circuit is not None
            # As `log` does: the session the rule adapted that day, and its steps.
            results = insights.progression(store, library, followed, planned.date)
            adapted = adapted_session(plan, planned, circuit, results, library.circuit)
            evening = datetime.combine(planned.date, time(18, 0)).astimezone(UTC)
            uid = store.start_session(
                circuit.id,
                circuit_title=circuit.title,
                plan_id=plan.id,
                plan_week=planned.weeks_out,
                started_at=evening,
                ladder_steps=adapted.steps,
            )
            kg = HEEL_RAISE_LOADS[n]
            loads = {"towel-heel-raise": (kg, kg is None)}
            store.record_planned_sets(uid, planned_sets(adapted.circuit), loads=loads)
            store.finish_session(uid, "completed", pain_after=[3, 2, 3, 2][n])
        test = library.circuit("heel-raise-test")
        assert test is not None
        # The left-right check the morning of the first session and of the last one.
        for days_ago, left, right in ((11, 22, 17), (2, 24, 21)):
            when = datetime.combine(today - timedelta(days=days_ago), time(8)).astimezone(UTC)
            uid = store.start_session(test.id, circuit_title=test.title, started_at=when)
            for side, reps in (("left", left), ("right", right)):
                store.record_set(
                    uid,
                    CompletedSet(
                        block=1,
                        round=1,
                        exercise_id="single-leg-heel-raise-test",
                        exercise_name="Single-leg heel raise to failure",
                        set_number=1,
                        side=side,
                        reps_target=30,
                        reps_done=reps,
                        seconds=None,
                        dose="open",
                        test=True,  # counted by the runner: the only sets an LSI comes from
                        counted=True,
                    ),
                )
            store.finish_session(uid, "completed")


class Tour:
    """Steps through the app and takes a picture at each stop."""

    def __init__(self, window: MainWindow, out: Path, suffix: str = "") -> None:
        self.window = window
        self.out = out
        self.suffix = suffix
        self.shots: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self.step)
        self.stage = "library"
        self.waited = 0

    def shoot(self, name: str) -> None:
        self.window.workout_page.flash.hide()  # a cue's flash would dim the picture
        QApplication.processEvents()
        path = self.out / f"{name}{self.suffix}.png"
        screen = self.window.screen()
        picture = screen.grabWindow(self.window.winId())
        if picture.isNull():
            picture = self.window.grab()
        picture.save(str(path))
        self.shots.append(name)
        print(f"saved {path}", flush=True)

    def shoot_earned_load(self) -> None:
        """The Charts page scrolled down to its Earned load section."""
        chart = self.window.findChild(EarnedLoadChart)
        area = chart.parentWidget() if chart else None
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        assert chart is not None and isinstance(area, QScrollArea)
        inner = area.widget()
        top = chart.mapTo(inner, QPoint(0, 0)).y()
        area.verticalScrollBar().setValue(top - 16)
        QApplication.processEvents()
        self.shoot("charts-earned-load")
        area.verticalScrollBar().setValue(0)

    def step(self) -> None:
        self.waited += POLL_MS
        w = self.window
        if self.stage == "library":
            if self.waited < 600:
                return
            for page in ("Today", "Plan", "History", "Charts"):
                if page in w.browse:
                    w.show_page(page)
                    # The page reads the history off the GUI thread: shoot it filled.
                    while any(loader.busy for loader in w.findChildren(PageLoader)):
                        wait_for_reads()
                        QApplication.processEvents()
                    QApplication.processEvents()
                    self.shoot(page.lower())
                    if page == "Charts":
                        self.shoot_earned_load()
            w.show_page("Library")
            w.library_page.search.clear()
            w.library_page.select("pf-crash-course")
            self.shoot("library")
            w.start_circuit("pf-crash-course")
            self.stage = "tempo"
            return
        controller = w.controller
        assert controller is not None
        snap = controller.workout.snapshot()
        seg = snap.segment
        if self.stage == "beat":
            # The left-right check: a paced test, shown a few beats in with a count.
            if snap.state == "running" and seg.test and seg.pace and snap.elapsed > 2.5:
                if snap.reps < 2:
                    controller.count_rep(2)
                w.workout_page.redraw()
                self.shoot("test-beat")
                self.timer.stop()
                w.close()
                QApplication.quit()
            elif snap.state == "running" and not (seg.test and seg.pace):
                controller.done()  # the warm-up and the pauses: straight to the first test
            return
        if snap.state == "running" and seg.kind == "work" and seg.seconds is None:
            controller.done()  # an open rep set: the tour marks it done at once
            return
        if self.stage == "tempo" and seg.tempo and seg.side == "left" and snap.reps >= 3:
            w.workout_page.redraw()
            self.shoot("workout-tempo-side")
            self.stage = "rest"
        elif self.stage == "rest" and seg.kind == "rest" and seg.seconds and seg.seconds >= 30:
            if snap.elapsed > seg.seconds / 3:
                w.workout_page.redraw()
                self.shoot("rest-next-up")
                self.stage = "finish"
        elif self.stage == "finish" and w.pages.currentWidget() is w.summary_page:
            w.summary_page.note.setText("Heel felt better after the warm-up")
            self.shoot("summary")  # pain not chosen yet: nothing is preselected
            w.summary_page.pain_after.pick(3)
            w.summary_page.save.click()
            QApplication.processEvents()
            self.shoot("summary-saved")  # the pain check's advice after saving
            w.start_circuit("heel-raise-test")
            self.stage = "beat"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--speed", type=float, default=150.0)
    parser.add_argument(
        "--size", default=None, help="WIDTHxHEIGHT; by default the window's own first size"
    )
    parser.add_argument("--theme", choices=["system", "light", "dark"], default="system")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    # A fresh Qt settings folder: no remembered window position, no first-run flag.
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="circuit-timer-shots-")
    if args.theme != "system":
        os.environ["CIRCUIT_TIMER_THEME"] = args.theme
    seed(date.today())
    app = make_application()
    print(f"platform {app.platformName()}", flush=True)
    favour_cue_thread()
    window = open_main_window(speed=args.speed)
    if args.size:
        width, height = (int(v) for v in args.size.split("x"))
        window.resize(width, height)
    window.show()
    window.move(0, 0)  # no window manager under Xvfb: put it where the screen is
    tour = Tour(window, args.out, "" if args.theme == "system" else f"-{args.theme}")
    tour.timer.start(POLL_MS)
    QTimer.singleShot(120_000, lambda: (print("timed out", flush=True), app.exit(1)))
    status = app.exec()
    wanted = {"library", "workout-tempo-side", "rest-next-up", "summary", "summary-saved",
              "test-beat", "today", "plan", "history", "charts", "charts-earned-load"}  # fmt: skip
    missing = wanted - set(tour.shots)
    if missing:
        print(f"missing screenshots: {sorted(missing)}", file=sys.stderr)
        return 1
    return status


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    raise SystemExit(main())
