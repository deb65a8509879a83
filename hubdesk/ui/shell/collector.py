"""Python's cyclic garbage collector runs on the GUI thread only.

A collection starts in whichever thread happens to allocate when a threshold is passed. If it runs in a
worker (Today's areas, a printout, the backup) and frees a window, dialog or page caught in a reference
cycle, Qt deletes that widget off the GUI thread and the program crashes. So automatic collection is
switched off and a timer on the GUI thread collects the generations that are due, by the thresholds the
automatic collector uses. Reference counting frees everything else at once, in any thread, as before.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 250  # how often the GUI thread looks whether a collection is due


def due_generation() -> int | None:
    """The oldest generation the automatic collector would collect now, or None."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = None
    for generation in range(3):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            due = generation
        else:
            break
    return due


class GuiThreadCollector(QObject):
    """Owns the timer; made once, for the application, on the GUI thread."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start(CHECK_MS)

    def collect_if_due(self) -> None:
        generation = due_generation()
        if generation is not None:
            gc.collect(generation)


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Switch the automatic collector off and collect from ``parent``'s (the GUI) thread instead."""
    existing = parent.findChild(GuiThreadCollector)
    return existing if isinstance(existing, GuiThreadCollector) else GuiThreadCollector(parent)
