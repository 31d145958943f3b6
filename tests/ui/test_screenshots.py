"""A real window (xcb, under Xvfb) runs pf-crash-course from the library to the summary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.paths import REPO, linux_tool

SHOTS = ("library", "workout-tempo-side", "rest-next-up", "summary", "summary-saved", "test-beat",
         "today", "plan",
         "history", "charts", "charts-earned-load")  # fmt: skip


THEMES = ("system", "dark")


def test_a_real_window_from_library_to_summary(tmp_path: Path) -> None:
    xvfb_run = linux_tool("xvfb-run", "xvfb")  # a real xcb window: Linux only
    # Both themes at once: a tour spends most of its time waiting for the workout's
    # clock, so two take about the time of one. Each has its own X server, its own data
    # folder (the script seeds a history there) and its own pictures.
    runs: dict[str, subprocess.Popen[str]] = {}
    said: dict[str, str] = {}  # each run's first line
    try:
        for theme in THEMES:
            env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
            env["CIRCUIT_TIMER_HOME"] = str(tmp_path / theme / "home")
            runs[theme] = run = subprocess.Popen(
                [xvfb_run, "-a", "-s", "-screen 0 1280x800x24", sys.executable,
                 str(REPO / "scripts" / "screenshots.py"), str(tmp_path / theme), "--theme",
                 theme],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            )  # fmt: skip
            # Its X server is up once the window says its platform: only then may the
            # next xvfb-run -a look for a free display (at the same moment, both would
            # pick the same one).
            assert run.stdout is not None
            said[theme] = run.stdout.readline()
            assert said[theme].startswith("platform "), run.communicate(timeout=180)
        outputs = {theme: run.communicate(timeout=180) for theme, run in runs.items()}
    finally:
        for run in runs.values():
            if run.poll() is None:
                run.kill()
                run.communicate()
    for theme, run in runs.items():
        out, err = outputs[theme]
        assert run.returncode == 0, f"{theme}:\n{out}{err}"
        assert said[theme] == "platform xcb\n", theme
        suffix = "" if theme == "system" else f"-{theme}"
        for name in SHOTS:
            image = QImage(str(tmp_path / theme / f"{name}{suffix}.png"))
            assert not image.isNull(), (theme, name)
            # The window's default size.
            assert (image.width(), image.height()) == (1100, 760), (theme, name)
            # Not a blank frame: many different colours.
            colours = {image.pixel(x, y) for x in range(0, 1100, 40) for y in range(0, 760, 40)}
            assert len(colours) > 4, (theme, name)
