"""GUI tests: tidy Qt's objects away while the application still exists."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


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
