"""The main window: library, workout and summary pages, and what connects them to the
history, the sound and the screen saver."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from circuit_timer import __version__
from circuit_timer.core.clock import Clock, ScaledClock
from circuit_timer.core.describe import CLINICIAN_NOTE
from circuit_timer.core.events import Event, Finished, Paused, Resumed
from circuit_timer.core.model import Circuit
from circuit_timer.core.today import todays_session
from circuit_timer.files import paths
from circuit_timer.files.new_circuit import StarterError, create_starter
from circuit_timer.session.sound import MAX_SPEED_WITH_SOUND, SoundCues, sound_cues
from circuit_timer.session.workout import Origin, Workout
from circuit_timer.store import insights
from circuit_timer.store.errors import StoreError
from circuit_timer.store.history import HistoryStore
from circuit_timer.ui.controller import WorkoutController
from circuit_timer.ui.history_page import HistoryPage
from circuit_timer.ui.keep_awake import KeepAwake
from circuit_timer.ui.library_page import LibraryPage
from circuit_timer.ui.library_watch import LibraryWatcher
from circuit_timer.ui.navigation import BROWSE, PageHost, PageStack, Sidebar, holder_for
from circuit_timer.ui.plan_page import PlanPage
from circuit_timer.ui.settings_dialog import SettingsDialog
from circuit_timer.ui.style import StyleKeeper
from circuit_timer.ui.summary_page import SummaryPage
from circuit_timer.ui.summary_text import side_tests
from circuit_timer.ui.today_page import TodayPage
from circuit_timer.ui.transfer_dialogs import export_history, import_history
from circuit_timer.ui.workout_page import WorkoutPage

CueFactory = Callable[[HistoryStore | None], SoundCues]


def _charts_page(store: HistoryStore | None, today: Callable[[], date]) -> QWidget:
    # pyqtgraph and numpy cost about 260 ms and 50 MB at start-up: only on first visit.
    from circuit_timer.ui.charts import ChartsPage

    assert store is not None
    return ChartsPage(store, today)


class LazyPage(QWidget):
    """A page built the first time it is shown."""

    def __init__(self, build: Callable[[], QWidget]) -> None:
        super().__init__()
        self._build = build
        self.page: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def refresh(self) -> None:
        """Build the page if needed, then refresh it."""
        if self.page is None:
            self.page = self._build()
            self._layout.addWidget(self.page)
        refresh = getattr(self.page, "refresh", None)
        if callable(refresh):
            refresh()


class MainWindow(QMainWindow):
    """The app's one window."""

    def __init__(
        self,
        *,
        speed: float = 1.0,
        clock: Clock | None = None,
        cue_factory: CueFactory | None = sound_cues,
        keep_awake: KeepAwake | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.setWindowTitle("circuit-timer")
        self.speed = speed
        self.clock: Clock = clock or ScaledClock(speed)
        self.cue_factory = cue_factory if speed <= MAX_SPEED_WITH_SOUND else None
        self.sound: SoundCues | None = None
        self.keep_awake = keep_awake or KeepAwake()
        self.today = today
        self.store: HistoryStore | None = None
        self.notices: list[str] = []
        try:
            self.store = HistoryStore.in_folder(paths.user_home())
            self.notices.extend(self.store.notices)
        except StoreError as exc:
            self.notices.append(f"{exc} Workouts will not be saved.")
        self.controller: WorkoutController | None = None
        self.origin = Origin()
        self.circuit: Circuit | None = None
        self.pages = PageStack()
        self.watcher = LibraryWatcher(paths.bundled_circuits_dir(), paths.user_circuits_dir(), self)
        self.library_page = LibraryPage(self.store, self.today)
        self.workout_page = WorkoutPage()
        self.summary_page = SummaryPage()
        self.browse: dict[str, QWidget] = {"Library": self.library_page}
        if self.store is not None:
            library = lambda: self.watcher.library  # noqa: E731 (the library changes)
            self.today_page = TodayPage(self.store, library, self.today)
            self.plan_page = PlanPage(self.store, library, self.today)
            self.history_page = HistoryPage(self.store, library, self.today)
            self.charts_page = LazyPage(lambda: _charts_page(self.store, self.today))
            self.browse = {
                "Today": self.today_page,
                "Library": self.library_page,
                "Plan": self.plan_page,
                "History": self.history_page,
                "Charts": self.charts_page,
            }
            self.today_page.start_requested.connect(self.start_plan_session)
            self.today_page.plan_requested.connect(lambda: self.show_page("Plan"))
            self.plan_page.plan_changed.connect(self._plan_changed)
        # Browse pages show under their title, on the spacing grid; the workout page stays
        # full-bleed (glanceable from two metres).
        self.holders: dict[str, QWidget] = {
            name: holder_for(name, page) for name, page in self.browse.items()
        }
        for holder in self.holders.values():
            self.pages.addWidget(holder)
        self.summary_page.setProperty(BROWSE, True)  # styled like the browse pages
        for page in (self.workout_page, self.summary_page):
            self.pages.addWidget(page)
        titled = {holder: name for name, holder in self.holders.items()}
        self.page_host = PageHost(self.pages, titled, self.today, untitled=[self.summary_page])
        self.nav = Sidebar(list(self.browse))
        self.nav.currentTextChanged.connect(self.show_page)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.page_host, 1)
        self.style_keeper = StyleKeeper(self, self.nav.retint)
        self.setCentralWidget(body)
        self.watcher.reloaded.connect(self._library_changed)
        self.library_page.start_requested.connect(self.start_circuit)
        self.library_page.plan_session_requested.connect(self.start_plan_session)
        self.library_page.new_requested.connect(self.new_circuit)
        self.library_page.open_folder_requested.connect(self.open_folder)
        self.summary_page.save_requested.connect(self._save_summary)
        self.summary_page.discard_requested.connect(self._discard_summary)
        self.summary_page.done_requested.connect(self._summary_done)
        self._menus()
        self._restore_geometry()
        self.watcher.reload()
        has_plan = self.store is not None and self.store.active_enrolment(self.today()) is not None
        self.show_page("Today" if has_plan and "Today" in self.browse else "Library")
        if self.notices:
            self.statusBar().showMessage(" ".join(self.notices))

    def show_page(self, name: str) -> None:
        """Show one of the browsing pages (refreshed), and select it in the navigation."""
        page = self.browse.get(name)
        if page is None:
            return
        self.nav.show()
        if self.nav.currentItem() is None or self.nav.currentItem().text() != name:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(list(self.browse).index(name))
            self.nav.blockSignals(False)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            try:
                refresh()
            except StoreError as exc:
                self.statusBar().showMessage(str(exc))
        self.pages.setCurrentWidget(self.holders[name])

    def _plan_changed(self) -> None:
        self.library_page.show_today(self._today_text())

    # -- menus and window ------------------------------------------------------

    def _menus(self) -> None:
        file = self.menuBar().addMenu("&File")
        self._action(file, "&New circuit…", self.new_circuit, QKeySequence.StandardKey.New)
        self._action(file, "&Open circuits folder", self.open_folder)
        self._action(file, "&Settings…", self.open_settings, QKeySequence("Ctrl+,"))
        file.addSeparator()
        self._action(file, "&Export history…", self.export_history)
        self._action(file, "&Import history…", self.import_history)
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view = self.menuBar().addMenu("&View")
        self._action(view, "&Full screen", self.toggle_fullscreen, QKeySequence("F11"))
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About circuit-timer", self.about)

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def toggle_fullscreen(self) -> None:
        """F11: fullscreen on and off."""
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc leaves fullscreen first, then asks before finishing a workout early; while
        it asks, Esc means keep going."""
        if event.key() == Qt.Key.Key_Escape:
            if self.workout_page.asking:
                self.workout_page.finish_bar.choose_keep()
            elif self.isFullScreen():
                self.showNormal()
            elif self.pages.currentWidget() is self.workout_page:
                self.confirm_finish()
            return
        super().keyPressEvent(event)

    def confirm_finish(self) -> None:
        """Ask (Keep going / Finish and save) at the bottom of the workout page, where the
        countdown stays in view; the workout runs on meanwhile."""
        self.workout_page.ask_finish()

    def about(self) -> None:
        """The About box."""
        QMessageBox.about(
            self,
            "About circuit-timer",
            f"<h3>circuit-timer {__version__}</h3><p>An exercise-circuit timer for runners."
            f"</p><p>{CLINICIAN_NOTE}</p>",
        )

    def export_history(self) -> None:
        """Save the history as JSON (every table) or CSV (one row per set)."""
        if self.store is not None:
            export_history(self, self.store)

    def import_history(self) -> None:
        """Add a JSON export's new sessions to the history."""
        if self.store is not None and import_history(self, self.store) is not None:
            self._plan_changed()

    def open_settings(self) -> None:
        """The settings dialog (shared with `circuit-timer settings`)."""
        if self.store is not None:
            SettingsDialog(self.store, self).exec()

    # -- library -----------------------------------------------------------------

    def _library_changed(self, library: object) -> None:
        self.library_page.set_library(self.watcher.library)
        self.library_page.show_today(self._today_text())

    def _today_session(self) -> tuple[Circuit, Origin] | None:
        if self.store is None:
            return None
        overview = insights.plan_overview(self.store, self.watcher.library, self.today())
        found = todays_session(overview.today_sessions) if overview else None
        if overview is None or found is None or found.circuit is None:
            return None
        entry = self.watcher.library.entries[found.planned.circuit_id]
        return found.circuit, Origin(
            circuit_hash=entry.digest,
            plan_id=overview.followed.enrolment.plan_id,
            plan_week=found.planned.weeks_out,
        )

    def _today_text(self) -> str | None:
        found = self._today_session()
        return found[0].title if found else None

    def new_circuit(self) -> None:
        """Ask for a name, write a starter circuit, and open it for editing."""
        name, ok = QInputDialog.getText(self, "New circuit", "Name of the new circuit:")
        if not ok or not name.strip():
            return
        try:
            path = create_starter(name)
        except StarterError as exc:
            QMessageBox.warning(self, "New circuit", str(exc))
            return
        self.watcher.reload()
        self.library_page.select(path.stem)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def open_folder(self) -> None:
        """Show the user's circuits folder in the file manager."""
        folder = paths.user_circuits_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(self, "Circuits folder", f"Cannot create {folder}: {exc}")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- workout -----------------------------------------------------------------

    def start_circuit(self, circuit_id: str) -> None:
        """Run the circuit with ``circuit_id`` from the library."""
        entry = self.watcher.library.entries.get(circuit_id)
        if entry is None or not isinstance(entry.document, Circuit):
            return
        self.run(entry.document, Origin(circuit_hash=entry.digest))

    def start_plan_session(self) -> None:
        """Run today's plan session with its changes, recording its plan and week."""
        found = self._today_session()
        if found is not None:
            self.run(*found)

    def run(self, circuit: Circuit, origin: Origin) -> None:
        """Start ``circuit`` on the workout page."""
        if self.controller is not None:
            self.controller.close()
        if self.sound is not None:
            self.sound.close(wait=False)  # the last workout's player and voice workers
        self.sound = self.cue_factory(self.store) if self.cue_factory is not None else None
        listeners = [self.sound.listener] if self.sound else []
        notice = self.sound.notice if self.sound else None
        # No session until a set is done: a workout ended with none is kept only if asked.
        workout = Workout(
            circuit, self.clock, self.store, origin, cue_listeners=listeners, keep_empty=False
        )
        self.circuit, self.origin = circuit, origin
        self.controller = WorkoutController(workout, self.clock, self)
        self.controller.happened.connect(self._keep_awake)
        self.controller.ended.connect(self._ended)
        cues = {ex.id: list(ex.cues) for block in circuit.blocks for ex in block.exercises}
        self.workout_page.attach(self.controller, cues)
        self.workout_page.notice.setText(notice or "")
        self.nav.hide()
        self.pages.setCurrentWidget(self.workout_page)
        self.workout_page.setFocus()
        self.keep_awake.hold("Workout in progress")
        self.controller.start()
        self.controller.set_visible(True)

    def _keep_awake(self, event: Event) -> None:
        if isinstance(event, Paused | Finished):
            self.keep_awake.release()
        elif isinstance(event, Resumed):
            self.keep_awake.hold("Workout in progress")

    def _ended(self, status: str) -> None:
        assert self.controller is not None and self.circuit is not None
        self.keep_awake.release()
        snap = self.controller.workout.snapshot()
        for notice in self.controller.workout.notices:
            self.statusBar().showMessage(notice)
        workout = self.controller.workout
        sets = self.controller.sets
        self.summary_page.show_workout(
            self.circuit.title,
            status,
            snap.total_elapsed,
            sets,
            saved=workout.sets_recorded if self.store is not None else None,
            circuit=self.circuit,
            tests=side_tests(self.store, workout.session_uuid, sets),
        )
        self.pages.setCurrentWidget(self.summary_page)

    def _save_summary(self, pain_after: int | None, pain_during: int | None, note: str) -> None:
        """Store the pain and note (None: not entered, never 0), then show the advice on
        the summary; without a history there is nothing to advise on."""
        workout = self.controller.workout if self.controller else None
        if workout is None or self.store is None:
            self._summary_done()
            return
        try:
            workout.keep()  # a workout with no completed set: the runner keeps it
            if workout.session_uuid:
                self.store.update_session(
                    workout.session_uuid,
                    notes=note or None,
                    pain_during=pain_during,
                    pain_after=pain_after,
                )
        except StoreError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            self.summary_page.save_failed()
            return
        try:
            _, advice = insights.pain(self.store, self.today())
        except StoreError as exc:
            self.summary_page.show_saved(None, str(exc))
            return
        self.summary_page.show_saved(advice)

    def _summary_done(self) -> None:
        """On to the history, where the session just saved is listed first."""
        self._leave_summary("History" if "History" in self.browse else "Library")

    def _discard_summary(self) -> None:
        """A workout with no completed set, not kept: nothing of it stays in the history."""
        if self.controller is not None:
            self.controller.workout.discard()
        self._leave_summary("Library")

    def _leave_summary(self, page: str) -> None:
        if self.controller is not None:
            self.controller.close()
            self.controller = None
        self.watcher.reload()
        self.show_page(page)

    # -- closing -----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = QSettings().value("window/geometry")
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.restoreGeometry(saved)
        else:
            self.resize(1100, 760)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing mid-workout saves it as partial; geometry is remembered."""
        if self.controller is not None:
            if not self.controller.workout.finished:
                self.controller.finish_early()
            self.controller.close()
        self.keep_awake.release()
        if self.sound is not None:
            self.sound.close()
        self.watcher.stop()
        QSettings().setValue("window/geometry", self.saveGeometry())
        if self.store is not None:
            self.store.close()
            self.store = None
        super().closeEvent(event)
