"""Small pieces several pages share: weekday ticks, money, short site names, and a text box whose
contents the office can copy in one click."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hubdesk.services.sites import SiteService

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri")


def money(pence: int) -> str:
    return "Free" if pence == 0 else f"£{pence // 100}.{pence % 100:02d}"


def short_names(sites: SiteService) -> dict[str, str]:
    """Site name -> short name ('Ashworth Hub Primary School' -> 'Ashworth') for narrow columns."""
    return {s.name: s.short_name or s.name for s in sites.list(include_inactive=True)}


class WeekdayBoxes(QWidget):
    """Monday to Friday tick boxes; ``days()`` gives 0 = Monday … 4 = Friday."""

    def __init__(self, days: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = [QCheckBox(name) for name in WEEKDAY_NAMES]
        for box in self.boxes:
            layout.addWidget(box)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.set_days(days)

    def set_days(self, days: Sequence[int]) -> None:
        for i, box in enumerate(self.boxes):
            box.setChecked(i in days)

    def days(self) -> tuple[int, ...]:
        return tuple(i for i, box in enumerate(self.boxes) if box.isChecked())

    def on_change(self, slot: Callable[[], None]) -> None:
        for box in self.boxes:
            box.toggled.connect(lambda _on: slot())


class CopyableText(QWidget):
    """Read-only text (e.g. families to phone) with a Copy button for pasting into an email."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_box = QPlainTextEdit(text)
        self.text_box.setReadOnly(True)
        self.copy_button = QPushButton("Copy to clipboard")
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text_box, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copy_button)
        layout.addLayout(row)

    def set_text(self, text: str) -> None:
        self.text_box.setPlainText(text)

    def text(self) -> str:
        return self.text_box.toPlainText()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
