"""A guarded action shows a busy pointer while it runs and gives it back after, even on a refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hubdesk.core.errors import Conflict
from hubdesk.ui.shell import feedback
from tests.ui.helpers import Said


def test_the_pointer_is_busy_during_the_action_only(qtbot: QtBot, said: Said) -> None:
    seen: list[Qt.CursorShape | None] = []

    def work() -> int:
        cursor = QApplication.overrideCursor()
        seen.append(cursor.shape() if cursor is not None else None)
        return 7

    def refused() -> None:
        raise Conflict("That place has just been taken.")

    assert feedback.guarded(None, "Book", work) == 7
    assert seen == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None
    assert feedback.guarded(None, "Book", refused) is None
    assert QApplication.overrideCursor() is None
    assert said.warnings
