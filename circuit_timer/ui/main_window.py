"""The main window: the browse pages, the workout and summary pages, and what connects
them (the store and the library come from ui/app.py; one WorkoutRun per workout)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeAlias

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QMainWindow, QMessageBox, QWidget

from circuit_timer.core.clock import Clock, ScaledClock
from circuit_timer.files import paths
from circuit_timer.session.sound import MAX_SPEED_WITH_SOUND, SoundCues, sound_cues
from circuit_timer.store.errors import StoreError
from circuit_timer.ui.keep_awake import KeepAwake
from circuit_timer.ui.lazy_page import LazyPage, charts_page, loading_page
from circuit_timer.ui.navigation import BROWSE, PageHost, PageStack, Sidebar, holder_for
from circuit_timer.ui.page_loader import PageLoader
from circuit_timer.ui.style import StyleKeeper
from circuit_timer.ui.window_geometry import restore_geometry
from circuit_timer.ui.window_menus import add_menus
from circuit_timer.ui.window_pages import WindowPages

if TYPE_CHECKING:
    # The first paint shows the sidebar and "Loading…" only: every page, the models
    # (pydantic) and the store's queries are imported where they are first used, after it.
    from circuit_timer.core.model import Circuit
    from circuit_timer.session.workout import Origin
    from circuit_timer.store.history import HistoryStore
    from circuit_timer.ui.controller import WorkoutController
    from circuit_timer.ui.library_watch import LibraryWatcher
    from circuit_timer.ui.plan_start import PlanStart
    from circuit_timer.ui.workout_run import RemoteFactory, WorkoutRun

# A string: HistoryStore is imported for the type checker only.
CueFactory: TypeAlias = "Callable[[HistoryStore | None], SoundCues]"


class MainWindow(QMainWindow, WindowPages):
    """The app's one window, on the history ``store`` (None: nothing is saved) and the
    ``library`` it is handed; ``notices`` go to the status bar.

    Built, it shows "Loading…"; ``load`` reads the library and shows the first page
    (ui/app.py shows the window first and loads it after its first paint). The pages
    that read the history are built on their first visit.

    Signals:
        library_listed(): ``load`` is done: the library page lists the library and the
            first page (Today with a plan, else Library) is shown. ``listed`` says so too.
        closed(): the window has closed (sent once): done with its store and library.
    """

    library_listed = Signal()
    closed = Signal()

    def __init__(
        self,
        *,
        store: HistoryStore | None,
        library: LibraryWatcher,
        notices: Sequence[str] = (),
        speed: float = 1.0,
        clock: Clock | None = None,
        cue_factory: CueFactory | None = sound_cues,
        keep_awake: KeepAwake | None = None,
        today: Callable[[], date] = date.today,
        remote: RemoteFactory | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("circuit-timer")
        self.speed = speed
        self.clock: Clock = clock or ScaledClock(speed)
        self.cue_factory = cue_factory if speed <= MAX_SPEED_WITH_SOUND else None
        self.keep_awake = keep_awake or KeepAwake()
        self.remote = remote  # each workout's media controls (ui/mpris.py), if any
        self.today = today
        self.store = store
        self.watcher = library
        # Owned by the window, so it is destroyed with it, on the GUI thread. Left to
        # Python's garbage collector, it went on whatever thread collected (a page's
        # reader): its file watcher's notifier, left on a closed descriptor, then
        # flooded the GUI thread with warnings without end.
        library.setParent(self)
        self.notices = list(notices)
        self.listed = False
        self.is_closed = False
        self.workout_run: WorkoutRun | None = None
        self.pages = PageStack()
        # Every page is built when first needed (the library's at ``load``).
        self._library_page = None
        self._workout_page = None
        self._summary_page = None
        self.today_page = None
        self.plan_page = None
        self.history_page = None
        self._library_holder = LazyPage(self._build_library_page)
        self.browse: dict[str, QWidget] = {"Library": self._library_holder}
        if self.store is not None:
            self.browse = {
                "Today": LazyPage(self._today_page),
                "Library": self._library_holder,
                "Plan": LazyPage(self._plan_page),
                "History": LazyPage(self._history_page),
                "Charts": LazyPage(
                    lambda: charts_page(self.store, self.today, lambda: self.watcher.library)
                ),
            }
        # Until ``load``: what the first paint shows in the page's place.
        self.loading = loading_page()
        # Browse pages show under their title, on the spacing grid; the workout page stays
        # full-bleed (glanceable from two metres).
        self.holders: dict[str, QWidget] = {
            name: holder_for(name, page) for name, page in self.browse.items()
        }
        self.pages.addWidget(self.loading)
        for holder in self.holders.values():
            self.pages.addWidget(holder)
        self.loading.setProperty(BROWSE, True)  # styled like the browse pages
        titled = {holder: name for name, holder in self.holders.items()}
        self.page_host = PageHost(self.pages, titled, self.today, untitled=[self.loading])
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
        add_menus(self)
        self._restore_geometry()
        # Today comes first with a plan followed: one row, read off the GUI thread.
        self._first_page(followed=False)
        if self.store is not None:
            self.first_loader = PageLoader(self.store.path, self)
            self.first_loader.failed.connect(self.statusBar().showMessage)
            day = today()
            self.first_loader.load(lambda store: store.active_enrolment(day), self._first_page)
        if self.notices:
            self.statusBar().showMessage(" ".join(self.notices))
        # Today's plan session is read off the GUI thread before it starts.
        self.start_loader: PageLoader | None = None
        if self.store is not None:
            self.start_loader = PageLoader(self.store.path, self)
            self.start_loader.waiting.connect(self.statusBar().showMessage)
            self.start_loader.failed.connect(self.statusBar().showMessage)

    def _first_page(self, followed: object) -> None:
        """Today first with a plan ``followed``, else Library: marked in the sidebar before
        ``load`` (the read is in long before it), shown if ``load`` showed Library."""
        self.first_page = "Today" if followed else "Library"
        if not self.listed:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(list(self.browse).index(self.first_page))
            self.nav.blockSignals(False)
        elif followed and self.pages.currentWidget() is self.holders["Library"]:
            self.show_page("Today")

    def load(self) -> None:
        """Read the library and show the first page."""
        self.watcher.reload()
        self.show_page(self.first_page)
        self.listed = True
        self.library_listed.emit()

    @property
    def controller(self) -> WorkoutController | None:
        """The controller of the workout on screen (or on the summary), if any."""
        return self.workout_run.controller if self.workout_run is not None else None

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
        self.library_page.show_today()

    # -- keys and dialogs -------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc leaves fullscreen first, then asks before finishing a workout early; while
        it asks, Esc means keep going."""
        if event.key() == Qt.Key.Key_Escape:
            workout_page = self._workout_page  # None until the first workout
            if workout_page is not None and workout_page.asking:
                workout_page.finish_bar.choose_keep()
            elif self.isFullScreen():
                self.showNormal()
            elif workout_page is not None and self.pages.currentWidget() in (workout_page,):
                # Keep going / Finish and save, asked under the countdown, which runs on.
                workout_page.ask_finish()
            return
        super().keyPressEvent(event)

    def export_history(self) -> None:
        """Save the history as JSON (every table) or CSV (one row per set)."""
        from circuit_timer.ui.transfer_dialogs import export_history

        if self.store is not None:
            export_history(self, self.store)

    def import_history(self) -> None:
        """Add a JSON export's new sessions to the history."""
        from circuit_timer.ui.transfer_dialogs import import_history

        if self.store is not None and import_history(self, self.store) is not None:
            self._plan_changed()

    def open_settings(self) -> None:
        """The settings dialog (shared with `circuit-timer settings`)."""
        from circuit_timer.ui.settings_dialog import SettingsDialog

        if self.store is not None:
            SettingsDialog(self.store, self).exec()

    # -- library -----------------------------------------------------------------

    def _library_changed(self, library: object) -> None:
        self.library_page.set_library(self.watcher.library)
        self.library_page.show_today()

    def new_circuit(self) -> None:
        """Ask for a name, write a starter circuit, and open it for editing."""
        name, ok = QInputDialog.getText(self, "New circuit", "Name of the new circuit:")
        if not ok or not name.strip():
            return
        from circuit_timer.files.new_circuit import StarterError, create_starter

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
        from circuit_timer.core.model import Circuit
        from circuit_timer.session.workout import Origin

        entry = self.watcher.library.entries.get(circuit_id)
        if entry is None or not isinstance(entry.document, Circuit):
            return
        self.run(entry.document, Origin(circuit_hash=entry.digest))

    def start_plan_session(self, as_written: bool = False) -> None:
        """Run today's plan session, adapted by the progression rule as `run` does (or the
        plan as written, a choice recorded), with its plan and week (read off the GUI
        thread; the workout starts when it comes)."""
        from circuit_timer.ui.plan_start import read_plan_start

        if self.start_loader is None:
            return
        library, today = self.watcher.library, self.today()
        self.start_loader.load(
            lambda store: read_plan_start(store, library, today, as_written), self._start_found
        )

    def _start_found(self, found: PlanStart | None) -> None:
        if found is not None:
            self.run(found.circuit, found.origin)

    def run(self, circuit: Circuit, origin: Origin) -> None:
        """Start ``circuit`` on the workout page, as a fresh WorkoutRun."""
        from circuit_timer.ui.workout_run import WorkoutRun

        self._close_run()
        sound = self.cue_factory(self.store) if self.cue_factory is not None else None
        self.workout_run = WorkoutRun(
            circuit, origin, clock=self.clock, store=self.store, sound=sound,
            keep_awake=self.keep_awake, page=self.workout_page, remote=self.remote,
            parent=self,
        )  # fmt: skip
        self.workout_run.ended.connect(self._ended)
        self.nav.hide()
        self.pages.setCurrentWidget(self.workout_page)
        self.workout_page.setFocus()
        self.workout_run.start()

    def _ended(self, status: str) -> None:
        run = self.workout_run
        assert run is not None
        snap = run.workout.snapshot()
        for notice in run.workout.notices:
            self.statusBar().showMessage(notice)
        from circuit_timer.ui.summary_text import side_tests

        sets = run.controller.sets
        self.summary_page.show_workout(
            run.circuit.title,
            status,
            snap.total_elapsed,
            sets,
            saved=run.workout.sets_recorded if self.store is not None else None,
            kept=run.workout.sets_kept,
            circuit=run.circuit,
            tests=side_tests(self.store, run.workout.session_uuid, sets),
        )
        self.pages.setCurrentWidget(self.summary_page)

    def _save_summary(self, pain_after: int | None, pain_during: int | None, note: str) -> None:
        """Store the pain and note, then show the advice on the summary; without a
        history there is nothing to advise on."""
        if self.workout_run is None or self.store is None:
            self._summary_done()
            return
        for done, kg, bodyweight in self.summary_page.load_changes():  # corrected there
            self.workout_run.workout.set_load(done, kg, bodyweight)
        # Kept in the journal whatever SQLite does; written now unless it is stuck.
        written = self.workout_run.save(pain_after, pain_during, note)
        from circuit_timer.store import insights

        try:
            _, advice = insights.pain(self.store, self.today())
        except StoreError as exc:
            self.summary_page.show_saved(None, str(exc), written=written)
            return
        self.summary_page.show_saved(advice, written=written)

    def _summary_done(self) -> None:
        """On to the history, where the session just saved is listed first."""
        self._leave_summary("History" if "History" in self.browse else "Library")

    def _discard_summary(self) -> None:
        """A workout with no completed set, not kept: nothing of it stays in the history."""
        if self.workout_run is not None:
            self.workout_run.discard()
        self._leave_summary("Library")

    def _leave_summary(self, page: str) -> None:
        self._close_run()
        self.watcher.reload()
        self.show_page(page)

    def _close_run(self) -> None:
        if self.workout_run is not None:
            self.workout_run.close()
            self.workout_run.deleteLater()
            self.workout_run = None

    # -- closing -----------------------------------------------------------------

    def _restore_geometry(self) -> None:
        restore_geometry(self, QSettings().value("window/geometry"))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing mid-workout saves it as partial; geometry is remembered."""
        if self.workout_run is not None and not self.workout_run.workout.finished:
            self.workout_run.controller.finish_early()
        self._close_run()
        for loader in self.findChildren(PageLoader):
            loader.cancel()  # a read still waiting out a lock is not shown, nor retried
        self.keep_awake.release()
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
        if not self.is_closed:  # once, though Qt may send a closed window another close
            self.is_closed = True
            self.closed.emit()
