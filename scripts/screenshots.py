"""Drive the real window through pf-crash-course at high speed and save screenshots.

Run under an X server (``make screenshots`` starts Xvfb):
    python scripts/screenshots.py OUTPUT_FOLDER [--speed 150]
Saves library.png, workout-tempo-side.png, rest-next-up.png and summary.png, and prints
the Qt platform it ran on (the test checks it is xcb, a real window).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from circuit_timer.cue_scheduler import favour_cue_thread
from circuit_timer.ui.app import make_application
from circuit_timer.ui.main_window import MainWindow

POLL_MS = 10


class Tour:
    """Steps through the app and takes a picture at each stop."""

    def __init__(self, window: MainWindow, out: Path) -> None:
        self.window = window
        self.out = out
        self.shots: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self.step)
        self.stage = "library"
        self.waited = 0

    def shoot(self, name: str) -> None:
        self.window.workout_page.flash.hide()  # a cue's flash would dim the picture
        QApplication.processEvents()
        path = self.out / f"{name}.png"
        screen = self.window.screen()
        picture = screen.grabWindow(self.window.winId())
        if picture.isNull():
            picture = self.window.grab()
        picture.save(str(path))
        self.shots.append(name)
        print(f"saved {path}", flush=True)

    def step(self) -> None:
        self.waited += POLL_MS
        w = self.window
        if self.stage == "library":
            if self.waited < 600:
                return
            w.library_page.select("pf-crash-course")
            self.shoot("library")
            w.start_circuit("pf-crash-course")
            self.stage = "tempo"
            return
        controller = w.controller
        assert controller is not None
        snap = controller.workout.engine.snapshot()
        seg = snap.segment
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
            w.summary_page.pain.setValue(3)
            w.summary_page.note.setText("Heel felt better after the warm-up")
            self.shoot("summary")
            self.timer.stop()
            w.close()
            QApplication.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--speed", type=float, default=150.0)
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    print(f"platform {app.platformName()}", flush=True)
    favour_cue_thread()
    window = MainWindow(speed=args.speed)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    tour = Tour(window, args.out)
    tour.timer.start(POLL_MS)
    QTimer.singleShot(120_000, lambda: (print("timed out", flush=True), app.exit(1)))
    status = app.exec()
    missing = {"library", "workout-tempo-side", "rest-next-up", "summary"} - set(tour.shots)
    if missing:
        print(f"missing screenshots: {sorted(missing)}", file=sys.stderr)
        return 1
    return status


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    raise SystemExit(main())
