"""Once the window is up and idle, build the pages slowest to build, then import the other pages' code
one page at a time.

The first visit of a page used to be mostly Python importing its modules (a third to most of a second
on the office PCs); the window shows before any of that is needed, and it starts once Today has read
its areas. Each step builds one page or imports one page's code, then gives the event loop back, so a
click in between waits for one step at most. Registers, Clubs and Waiting lists keep what they read
until a change is saved (ui/common/unchanged.py), so the first click on them shows them at once, still
current; Parent learning and Overview read again when shown, but their widgets are built.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from hubdesk.core import gc_pace

if TYPE_CHECKING:
    from hubdesk.ui.shell.main_window import MainWindow

START_AFTER_MS = 1500  # at the latest: the window's first paint and Today's areas come first
FIRST_LOOK_MS = 300  # from then on, as soon as the page on screen has read what it shows
STEP_MS = 30  # between two imports: room for clicks and paints
# Dialogs that pages open at once on a click, imported after the pages themselves.
DIALOGS = ("hubdesk.ui.clubs.booking_dialog", "hubdesk.ui.clubs.club_dialog",
           "hubdesk.ui.clubs.cancel_booking_dialog")
# Built ahead: pages that read again on showing only after a change, so building early is not stale,
# and pages whose widgets take longest to build (they read again whenever they are shown).
BUILT_AHEAD = ("Registers", "Clubs", "Waiting lists", "Parent learning", "Overview")


def steps(window: MainWindow) -> Iterator[Callable[[], object]]:
    """The pages slowest to build first (a click in the first seconds finds them ready), then the
    other pages' code in the order of the navigation, then the dialogs."""
    visible = {title for title, _factory in window.visible_pages}
    for title in BUILT_AHEAD:
        if title in visible:
            yield partial(build, window, title)
    for title, factory in window.visible_pages:
        if title not in window.pages.built():
            yield factory
    for name in DIALOGS:
        yield partial(importlib.import_module, name)
    yield gc_pace.loaded  # everything is loaded: the garbage collector back to its usual pace


def build(window: MainWindow, title: str) -> None:
    """Build a page off screen (unless a click has built it meanwhile)."""
    if title not in window.pages.built():
        window.pages[title]


def still_reading(window: MainWindow) -> bool:
    """A page built so far is still reading in the background (Today's areas)."""
    return not all(getattr(window.pages[title], "loaded", True) for title in window.pages.built())


def warm_up(window: MainWindow, start_after_ms: int = START_AFTER_MS) -> QTimer:
    """Start importing in the background of the event loop once Today has read its areas (and
    ``start_after_ms`` at the latest); the timer stops by itself when done."""
    latest = time.monotonic() + start_after_ms / 1000
    return in_steps(window, steps(window), min(FIRST_LOOK_MS, start_after_ms),
                    hold=lambda: still_reading(window) and time.monotonic() < latest)


def in_steps(owner: QObject, todo: Iterator[Callable[[], object]], first_ms: int,
             step_ms: int = STEP_MS, hold: Callable[[], bool] = lambda: False) -> QTimer:
    """Run ``todo`` one callable a step on ``owner``'s event loop, the first ``first_ms`` from now
    (later while ``hold()`` says so), the others ``step_ms`` apart, so a click or a key in between
    waits for one step at most. A step that fails is logged: what it prepared is done again when it is
    needed, and says so then. The timer stops by itself when done."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    started = False

    def step() -> None:
        nonlocal started
        if not started and hold():
            timer.start(step_ms)
            return
        started = True  # once started, a page reading again (F5) does not hold the rest back
        work = next(todo, None)
        if work is None:
            return
        try:
            work()
        except Exception:
            logging.getLogger(__name__).exception("preparing ahead of time failed")
        timer.start(step_ms)

    timer.timeout.connect(step)
    timer.start(first_ms)
    return timer
