"""The Plan page's week-by-week table: a plan previewed from today, or the plan being
followed with each session done, missed, today, open or upcoming.

Both come from the same schedule the command line uses (``plan_schedule``; for the plan
followed, ``insights.plan_overview``), so the table and `circuit-timer plan status` list
the same sessions with the same status.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from circuit_timer.core.dates import day_text
from circuit_timer.core.describe import plural
from circuit_timer.core.library import Library
from circuit_timer.core.model import Circuit, Plan
from circuit_timer.core.plan_words import change_lines, session_minutes, week_title
from circuit_timer.core.schedule import PlannedSession, PlannedStatus, week_window
from circuit_timer.core.today import shown_status
from circuit_timer.ui.page_colours import PASSED_COLOUR, RACE_COLOUR, STATUS_LOOK
from circuit_timer.ui.page_style import scaled_font
from circuit_timer.ui.tree_rows import WrappingDelegate, child_items, tree_items

SESSION_INDEX = Qt.ItemDataRole.UserRole + 1
SESSION_DATE = Qt.ItemDataRole.UserRole + 2
# The status as `plan status --json` has it: done, missed or upcoming.
PLAN_STATUS = Qt.ItemDataRole.UserRole + 3
WHEN, SESSION, TIME, CHANGES, STATUS = range(5)
# The Session column wraps below this share of the room the fixed columns leave, so a
# long title ("Left-right check: heel raise, bridge, hip abduction") never squeezes Plan
# changes to nothing or pushes Time off screen in a small window.
SESSION_SHARE = 0.45
SESSION_MIN_WIDTH = 110


class PlanTree(QTreeWidget):
    """Weeks from the furthest out to race week, each with its sessions.

    The Status column shows only for the plan being followed; it sits second on screen
    but last in the model, so the other columns keep their numbers in both uses.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(5)
        self.setHeaderLabels(["When", "Session", "Time", "Plan changes", "Status"])
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setFont(scaled_font(self, 1.1))
        self.setAlternatingRowColors(True)
        self.setItemDelegate(WrappingDelegate(self, SESSION, CHANGES))
        header = self.header()
        header.setStretchLastSection(False)
        header.moveSection(header.visualIndex(STATUS), 1)
        for column in (WHEN, TIME, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SESSION, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(CHANGES, QHeaderView.ResizeMode.Stretch)
        self._bold = QFont(self.font())
        self._bold.setBold(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the Session column to the new width."""
        super().resizeEvent(event)
        self.fit_session()

    def fit_session(self) -> None:
        """The Session column as wide as its longest title, or its share of the room."""
        header = self.header()
        header.resizeSections()  # the contents-sized columns as they are now
        fixed = sum(header.sectionSize(c) for c in (WHEN, TIME, STATUS)
                    if not self.isColumnHidden(c))  # fmt: skip
        metrics = QFontMetrics(self._bold)  # today's row is bold: the widest
        titles = [item.text(SESSION) for week in tree_items(self) for item in child_items(week)]
        # The text's margins in a cell (the style's focus frame on either side).
        longest = max((metrics.horizontalAdvance(t) for t in titles), default=0) + 24
        share = max(int((self.viewport().width() - fixed) * SESSION_SHARE), SESSION_MIN_WIDTH)
        width = max(min(longest, share), header.sectionSizeHint(SESSION))
        if header.sectionSize(SESSION) != width:
            header.resizeSection(SESSION, width)

    # -- reading -----------------------------------------------------------------

    def session_items(self) -> list[QTreeWidgetItem]:
        """The session rows, top to bottom (the race-day row is not one)."""
        return [
            item
            for week in tree_items(self)
            for item in child_items(week)
            if item.data(WHEN, SESSION_INDEX) is not None
        ]

    def shown_sessions(self) -> list[tuple[date, int]]:
        """The (date, index in the plan) of every session row, top to bottom."""
        return [
            (date.fromisoformat(item.data(WHEN, SESSION_DATE)), int(item.data(WHEN, SESSION_INDEX)))
            for item in self.session_items()
        ]

    def shown_progress(self) -> list[tuple[date, str, str]]:
        """For the plan followed: (date, status as `plan status` has it, status shown) of
        every session row, top to bottom."""
        return [
            (
                date.fromisoformat(item.data(WHEN, SESSION_DATE)),
                str(item.data(WHEN, PLAN_STATUS)),
                item.text(STATUS),
            )
            for item in self.session_items()
        ]

    def week_titles(self) -> list[str]:
        """The first column of every week."""
        return [item.text(WHEN) for item in tree_items(self)]

    # -- filling -----------------------------------------------------------------

    def show_preview(
        self, plan: Plan, schedule: Sequence[PlannedSession], race: date, today: date,
        library: Library,
    ) -> None:  # fmt: skip
        """``plan`` as it would run if started today toward ``race``."""
        self.clear()
        self.setColumnHidden(STATUS, True)
        for week in sorted(plan.weeks, key=lambda w: -w.weeks_out):
            first, last = week_window(race, week.weeks_out)
            item = self._week_item(week.weeks_out, week.label)
            sessions = [p for p in schedule if p.weeks_out == week.weeks_out]
            span = f"{day_text(first)} to {day_text(last)}"
            if last < today:
                item.setText(WHEN, f"{item.text(WHEN)}  ({span}; starts late: week "
                                   f"{week.weeks_out} out has passed)")  # fmt: skip
                item.setForeground(WHEN, QBrush(QColor(PASSED_COLOUR)))
                continue
            skipped = len(week.sessions) - len(sessions)
            note = f"; starts late: {plural(skipped, 'session')} already passed" if skipped else ""
            note += "; rest week" if not week.sessions else ""
            item.setText(WHEN, f"{item.text(WHEN)}  ({span}{note})")
            for planned in sessions:
                item.addChild(self._session_item(planned, library.circuit(planned.circuit_id)))
            if week.weeks_out == 0:
                item.addChild(self._race_item(race))
            item.setExpanded(True)
        self.fit_session()

    def show_progress(
        self, plan: Plan, progress: Sequence[PlannedStatus], race: date, started: date,
        today: date, library: Library,
        ladder: Mapping[date, Sequence[tuple[str, str]]] | None = None,
    ) -> None:  # fmt: skip
        """The plan followed since ``started``: each session with its status on ``today``,
        and the ``ladder`` lines of each session date (the step done, today's dose)."""
        self.clear()
        self.setColumnHidden(STATUS, False)
        for week in sorted(plan.weeks, key=lambda w: -w.weeks_out):
            first, last = week_window(race, week.weeks_out)
            item = self._week_item(week.weeks_out, week.label)
            rows = [p for p in progress if p.planned.weeks_out == week.weeks_out]
            notes = [f"{day_text(first)} to {day_text(last)}"]
            before = len(week.sessions) - len(rows)
            if first <= today <= last:
                notes.append("this week")
            if not week.sessions:
                notes.append("rest week")
            elif before == len(week.sessions):
                notes.append(f"before you started on {day_text(started)}")
            elif before:
                notes.append(f"{plural(before, 'session')} before you started")
            item.setText(WHEN, f"{item.text(WHEN)}  ({'; '.join(notes)})")
            if last < today:
                item.setForeground(WHEN, QBrush(QColor(PASSED_COLOUR)))
            for status in rows:
                planned = status.planned
                child = self._session_item(planned, library.circuit(planned.circuit_id))
                shown = shown_status(status, today)
                if lines := (ladder or {}).get(planned.date):
                    # The step done (the climb, the step back) and today's earned dose.
                    child.setText(CHANGES, "\n".join([child.text(CHANGES), *(s for s, _ in lines)]))
                    tip = [child.toolTip(CHANGES), *(full for _, full in lines)]
                    child.setToolTip(CHANGES, "\n".join(tip))
                text, colour = STATUS_LOOK[shown]
                child.setText(STATUS, text)
                child.setData(WHEN, PLAN_STATUS, status.status)
                if colour is not None:
                    child.setForeground(STATUS, QBrush(QColor(colour)))
                if planned.date == today:
                    for column in range(self.columnCount()):
                        child.setFont(column, self._bold)
                item.addChild(child)
            if week.weeks_out == 0:
                item.addChild(self._race_item(race))
            item.setExpanded(True)
        self.fit_session()

    def _week_item(self, weeks_out: int, label: str | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([week_title(weeks_out, label)])
        item.setFont(WHEN, self._bold)
        self.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        return item

    def _race_item(self, race: date) -> QTreeWidgetItem:
        item = QTreeWidgetItem([day_text(race), "Race day"])
        item.setFont(SESSION, self._bold)
        item.setForeground(SESSION, QBrush(QColor(RACE_COLOUR)))
        return item

    def _session_item(self, planned: PlannedSession, circuit: Circuit | None) -> QTreeWidgetItem:
        length = session_minutes(planned, circuit)
        changes = change_lines(planned.session, circuit, full=False)
        item = QTreeWidgetItem(
            [
                day_text(planned.date),
                circuit.title if circuit else f"{planned.circuit_id} (missing)",
                f"{length} min" if length is not None else "",
                "\n".join(changes) if changes else "as written",
                "",
            ]
        )
        for column in range(self.columnCount()):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        item.setData(WHEN, SESSION_INDEX, planned.index)
        item.setData(WHEN, SESSION_DATE, planned.date.isoformat())
        item.setToolTip(CHANGES, "\n".join(change_lines(planned.session, circuit)) or "as written")
        return item
