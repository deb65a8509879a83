"""Slow work off the GUI thread: its result reaches the window that started it, and a window closed
meanwhile (signed out of, or the program closing) is left alone."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import delete

from hubdesk.core.errors import DomainError
from hubdesk.services.progress import Progress
from hubdesk.ui.shell.tasks import run_task


def _start(parent: QWidget, release: threading.Event, fail: bool = False
           ) -> tuple[list[Any], list[str]]:
    results: list[Any] = []
    failures: list[str] = []

    def work(progress: Progress) -> str:
        release.wait(10)
        progress.step(1, 2, "Half way")  # a report of progress, too, may find the window gone
        if fail:
            raise DomainError("The printer folder is full.")
        return "printed"

    run_task(parent, "Printing", work, results.append, failures.append)
    return results, failures


def test_the_result_reaches_the_window_that_started_the_work(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    release = threading.Event()
    results, failures = _start(window, release)
    release.set()
    qtbot.waitUntil(lambda: results == ["printed"])
    assert failures == []


def test_a_window_closed_meanwhile_is_left_alone(qtbot: QtBot) -> None:
    """Its progress dialog went with it: touching either raised an error in the event loop (which
    pytest-qt turns into a failure here, and the program into a 'something went wrong' message)."""
    for fail in (False, True):
        window = QWidget()
        release = threading.Event()
        results, failures = _start(window, release, fail)
        delete(window)  # the window and its progress dialog are gone
        release.set()
        QThreadPool.globalInstance().waitForDone(10000)
        qtbot.wait(50)  # the job's report is delivered on the GUI thread
        assert results == [] and failures == []
