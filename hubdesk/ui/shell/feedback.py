"""ask()/confirm()/inform() helpers and a guard that turns DomainErrors into a message box.

Tests patch these functions instead of clicking modal dialogs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from hubdesk.core.errors import DomainError

T = TypeVar("T")
log = logging.getLogger(__name__)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def guarded(parent: QWidget | None, title: str, action: Callable[[], T]) -> T | None:
    """Run ``action``; show a DomainError's message (or a plain apology) instead of a traceback.

    The pointer is busy while it runs, so a click that takes a moment shows it is being dealt with.
    """
    try:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return action()
        finally:
            QApplication.restoreOverrideCursor()
    except DomainError as exc:
        warn(parent, title, str(exc))
    except Exception:
        log.exception("unexpected error in %s", title)
        warn(parent, title, "Something went wrong and nothing was saved. The details are in the "
                            "log file; please tell the co-ordinator.")
    return None


def attempt(parent: QWidget | None, title: str, action: Callable[[], object]) -> bool:
    """Run an action that returns nothing; True when it went through (a refusal is shown as above)."""

    def run() -> bool:
        action()
        return True

    return guarded(parent, title, run) is not None
