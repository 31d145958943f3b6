"""The main window's pages, each built when it is first needed: the first paint shows
the sidebar and "Loading…" only (a mixin of ui/main_window.py's MainWindow)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from circuit_timer.ui.lazy_page import LazyPage
from circuit_timer.ui.navigation import BROWSE, PageHost, PageStack

if TYPE_CHECKING:
    from circuit_timer.store.history import HistoryStore
    from circuit_timer.ui.history_page import HistoryPage
    from circuit_timer.ui.library_page import LibraryPage
    from circuit_timer.ui.library_watch import LibraryWatcher
    from circuit_timer.ui.plan_page import PlanPage
    from circuit_timer.ui.summary_page import SummaryPage
    from circuit_timer.ui.today_page import TodayPage
    from circuit_timer.ui.workout_page import WorkoutPage


class WindowPages:
    """The library, workout and summary pages, and the pages that read the history,
    built on first use; the window's constructor sets the attributes declared here."""

    store: HistoryStore | None
    today: Callable[[], date]
    watcher: LibraryWatcher
    pages: PageStack
    page_host: PageHost
    _library_holder: LazyPage
    _library_page: LibraryPage | None
    _workout_page: WorkoutPage | None
    _summary_page: SummaryPage | None
    today_page: TodayPage | None
    plan_page: PlanPage | None
    history_page: HistoryPage | None
    # The window's own slots, which the pages' signals reach.
    start_circuit: Callable[[str], None]
    start_plan_session: Callable[..., None]  # as_written: bool = False
    new_circuit: Callable[[], None]
    open_folder: Callable[[], None]
    show_page: Callable[[str], None]
    _plan_changed: Callable[[], None]
    _save_summary: Callable[[int | None, int | None, str], None]
    _discard_summary: Callable[[], None]
    _summary_done: Callable[[], None]

    @property
    def library_page(self) -> LibraryPage:
        """The library page (built on first use: at ``load`` or its first visit)."""
        page = self._library_holder.built()
        assert self._library_page is not None and page is self._library_page
        return self._library_page

    def _build_library_page(self) -> QWidget:
        from circuit_timer.ui.library_page import LibraryPage

        self._library_page = LibraryPage(self.store, self.today)
        self._library_page.start_requested.connect(self.start_circuit)
        self._library_page.plan_session_requested.connect(self.start_plan_session)
        self._library_page.new_requested.connect(self.new_circuit)
        self._library_page.open_folder_requested.connect(self.open_folder)
        return self._library_page

    @property
    def workout_page(self) -> WorkoutPage:
        """The page a workout runs on (built for the first workout, then reused)."""
        if self._workout_page is None:
            from circuit_timer.ui.workout_page import WorkoutPage

            self._workout_page = WorkoutPage()
            self.pages.addWidget(self._workout_page)
        return self._workout_page

    @property
    def summary_page(self) -> SummaryPage:
        """The page after a workout (built after the first workout, then reused)."""
        if self._summary_page is None:
            from circuit_timer.ui.summary_page import SummaryPage

            page = SummaryPage()
            page.setProperty(BROWSE, True)  # styled like the browse pages, untitled
            page.save_requested.connect(self._save_summary)
            page.discard_requested.connect(self._discard_summary)
            page.done_requested.connect(self._summary_done)
            self.page_host.untitled.append(page)
            self.pages.addWidget(page)
            self._summary_page = page
        return self._summary_page

    # -- the pages that read the history, built on first visit --------------------

    def _today_page(self) -> QWidget:
        from circuit_timer.ui.today_page import TodayPage

        assert self.store is not None
        library = lambda: self.watcher.library  # noqa: E731 (the library changes)
        self.today_page = TodayPage(self.store, library, self.today)
        self.today_page.start_requested.connect(self.start_plan_session)
        self.today_page.as_written_requested.connect(lambda: self.start_plan_session(True))
        self.today_page.plan_requested.connect(lambda: self.show_page("Plan"))
        return self.today_page

    def _plan_page(self) -> QWidget:
        from circuit_timer.ui.plan_page import PlanPage

        assert self.store is not None
        self.plan_page = PlanPage(self.store, lambda: self.watcher.library, self.today)
        self.plan_page.plan_changed.connect(self._plan_changed)
        return self.plan_page

    def _history_page(self) -> QWidget:
        from circuit_timer.ui.history_page import HistoryPage

        assert self.store is not None
        self.history_page = HistoryPage(self.store, lambda: self.watcher.library, self.today)
        return self.history_page
