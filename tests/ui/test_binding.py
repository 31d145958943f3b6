"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6-Essentials 6.12.0 released ``None`` once for every call of a void method on
Python 3.11 (where ``None`` is not immortal), so the window crashed with "deallocating
None" after a few minutes of redrawing. pyproject.toml excludes that version; this test
fails if an upgrade brings the bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel


def test_void_calls_leave_none_alone(qapp: QApplication) -> None:
    label = QLabel("0:30")
    before = sys.getrefcount(None)
    for _ in range(1000):
        font = QFont()
        font.setPixelSize(40)
        label.setFont(font)
        label.setText("0:29")
    assert abs(sys.getrefcount(None) - before) < 50
