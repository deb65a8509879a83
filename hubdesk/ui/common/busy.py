"""Clicks that write: a busy pointer while the service call runs, and a button that cannot be pressed twice.

A click on the GUI thread runs to its end before the next click is handled, but a message box shown
at the end of it (\"Booked\") runs its own event loop, and a double click or an impatient second click
queued meanwhile would then write again. ``one_click`` turns the button off until its work is done, and
ignores a call that arrives while the work is still running.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication


@contextmanager
def busy_pointer() -> Iterator[None]:
    """The pointer shows busy while the block runs (a service call that writes)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def one_click(button: QAbstractButton, work: Callable[[], object],
              settle: Callable[[], object] | None = None) -> Callable[[], None]:
    """``work`` as a slot for ``button``: the button is off while it runs and a second call is ignored.

    Afterwards ``settle`` sets the buttons as the new state needs (a cancelled date cannot be cancelled
    again); without it the button comes back as it was.
    """
    running = False

    def clicked(*_args: object) -> None:
        nonlocal running
        if running:
            return
        running = True
        was = button.isEnabled()
        button.setEnabled(False)
        try:
            work()
        finally:
            running = False
            if settle is not None:
                settle()
            else:
                button.setEnabled(was)

    return clicked
