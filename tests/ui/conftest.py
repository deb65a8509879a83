"""GUI tests: the shared ``said`` and ``events`` fixtures, and tidying Qt's objects away while the
application still exists. Helpers that press and type are in tests/ui/helpers.py."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog

from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from tests.ui.helpers import Said


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Said:
    """Message boxes are recorded instead of shown (a modal box would stop the test)."""
    record = Said()
    monkeypatch.setattr(feedback, "warn", lambda _p, title, text: record.record("warn", title, text))
    monkeypatch.setattr(feedback, "inform",
                        lambda _p, title, text: record.record("inform", title, text))
    monkeypatch.setattr(feedback, "confirm", lambda _p, title, text: record.ask(title, text))
    return record


@pytest.fixture
def events() -> AppEvents:
    return AppEvents()


@pytest.fixture(scope="session", autouse=True)
def _delete_widgets_before_exit() -> Iterator[None]:
    """Destroy leftover widgets and run pending deletions at the end of the GUI tests.

    Otherwise Python's shutdown frees wrappers in an arbitrary order after the QApplication is gone,
    which can crash the interpreter even though every test passed.
    """
    yield
    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def _no_dialog_outlives_its_test() -> Iterator[None]:
    """Dialogs a test opened and left open are hidden and deleted when it ends, so a later test in the
    same process never finds them among the visible windows. Hiding skips close handlers that might
    ask a question once the test's ``said`` recorder is gone."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.hide()
            widget.deleteLater()


@pytest.fixture(autouse=True)
def _no_collection_in_a_worker_thread() -> Iterator[None]:
    """As in the program (ui/shell/collector.py), no cyclic collection starts in a worker thread: one
    in Today's background read freed a window a test was closing, and the run crashed. Collection is
    off for the test and back on once its background reads have ended (the fixture below)."""
    was = gc.isenabled()
    gc.disable()
    yield
    if was:
        gc.enable()


@pytest.fixture(autouse=True)
def _background_reads_end_with_their_test() -> Iterator[None]:
    """A page's background read (Today's areas) must not run on into the next test."""
    yield
    QThreadPool.globalInstance().waitForDone(60000)


@pytest.fixture(autouse=True)
def _fresh_user_settings() -> Iterator[None]:
    """Each GUI test starts as on a new PC: no remembered window, page or choices on pages."""
    QSettings("hubdesk", "hubdesk").clear()
    yield
    QSettings("hubdesk", "hubdesk").clear()
