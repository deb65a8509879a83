"""Navigation on the left, one page at a time on the right, the database in the status bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from hubdesk import __version__
from hubdesk.app import HubApp, database_label
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.pages import PAGES


class MainWindow(QMainWindow):
    def __init__(self, app: HubApp, events: AppEvents | None = None) -> None:
        super().__init__()
        self.app = app
        self.events = events or AppEvents()
        self.setWindowTitle(f"hubdesk {__version__}")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget()
        self.pages: dict[str, Any] = {}
        for title, page_factory in PAGES:
            page_class = page_factory()
            page: QWidget = page_class(app, self.events, self)
            self.pages[title] = page
            self.nav.addItem(title)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._show_page)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        where = QLabel(f"Database: {database_label(app.settings)}")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(where)
        self._add_menu()
        self._fit_to_screen()
        self._restore_geometry()
        self.nav.setCurrentRow(0)

    def _add_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        import_action = QAction("&Import children from the MIS…", self)
        import_action.triggered.connect(self.import_children)
        file_menu.addAction(import_action)
        bookings_action = QAction("Import &bookings from a spreadsheet…", self)
        bookings_action.triggered.connect(self.import_bookings)
        file_menu.addAction(bookings_action)
        backups_action = QAction("Bac&kups…", self)
        backups_action.triggered.connect(self.show_backups)
        file_menu.addAction(backups_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def import_children(self) -> None:
        from hubdesk.ui.children.import_dialog import ImportDialog

        dialog = ImportDialog(self.app, self.events, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_backups(self) -> None:
        from hubdesk.ui.shell.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.app, self.events, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def import_bookings(self) -> None:
        from hubdesk.ui.clubs.import_bookings_dialog import ImportBookingsDialog

        dialog = ImportBookingsDialog(self.app, self.events, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        refresh = getattr(page, "on_shown", None)
        if callable(refresh):
            refresh()

    def show_page(self, title: str) -> Any:
        """Switch to a page by its navigation title and return it."""
        titles = [t for t, _ in PAGES]
        self.nav.setCurrentRow(titles.index(title))
        return self.pages[title]

    def _fit_to_screen(self) -> None:
        """1280x800, or less on a smaller screen (a 1366x768 laptop must see the status bar)."""
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        width = min(1280, area.width() - 20) if area is not None else 1280
        height = min(800, area.height() - 40) if area is not None else 800
        self.resize(width, height)

    def _restore_geometry(self) -> None:
        geometry = QSettings("hubdesk", "hubdesk").value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event: Any) -> None:
        QSettings("hubdesk", "hubdesk").setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
