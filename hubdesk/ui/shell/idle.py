"""Sign out after a while without use: any key or mouse press in hubdesk counts as use.

The watch sits on hubdesk's windows (the main window and each dialog, as it takes the focus), where a
person's key and mouse presses arrive before Qt hands them to a widget. On the application it would
see every event of every widget — style changes, layout requests, paints: thousands to build one page,
each a call into Python that made building a page a quarter slower.

Moments come from the program's Clock (a test moves a frozen clock on and calls ``check``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow

from hubdesk.core.clock import Clock

_USE = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class IdleWatch(QObject):
    """Calls ``expired`` once ``minutes`` pass without a key or mouse press (0: never)."""

    def __init__(self, clock: Clock, minutes: int, expired: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock, self.minutes, self.expired = clock, minutes, expired
        self.last_use = clock.now()
        self.timer = QTimer(self)
        self.timer.setInterval(30_000)
        self.timer.timeout.connect(self.check)
        self._windows: list[QWindow] = []
        self._listening = False
        instance = QGuiApplication.instance()
        if minutes > 0 and isinstance(instance, QGuiApplication):
            self._listening = True
            for window in instance.topLevelWindows():
                self.watch(window)
            instance.focusWindowChanged.connect(self.watch)
            self.timer.start()

    def watch(self, window: QWindow | None) -> None:
        """Count presses in ``window`` too (each window once; a closed one drops out)."""
        if window is None or window in self._windows or not self._listening:
            return
        self._windows.append(window)
        window.installEventFilter(self)
        window.destroyed.connect(lambda *_: self._forget(window))

    def _forget(self, window: QWindow) -> None:
        if window in self._windows:
            self._windows.remove(window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _USE:
            self.last_use = self.clock.now()
        return False

    def check(self) -> None:
        if self.minutes and self.clock.now() - self.last_use >= timedelta(minutes=self.minutes):
            self.stop()
            self.expired()

    def stop(self) -> None:
        self.timer.stop()
        instance = QGuiApplication.instance()
        if self._listening and isinstance(instance, QGuiApplication):
            instance.focusWindowChanged.disconnect(self.watch)
        self._listening = False
        for window in self._windows:
            window.removeEventFilter(self)
        self._windows.clear()
