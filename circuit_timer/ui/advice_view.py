"""The pain-monitoring advice as a card: what to do next session, the words
`circuit-timer pain --trend` prints, the clause that decided, and all three clauses.

The summary (after saving), Today and Charts show it; all read ``insights.pain``, as the
command line does, so the window and the terminal say the same thing.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from circuit_timer.core.pain import Clause, ClauseStatus, PainAdvice
from circuit_timer.ui.page_style import INNER, hint, scaled_font

CLAUSE_WORDS: dict[Clause, str] = {
    "during-after": "Pain during and after at most 5/10",
    "next-morning": "The next morning no worse",
    "week-to-week": "Morning pain not rising week to week",
}
# A word and a symbol for each status, so it reads without colour.
STATUS_WORDS: dict[ClauseStatus, str] = {
    "kept": "\u2713 kept",
    "broken": "\u2717 broken",
    "unknown": "? not known",
}


def advice_title(advice: PainAdvice) -> str:
    """The advice in a few words: what to do with next session's load."""
    if advice.lighter_next_time:
        return "Go lighter next session"
    if advice.level == "safe":
        return "Keep the planned load"
    if advice.level == "acceptable":
        return "Keep the planned load, do not add to it yet"
    return "Nothing to go by yet"


def decided_text(advice: PainAdvice) -> str:
    """Which clause decided, in words ("" when none is broken)."""
    if advice.clause is None:
        return ""
    return f"Decided by the {advice.clause} check: {CLAUSE_WORDS[advice.clause].lower()}."


def checks_html(advice: PainAdvice) -> str:
    """Every clause with its status and reason, as a short HTML list."""
    rows = []
    for check in advice.checks:
        rows.append(
            f"<li><b>{escape(STATUS_WORDS[check.status])}</b> \u00b7 "
            f"{escape(CLAUSE_WORDS[check.clause])}: {escape(check.reason)}</li>"
        )
    return "<ul style='margin-left: 0; -qt-list-indent: 1'>" + "".join(rows) + "</ul>"


class AdviceView(QFrame):
    """A card with the advice for the next session (see the module's docstring); with
    ``rule``, a last line states the whole rule."""

    def __init__(self, *, rule: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Pain advice for the next session")
        self.title = QLabel()
        self.title.setFont(scaled_font(self, 1.3, bold=True))
        self.title.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decided = QLabel()
        self.decided.setWordWrap(True)
        font = self.decided.font()
        font.setBold(True)
        self.decided.setFont(font)
        self.checks = QLabel()
        self.checks.setWordWrap(True)
        self.checks.setTextFormat(Qt.TextFormat.RichText)
        self.footer = hint(
            "The pain-monitoring rule: pain during and after at most 5/10 (0-3 safe, 4-5 "
            "acceptable, above 5 too much), the next morning no worse, and morning pain not "
            "rising week to week."
        )
        self.footer.setVisible(rule)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * INNER, 2 * INNER, 2 * INNER, 2 * INNER)
        layout.setSpacing(INNER)
        for label in (self.title, self.message, self.decided, self.checks, self.footer):
            layout.addWidget(label)
        self.advice: PainAdvice | None = None

    def set_advice(self, advice: PainAdvice) -> None:
        """Show ``advice`` (from ``insights.pain``)."""
        self.advice = advice
        self.title.setText(advice_title(advice))
        self.message.setText(advice.message)
        self.decided.setText(decided_text(advice))
        self.decided.setVisible(advice.clause is not None)
        self.checks.setText(checks_html(advice))
        self.checks.show()
        self.setAccessibleDescription(f"{advice_title(advice)}. {advice.message}")

    def set_error(self, text: str) -> None:
        """Say why there is no advice (the history could not be read)."""
        self.advice = None
        self.title.setText("No advice")
        self.message.setText(text)
        self.decided.hide()
        self.checks.clear()
        self.checks.hide()

    def plain_text(self) -> str:
        """Everything the card says, as plain text (for tests and screen readers)."""
        parts = [self.title.text(), self.message.text()]
        if not self.decided.isHidden():
            parts.append(self.decided.text())
        if self.advice is not None:
            parts += [
                f"{STATUS_WORDS[c.status]} {CLAUSE_WORDS[c.clause]}: {c.reason}"
                for c in self.advice.checks
            ]
        return "\n".join(parts)
