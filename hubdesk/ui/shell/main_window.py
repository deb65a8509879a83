"""Navigation on the left, one page at a time on the right, the database in the status bar.

The window opens maximised the first time and as it was left after that (size, page; pages keep their
own choices through ui/common/remember.py). Keys: Ctrl+1…9 and Ctrl+0 go to the pages, Ctrl+H to
History, Ctrl+F to the page's search box, Ctrl+P prints the page's printout, F5 reads the page again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from hubdesk import __version__
from hubdesk.app import HubApp, database_label
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.idle import IdleWatch
from hubdesk.ui.shell.pages import PAGES, PageFactory, pages_for, read_only


class LazyPages(Mapping[str, Any]):
    """The window's pages by title, each built the first time it is asked for (shown or looked up).

    Until then the stack holds an empty placeholder, so opening the window costs one page, not eleven.
    """

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._factories = dict(window.visible_pages)
        self._built: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        for title in self._factories:
            placeholder = QWidget()
            self._placeholders[title] = placeholder
            window.stack.addWidget(placeholder)

    def __getitem__(self, title: str) -> Any:
        page = self._built.get(title)
        if page is None:
            page_class = self._factories[title]()  # KeyError for an unknown title, as a dict
            window = self._window
            # Built inside the stack it goes into: placing it there then moves nothing (each move
            # re-styles every widget under the one moved, against the application's style sheet).
            page = page_class(window.app, window.events, window.stack)
            if read_only(title, window.app.actor.may):
                page.set_read_only()
            placeholder = self._placeholders.pop(title)
            index = window.stack.indexOf(placeholder)
            window.stack.insertWidget(index, page)
            window.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[title] = page
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)

    def built(self) -> list[str]:
        """Titles of the pages built so far, in navigation order."""
        return [title for title in self._factories if title in self._built]


class MainWindow(QMainWindow):
    # The person signed out (from the menu or after inactivity); the starter asks who is next.
    signed_out = Signal(str)

    def __init__(self, app: HubApp, events: AppEvents | None = None) -> None:
        super().__init__()
        self.app = app
        self.events = events or AppEvents()
        actor = app.actor
        # Only the pages this role may use (its services refuse the rest anyway).
        self.visible_pages: list[tuple[str, PageFactory]] = pages_for(actor.may)
        who = "" if app.signed_in is None else f" — {actor.name} ({actor.role_label})"
        self.setWindowTitle(f"hubdesk {__version__}{who}")
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.stack = QStackedWidget()
        # A page whose content grows (a wide tab) gets squeezed or scrolls; it never widens the window.
        self.stack.setMinimumSize(640, 400)
        self.pages = LazyPages(self)
        for title, _factory in self.visible_pages:
            self.nav.addItem(title)
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
        self._add_go_menu()
        self._add_help_menu()
        self.idle = IdleWatch(app.clock, app.desk.idle_minutes() if app.signed_in else 0,
                              lambda: self.sign_out("You were signed out after a while without "
                                                    "use."), self)
        self._fit_to_screen()
        self._restore_geometry()
        self.nav.setCurrentRow(self._remembered_page())

    def _add_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        may = self.app.actor.may
        if may("children"):
            self._action(file_menu, "&Import children from the MIS…", self.import_children)
        if may("clubs"):
            self._action(file_menu, "Import &bookings from a spreadsheet…", self.import_bookings)
        if may("settings"):
            self._action(file_menu, "Bac&kups…", self.show_backups)
        if may("retention"):
            self._action(file_menu, "&Retention…", self.show_retention)
        if may("users"):
            self._action(file_menu, "&Users and roles…", self.show_users)
        file_menu.addSeparator()
        if self.app.signed_in is not None:
            self._action(file_menu, "Sign &out", lambda: self.sign_out(""))
        file_menu.addSeparator()
        self._action(file_menu, "&Print this page's printout…", self.print_page, "Ctrl+P")
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    def _action(self, menu: QMenu, text: str, slot: Any, keys: str | QKeySequence | None = None
                ) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _add_go_menu(self) -> None:
        """Every page by its key (Ctrl+1…9, Ctrl+0, Ctrl+H), searching and refreshing the page shown."""
        go = self.menuBar().addMenu("&Go")
        self._action(go, "&Search on this page", self.focus_search, "Ctrl+F")
        self._action(go, "&Refresh this page", self.refresh_page, "F5")
        go.addSeparator()
        everything = [t for t, _ in PAGES]  # a page keeps its key whichever pages a role sees
        for row, (title, _factory) in enumerate(self.visible_pages):
            keys = page_keys(everything.index(title), title)
            self._action(go, title.replace("&", "&&"), lambda _on=False, t=title: self.show_page(t), keys)
            item = self.nav.item(row)
            if keys is not None and item is not None:
                item.setToolTip(f"{title} ({keys})")

    def _add_help_menu(self) -> None:
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&User guide", self.show_guide,
                     QKeySequence(QKeySequence.StandardKey.HelpContents))
        self._action(help_menu, "&About hubdesk", self.show_about)

    def current_page(self) -> Any:
        return self.stack.currentWidget()

    def focus_search(self) -> None:
        box = getattr(self.current_page(), "search_box", lambda: None)()
        if box is None:
            self.statusBar().showMessage("This page has no search box.", 5000)
            return
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    def print_page(self) -> None:
        button = getattr(self.current_page(), "print_button_here", lambda: None)()
        if button is None:
            self.statusBar().showMessage("This page has no printout: Registers, Staff rota, Minibus "
                                         "and Parent learning print theirs.", 8000)
            return
        button.click()

    def refresh_page(self) -> None:
        refresh = getattr(self.current_page(), "refresh", None)
        if callable(refresh):
            refresh()
            self.statusBar().showMessage("Read again from the database.", 3000)

    def show_guide(self) -> None:
        from hubdesk.ui.shell.help import GuideWindow

        self.guide = GuideWindow(self)
        self.guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide.show()

    def show_about(self) -> None:
        from hubdesk.ui.shell.help import AboutDialog

        self.about = AboutDialog(self.app, self)
        self.about.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about.open()

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

    def show_retention(self) -> None:
        from hubdesk.ui.shell.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.app, self.events, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_users(self) -> None:
        from hubdesk.ui.shell.users_dialog import UsersDialog

        UsersDialog(self.app, self).exec()

    def sign_out(self, reason: str) -> None:
        """Close the window and forget who was signed in; the starter asks for the next person."""
        self.idle.stop()
        self.app.sign_in(None)
        qapp = QApplication.instance()
        keep = isinstance(qapp, QApplication) and qapp.quitOnLastWindowClosed()
        if isinstance(qapp, QApplication):  # the sign-in dialog comes next: do not quit meanwhile
            qapp.setQuitOnLastWindowClosed(False)
        try:
            self.close()
            self.signed_out.emit(reason)
        finally:
            if isinstance(qapp, QApplication):
                qapp.setQuitOnLastWindowClosed(keep)

    def import_bookings(self) -> None:
        from hubdesk.ui.clubs.import_bookings_dialog import ImportBookingsDialog

        dialog = ImportBookingsDialog(self.app, self.events, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _show_page(self, row: int) -> None:
        """Show a page; one shown again reloads its data (a page just built has just loaded it)."""
        title = self.visible_pages[row][0]
        fresh = title not in self.pages.built()
        page = self.pages[title]
        self.stack.setCurrentWidget(page)
        refresh = getattr(page, "on_shown", None)
        if callable(refresh) and not (fresh and getattr(page, "loads_when_built", False)):
            refresh()
        hide = getattr(page, "hide_edit_buttons", None)
        if callable(hide):
            hide()

    def show_page(self, title: str) -> Any:
        """Switch to a page by its navigation title and return it."""
        titles = [t for t, _ in self.visible_pages]
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
        """As the user left it; the first time, maximised (a 1366x768 laptop needs every pixel)."""
        geometry = user_settings().value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def _remembered_page(self) -> int:
        titles = [t for t, _ in self.visible_pages]
        page = user_settings().value("main/page")
        return titles.index(page) if page in titles else 0

    def showEvent(self, event: Any) -> None:
        self.idle.watch(self.windowHandle())  # a window has its QWindow once shown
        super().showEvent(event)

    def closeEvent(self, event: Any) -> None:
        settings = user_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        item = self.nav.currentItem()
        if item is not None:
            settings.setValue("main/page", item.text())
        super().closeEvent(event)


NAV_WIDTH = 176  # "Children & families" whole; every pixel more goes to the page


def user_settings() -> QSettings:
    """The same store as ui/common/remember.py: the person's window and page choices."""
    return QSettings("hubdesk", "hubdesk")


# The pages past the tenth, by their initial.
LETTER_KEYS = {"Money": "Ctrl+M", "History": "Ctrl+H", "Overview": "Ctrl+O", "Referrals": "Ctrl+R"}


def page_keys(number: int, title: str = "") -> str | None:
    """Ctrl+1 for the first page … Ctrl+9, Ctrl+0 for the tenth; Ctrl+M, Ctrl+H, Ctrl+R by initial."""
    if title in LETTER_KEYS:
        return LETTER_KEYS[title]
    if number < 9:
        return f"Ctrl+{number + 1}"
    return "Ctrl+0" if number == 9 else None
