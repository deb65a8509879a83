"""Sign out after a while without use: any key or mouse press in hubdesk counts as use.

Moments come from the program's Clock (a test moves a frozen clock on and calls ``check``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

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
        instance = QApplication.instance()
        if minutes > 0 and instance is not None:
            instance.installEventFilter(self)
            self.timer.start()

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
        instance = QApplication.instance()
        if instance is not None:
            instance.removeEventFilter(self)
