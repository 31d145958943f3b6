"""What the window's first paint waits for: its own modules, not the models (pydantic),
YAML, the charts or the pages, which are imported once it has painted."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.paths import REPO

# Modules the first paint does not show anything of.
AFTER_PAINT = (
    "pydantic",
    "yaml",
    "numpy",
    "pyqtgraph",
    "PySide6.QtDBus",
    "circuit_timer.core.model",
    "circuit_timer.core.library",
    "circuit_timer.ui.library_page",
    "circuit_timer.ui.workout_page",
    "circuit_timer.ui.summary_page",
    "circuit_timer.ui.today_page",
)


def _loaded(script: str) -> dict[str, list[str]]:
    """Run ``script`` in a fresh interpreter; it prints JSON naming the modules loaded."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded: dict[str, list[str]] = json.loads(result.stdout.splitlines()[-1])
    return loaded


def test_importing_the_window_loads_no_models_yaml_or_pages() -> None:
    loaded = _loaded(
        f"""
        import json, sys
        import circuit_timer.ui.app, circuit_timer.ui.main_window
        print(json.dumps({{"at import": [m for m in {AFTER_PAINT!r} if m in sys.modules]}}))
        """
    )
    assert loaded == {"at import": []}


def test_the_first_paint_waits_for_no_models_yaml_or_pages() -> None:
    # As `circuit-timer` starts it: shown at once, filled after the first paint.
    loaded = _loaded(
        f"""
        import json, sys
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication
        from circuit_timer.ui.app import start_window

        app = QApplication([])
        seen = {{}}

        class FirstPaint(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and "at paint" not in seen:
                    seen["at paint"] = [m for m in {AFTER_PAINT!r} if m in sys.modules]
                return False

        def listed():
            seen["listed"] = [m for m in {AFTER_PAINT!r} if m in sys.modules]
            window.close()
            app.quit()

        window = start_window(cue_factory=None)
        first_paint = FirstPaint()
        window.installEventFilter(first_paint)
        window.library_listed.connect(listed)
        app.exec()
        print(json.dumps(seen))
        """
    )
    assert loaded["at paint"] == []
    # Once listed, the library has been read and validated, and its page built.
    assert {"pydantic", "yaml", "circuit_timer.ui.library_page"} <= set(loaded["listed"])
