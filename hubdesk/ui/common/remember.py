"""Choices that outlast the program: the site, the day or week view, the session a page showed.

Saved in the user's settings (QSettings) when the user changes them and chosen again the first time the
list offers them, so the office opens where it left off.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem


def user_settings() -> QSettings:
    """The settings of the person at this PC (the window's size and page, choices on pages)."""
    return QSettings("hubdesk", "hubdesk")


def _key(name: str) -> str:
    return f"choices/{name}"


def _value(data: Any, text: str) -> str:
    return text if data is None else f"data:{data}"


def remember_choice(combo: QComboBox, name: str) -> None:
    """Save ``combo``'s choice under ``name`` as the user makes it, and choose it again next time."""
    def save(_index: int) -> None:
        if combo.currentIndex() >= 0:
            user_settings().setValue(_key(name), _value(combo.currentData(), combo.currentText()))

    def restore() -> None:
        wanted = user_settings().value(_key(name))
        if combo.property("restored") or wanted is None:
            return
        for index in range(combo.count()):
            if _value(combo.itemData(index), combo.itemText(index)) == wanted:
                combo.setProperty("restored", True)
                if index != combo.currentIndex():
                    combo.setCurrentIndex(index)
                return

    combo.currentIndexChanged.connect(save)
    combo.model().rowsInserted.connect(lambda *_: QTimer.singleShot(0, combo, restore))
    restore()


def remember_row(view: QListWidget, name: str, key_of: Callable[[QListWidgetItem], str]) -> None:
    """The same for a list (a day's sessions): the first row whose ``key_of`` matches is chosen again."""
    def save(row: int) -> None:
        item = view.item(row) if row >= 0 else None
        if item is not None:
            user_settings().setValue(_key(name), key_of(item))

    def restore() -> None:
        wanted = user_settings().value(_key(name))
        if view.property("restored") or wanted is None:
            return
        for row in range(view.count()):
            if key_of(view.item(row)) == wanted:
                view.setProperty("restored", True)
                if row != view.currentRow():
                    view.setCurrentRow(row)
                return

    view.currentRowChanged.connect(save)
    view.model().rowsInserted.connect(lambda *_: QTimer.singleShot(0, view, restore))
