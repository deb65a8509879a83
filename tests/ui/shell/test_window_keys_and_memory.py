"""The window at an office desk: keys for every page, search, print and refresh; the Help menu; and
what it remembers between runs (size, page, site, day or week, session)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from hubdesk import __version__
from hubdesk.app import HubApp
from hubdesk.ui.clubs.booking_dialog import BookingDialog
from hubdesk.ui.shell.help import AboutDialog, GuideWindow, guide_path
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.pages import PAGES
from tests.ui.helpers import Said, type_text


def window_on(qtbot: QtBot, hub: HubApp) -> MainWindow:
    window = MainWindow(hub)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_first_start_is_maximised_and_the_next_as_it_was_left(qtbot: QtBot, demo_hub: HubApp) -> None:
    first = window_on(qtbot, demo_hub)
    assert first.isMaximized()
    first.show_page("Staff")
    first.close()
    assert QSettings("hubdesk", "hubdesk").value("main/page") == "Staff"
    second = window_on(qtbot, demo_hub)
    assert second.stack.currentWidget() is second.pages["Staff"]


def test_ctrl_and_a_number_goes_to_each_page(qtbot: QtBot, demo_hub: HubApp, said: Said) -> None:
    window = window_on(qtbot, demo_hub)
    for number, (title, _factory) in enumerate(PAGES):
        key = {"Money": Qt.Key.Key_M, "History": Qt.Key.Key_H, "Overview": Qt.Key.Key_O,
               "Referrals": Qt.Key.Key_R}.get(
            title, Qt.Key.Key_0 if number == 9 else Qt.Key(Qt.Key.Key_1 + number))
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is window.pages[title], title
    assert said.warnings == []


def test_ctrl_f_down_and_enter_find_and_open_a_child(qtbot: QtBot, demo_hub: HubApp, said: Said) -> None:
    window = window_on(qtbot, demo_hub)
    page = window.show_page("Children & families")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.search
    surname = page.model.row(0).name.split(",")[0]
    type_text(qtbot, page.search, surname)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rows and all(surname.lower() in r.name.lower() for r in page.model.rows)
    assert QApplication.focusWidget() is page.view and page.selected() is not None
    opened: list[int] = []
    page.open_child = lambda child_id: opened.append(child_id)  # type: ignore[method-assign]
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert opened == [page.selected().id]


def test_down_from_the_staff_search_goes_into_the_list(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = window_on(qtbot, demo_hub)
    page = window.show_page("Staff")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.view
    assert page.view.selectionModel().selectedRows()


def test_book_a_club_with_one_match_books_that_child(qtbot: QtBot, demo_hub: HubApp, said: Said) -> None:
    window = window_on(qtbot, demo_hub)
    page = window.show_page("Children & families")
    surnames = [r.name.split(",")[0] for r in page.model.rows]
    unique = next(name for name in surnames if surnames.count(name) == 1)
    page.search.setText(unique)
    page.apply_filter()
    assert page.model.rowCount() == 1
    page.view.clearSelection()
    qtbot.mouseClick(page.book_button, Qt.MouseButton.LeftButton)
    assert said.messages == []
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, BookingDialog)]
    assert dialogs and dialogs[-1].isVisible()
    dialogs[-1].reject()


def test_ctrl_p_prints_this_pages_printout(qtbot: QtBot, demo_hub: HubApp, said: Said) -> None:
    window = window_on(qtbot, demo_hub)
    pressed: list[str] = []
    page = window.show_page("Staff rota")
    page.print_button.clicked.disconnect()
    page.print_button.clicked.connect(lambda: pressed.append("rota"))
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert pressed == ["rota"]
    window.show_page("Staff")
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "no printout" in window.statusBar().currentMessage()


def test_f5_reads_the_page_again(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = window_on(qtbot, demo_hub)
    page = window.show_page("Staff")
    calls: list[int] = []
    page.refresh = lambda: calls.append(1)  # type: ignore[method-assign]
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert calls == [1]


def test_the_help_menu_has_the_guide_and_about(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = window_on(qtbot, demo_hub)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Go", "&Help"]
    about = AboutDialog(demo_hub, window)
    qtbot.addWidget(about)
    text = about.text.text()
    assert __version__ in text and str(demo_hub.settings.data_dir) in text and "Licence" in text
    assert Path(demo_hub.settings.database).name in text
    assert guide_path().is_file()
    guide = GuideWindow(window)
    qtbot.addWidget(guide)
    shown = guide.browser.toPlainText()
    assert "Registers" in shown and "Ctrl+F" in shown


def test_the_site_and_the_minibus_view_are_remembered(qtbot: QtBot, demo_hub: HubApp) -> None:
    first = window_on(qtbot, demo_hub)
    registers = first.show_page("Registers")
    qtbot.wait(20)
    chosen = registers.site.count() - 1
    registers.site.setCurrentIndex(chosen)
    site_id = registers.site.currentData()
    minibus = first.show_page("Minibus")
    minibus.mode.setCurrentText("Week")
    first.close()
    second = window_on(qtbot, demo_hub)
    registers = second.show_page("Registers")
    qtbot.waitUntil(lambda: registers.site.currentData() == site_id)
    assert second.pages["Minibus"].mode.currentText() == "Week"


def test_a_page_never_widens_the_window(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = MainWindow(demo_hub)
    qtbot.addWidget(window)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 700)
    window.show()
    qtbot.waitExposed(window)
    before = window.size()
    learning = window.show_page("Parent learning")
    for tab in range(learning.tabs.count()) if hasattr(learning, "tabs") else []:
        learning.tabs.setCurrentIndex(tab)
        qtbot.wait(20)
        assert window.size() == before, learning.tabs.tabText(tab)
    for title, _f in PAGES:
        window.show_page(title)
        qtbot.wait(5)
        assert window.width() == before.width(), title
    assert not [v for v in window.findChildren(QTableView) if v.width() > window.width()]
    assert isinstance(window.pages["Children & families"].search, QLineEdit)
