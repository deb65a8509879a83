"""Once the window is up and idle, import the other pages' code one module at a time.

The first visit of a page used to be mostly Python importing its modules (a third to most of a second
on the office PCs); the window shows before any of that is needed, and the seconds after it shows are
usually spent reading Today. Each step imports one page (nothing is built or read), then gives the
event loop back, so a click in between waits for one import at most.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from hubdesk.ui.shell.main_window import MainWindow

START_AFTER_MS = 1500  # the window's first paint and Today's first areas come first
STEP_MS = 30  # between two imports: room for clicks and paints
# Dialogs that pages open at once on a click, imported after the pages themselves.
DIALOGS = ("hubdesk.ui.clubs.booking_dialog", "hubdesk.ui.clubs.club_dialog",
           "hubdesk.ui.clubs.cancel_booking_dialog")


def steps(window: MainWindow) -> Iterator[Callable[[], object]]:
    """What to import, in the order of the navigation (the pages a user meets first)."""
    built = set(window.pages.built())
    for title, factory in window.visible_pages:
        if title not in built:
            yield factory
    for name in DIALOGS:
        yield partial(importlib.import_module, name)


def warm_up(window: MainWindow, start_after_ms: int = START_AFTER_MS) -> QTimer:
    """Start importing in the background of the event loop; the timer stops by itself when done."""
    todo = steps(window)
    timer = QTimer(window)
    timer.setSingleShot(True)

    def step() -> None:
        work = next(todo, None)
        if work is None:
            return
        try:
            work()
        except Exception:  # a page that cannot load says so when it is opened, not now
            logging.getLogger(__name__).exception("importing a page ahead of time failed")
        timer.start(STEP_MS)

    timer.timeout.connect(step)
    timer.start(start_after_ms)
    return timer
