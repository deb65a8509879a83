"""Signed in as the head or the driver, read-only pages say so and hide their changing buttons;
the pages the role may change keep them."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.common.page import Page, is_edit_button
from hubdesk.ui.shell.main_window import MainWindow
from tests.conftest import sign_in_as


def _window(qtbot: QtBot, app: HubApp, role: str) -> MainWindow:
    sign_in_as(app, role)
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    return window


def _buttons(page: Page) -> dict[str, QPushButton]:
    """The page's push buttons a person can see, by their words."""
    return {b.text().replace("&", ""): b for b in page.findChildren(QPushButton)
            if b.isVisibleTo(page)}


def test_the_head_reads_every_page_and_changes_only_the_rota(qtbot: QtBot,
                                                            demo_hub: HubApp) -> None:
    window = _window(qtbot, demo_hub, "head")
    shown = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Referrals" not in shown
    assert {"Children & families", "Money", "Minibus", "Staff rota", "Overview",
            "History"} <= set(shown)
    for title in ("Children & families", "Money", "Minibus", "Clubs", "Registers"):
        page = window.show_page(title)
        assert page.read_only and page.read_only_note is not None
        assert page.read_only_note.isVisibleTo(page)
        assert "Read only: your role, head" in page.read_only_note.text()
        visible = _buttons(page)
        assert not [words for words, b in visible.items() if is_edit_button(b)], title
    assert "New child…" not in _buttons(window.show_page("Children & families"))
    rota = window.show_page("Staff rota")
    assert not rota.read_only and rota.read_only_note is None


def test_the_driver_sees_run_sheets_and_no_run_editing(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = _window(qtbot, demo_hub, "driver")
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["Today", "Minibus"]
    page = window.show_page("Minibus")
    assert page.read_only
    visible = _buttons(page)
    assert "Print run sheets" in visible and visible["Print run sheets"].isEnabled()
    assert "New run…" not in visible and "New vehicle…" not in visible


def test_the_administrator_keeps_every_button(qtbot: QtBot, demo_hub: HubApp) -> None:
    window = _window(qtbot, demo_hub, "administrator")
    page = window.show_page("Minibus")
    assert not page.read_only and page.read_only_note is None
    assert "New run…" in _buttons(page)
