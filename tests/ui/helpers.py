"""Ways every GUI test presses, ticks and types like a person, and the record of what it was told.

The ``said`` and ``events`` fixtures in tests/ui/conftest.py build on these.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

SAVE = QDialogButtonBox.StandardButton.Save
CANCEL = QDialogButtonBox.StandardButton.Cancel


class Message(NamedTuple):
    """One message box the program would have shown: warn, inform or confirm."""

    kind: str
    title: str
    text: str


class Said:
    """What the program told (or asked) the user through ui.shell.feedback, in order.

    ``confirm`` is the answer every question gets; a test sets it to False to say No.
    """

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.confirm = True

    def record(self, kind: str, title: str, text: str) -> None:
        self.messages.append(Message(kind, title, text))

    def ask(self, title: str, text: str) -> bool:
        self.record("confirm", title, text)
        return self.confirm

    @property
    def texts(self) -> list[str]:
        """Every warning, information and question, in the order shown."""
        return [m.text for m in self.messages]

    @property
    def log(self) -> list[str]:
        """Every message as "kind: text" (warn, inform or confirm), in order."""
        return [f"{m.kind}: {m.text}" for m in self.messages]

    @property
    def warnings(self) -> list[str]:
        return [m.text for m in self.messages if m.kind == "warn"]

    @property
    def infos(self) -> list[str]:
        return [m.text for m in self.messages if m.kind == "inform"]


def buttons_of(dialog: QWidget | QDialogButtonBox) -> QDialogButtonBox:
    """The button box itself, or the ``buttons`` box of a form dialog."""
    if isinstance(dialog, QDialogButtonBox):
        return dialog
    box = dialog.buttons  # type: ignore[attr-defined]
    assert isinstance(box, QDialogButtonBox)
    return box


def press(qtbot: QtBot, dialog: QWidget | QDialogButtonBox,
          which: QDialogButtonBox.StandardButton) -> None:
    """Click one of a dialog's standard buttons."""
    qtbot.mouseClick(buttons_of(dialog).button(which), Qt.MouseButton.LeftButton)


def save(qtbot: QtBot, dialog: QWidget | QDialogButtonBox) -> None:
    """Click the dialog's Save button."""
    press(qtbot, dialog, SAVE)


def cancel(qtbot: QtBot, dialog: QWidget) -> None:
    """Click Cancel and check the dialog went away."""
    press(qtbot, dialog, CANCEL)
    assert not dialog.isVisible()


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click a button; a tick box or radio button on its box (wide ones ignore clicks far right)."""
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_over(qtbot: QtBot, box: QAbstractSpinBox, text: str) -> None:
    """Select what a spin box holds and type ``text`` over it."""
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, text)


def type_text(qtbot: QtBot, widget: Any, text: str) -> None:
    """Type like a person; Qt's test keyboard has only ASCII keys, so other letters are inserted
    the way an input method would."""
    for char in text:
        if ord(char) < 128:
            qtbot.keyClicks(widget, char)
        elif hasattr(widget, "insertPlainText"):
            widget.insertPlainText(char)
        else:
            widget.insert(char)
