"""The window builds only the page it shows; the others are built the first time they are shown."""

from __future__ import annotations

from unittest.mock import patch

from pytestqt.qtbot import QtBot

from hubdesk.app import open_app
from hubdesk.services.sites import SiteForm
from hubdesk.settings import Settings
from hubdesk.ui.shell.main_window import MainWindow
from hubdesk.ui.shell.pages import PAGES


def test_only_the_first_page_is_built_when_the_window_opens(qtbot: QtBot, settings: Settings) -> None:
    app = open_app(settings, create=True)
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)
        window.show()
        assert window.pages.built() == ["Today"]
        clubs = window.show_page("Clubs")
        assert window.stack.currentWidget() is clubs and clubs.isVisible()
        assert window.pages.built() == ["Today", "Clubs"]
        assert window.pages["Clubs"] is clubs  # built once, then kept
        assert list(window.pages) == [title for title, _ in PAGES] and len(window.pages) == len(PAGES)
        window.close()
    finally:
        app.close()


def test_a_page_loads_its_data_once_when_first_shown_and_again_once_anything_changed(
        qtbot: QtBot, settings: Settings) -> None:
    """A later visit reads again only after a change was saved (here without any event, as another PC
    would save it); with nothing changed the page keeps what it read."""
    app = open_app(settings, create=True)
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)
        window.show()
        with patch.object(app.clubs, "list", wraps=app.clubs.list) as listing:
            window.show_page("Clubs")
            first = listing.call_count
            window.show_page("Today")
            window.show_page("Clubs")
            assert first == 1 and listing.call_count == 1
            app.sites.save(SiteForm(name="Elm Primary", short_name="Elm"))
            window.show_page("Today")
            window.show_page("Clubs")
            assert listing.call_count == 2
        window.close()
    finally:
        app.close()


def test_a_hidden_today_page_waits_to_be_shown_before_reloading(qtbot: QtBot, settings: Settings) -> None:
    """Saving a booking elsewhere does not wait for the Today page to reload behind the scenes."""
    app = open_app(settings, create=True)
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)
        window.show()
        window.show_page("Clubs")
        with patch.object(app.rota, "expiring", wraps=app.rota.expiring) as problems:  # once a refresh
            window.events.bookings_changed.emit()
            assert problems.call_count == 0
            today = window.show_page("Today")
            qtbot.waitUntil(lambda: today.loaded, timeout=30000)  # its areas are read in the background
            assert problems.call_count == 1
            window.events.bookings_changed.emit()
            qtbot.waitUntil(lambda: today.loaded, timeout=30000)
            assert problems.call_count == 2
        window.close()
    finally:
        app.close()
