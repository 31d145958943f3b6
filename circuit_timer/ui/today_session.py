"""The Today page's session column: today's plan session, read from across the room, and
its Start button."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from circuit_timer.core.dates import day_text
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit
from circuit_timer.core.plan_words import session_changes, session_minutes
from circuit_timer.core.schedule import PlannedSession
from circuit_timer.core.today import AdaptedSession, ladder_doses, todays_session
from circuit_timer.store.insights import PlanOverview
from circuit_timer.ui.page_colours import PASSED_COLOUR
from circuit_timer.ui.page_style import INNER, scaled_font, section_title, text_label


def changes_html(planned: PlannedSession, circuit: Circuit | None) -> str:
    """Today's changes as a short list: the exercise in bold, then its new dose and load."""
    changes = session_changes(planned.session, circuit)
    if not changes:
        return "The circuit as written, no changes today."
    items = []
    for name, parts in changes:
        head = f"<b>{escape(name)}</b>: " if name else ""
        items.append(f"<li>{head}{'<br>'.join(escape(p) for p in parts)}</li>")
    return "The plan changes today:<ul>" + "".join(items) + "</ul>"


def ladder_html(adapted: AdaptedSession, plan_circuit: Circuit) -> str:
    """Per laddered exercise: the dose it runs at today beside the plan's, then the rule's
    one line of reason (and the late-start notice), as `plan today` says them."""
    items = []
    for one in ladder_doses(adapted, plan_circuit):
        result = one.result
        if result.change is None:
            head = f"{one.written}, the plan as written"
        elif one.dose == one.written:
            head = f"{one.dose}, as the plan has it"
        else:
            head = f"{one.dose} \u2014 the plan has {one.written}"
        lines = [head, result.reason] + ([result.notice] if result.notice else [])
        items.append(f"<li><b>{escape(one.name)}</b>: {'<br>'.join(escape(t) for t in lines)}</li>")
    if not items:
        return ""
    return "Adapted to how your last sessions went:<ul>" + "".join(items) + "</ul>"


def _title(planned: PlannedSession, library: Library) -> str:
    circuit: Circuit | None = library.circuit(planned.circuit_id)
    return circuit.title if circuit else planned.circuit_id


class SessionColumn(QWidget):
    """The session's title, length, blocks and the plan's changes, or a rest day's words;
    then Start (the page fills them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = text_label(self, 2.4, bold=True)
        self.facts = text_label(self, 1.6)
        self.blocks = text_label(self, 1.15)
        self.blocks.setStyleSheet(f"color: {PASSED_COLOUR};")
        self.changes = text_label(self, 1.3)
        self.changes.setTextFormat(Qt.TextFormat.RichText)
        self.changes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.ladder = text_label(self, 1.3)
        self.ladder.setTextFormat(Qt.TextFormat.RichText)
        self.ladder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.start = QPushButton("Start")
        self.start.setObjectName("primary")
        # One short word, so it stays large at any width; the title is right above it.
        self.start.setFont(scaled_font(self, 2.6, bold=True))
        self.start.setMinimumHeight(80)
        self.start.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # The runner may run the plan as written instead of the earned dose (recorded).
        self.as_written = QPushButton("Run the plan as written")
        self.as_written.hide()
        self.rest = text_label(self, 1.5)
        self.next_plan = QPushButton("Choose your next plan\u2026")
        self.next_plan.setFont(scaled_font(self, 1.3, bold=True))
        self.next_plan.setMinimumHeight(48)
        self.next_plan.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(INNER)
        column.addWidget(section_title("Today's session"))
        for label in (self.title, self.facts, self.blocks):
            column.addWidget(label)
        # Start before the adapted dose's and the plan's details, which can run long: the
        # button that runs the earned dose is the one in view, never "as written" alone.
        column.addWidget(self.start)
        for label in (self.ladder, self.changes, self.rest):
            column.addWidget(label)
        column.addWidget(self.next_plan, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.as_written, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

    def show_today(
        self, overview: PlanOverview, library: Library, adapted: AdaptedSession | None = None
    ) -> None:
        """Today's session from ``overview`` (or a rest day's, a done day's words), with
        the progression rule's ``adapted`` dose beside the plan's when it has ladders."""
        todays = overview.today_sessions
        # The same choice as the window's Start, the Library and `run`.
        found = todays_session(todays)
        nxt = overview.next_session
        after = (
            f"Next: {day_text(nxt.date)}, {_title(nxt, library)}"
            if nxt
            else "No more plan sessions before the race."
        )
        self.next_plan.setVisible(overview.days_to_race < 0)
        if found is None:
            if todays:
                title, text = "Done for today \u2713", f"Well done. {after}"
            elif overview.days_to_race == 0:
                title, text = "Race today", "No session today. Good luck!"
            elif overview.days_to_race < 0:
                title, text = "Plan finished", "How did it go? Choose a plan for your next race."
            else:
                title, text = "Rest day", f"Rest day. {after}"
            self.title.setText(title)
            self._set(self.facts, "")
            self._set(self.blocks, "")
            self._set(self.changes, "")
            self._set(self.ladder, "")
            self._set(self.rest, text)
            self.start.hide()
            self.start.setEnabled(False)
            self.as_written.hide()
            return
        planned, adjusted = found.planned, found.circuit
        original = library.circuit(planned.circuit_id)
        self.title.setText(_title(planned, library))
        if adjusted is None:
            self._set(
                self.facts,
                f"The circuit '{planned.circuit_id}' is no longer in your library.",
            )
            self._set(self.blocks, "")
            self._set(self.changes, "")
            self._set(self.ladder, "")
            self.as_written.hide()
            self.start.setEnabled(False)
        else:
            length = session_minutes(planned, original)
            self._set(self.facts, f"About {length} min")
            self._set(
                self.blocks,
                " \u00b7 ".join(adjusted.block_title(b) for b in range(len(adjusted.blocks))),
            )
            ladder = ladder_html(adapted, adjusted) if adapted else ""
            changes = changes_html(planned, original)
            if ladder:  # what runs is the adapted dose: the dated changes are the plan's
                changes = changes.replace("The plan changes", "The plan as written changes")
            self._set(self.changes, changes)
            self._set(self.ladder, ladder)
            self.as_written.setVisible(bool(ladder))
            self.start.setEnabled(True)
        self.start.setAccessibleName(f"Start today's session: {_title(planned, library)}")
        self.start.show()
        self._set(self.rest, "")

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        # An empty label still takes a line of the column; hide it instead.
        label.setText(text)
        label.setVisible(bool(text))
