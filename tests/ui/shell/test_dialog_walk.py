"""Every dialog, walked as a keyboard user and on a 1366×768 laptop: Tab goes down the form and
reaches the buttons, each Alt+letter is used once, and the dialog fits with nothing cut."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.ui.common.dialog_keys import focus_chain, mnemonics_in
from hubdesk.ui.shell.main_window import MainWindow
from tests.ui.dialog_catalogue import DIALOGS, open_dialog_named
from tests.ui.helpers import Said
from tests.ui.shell.test_fits_1366 import LAPTOP, window_at

SCREEN = (1366 - 20, 768 - 40 - 30)  # the laptop's screen less a taskbar and a title bar
FIELDS = (QLineEdit, QComboBox, QAbstractSpinBox)


@pytest.fixture
def window(qtbot: QtBot, demo_hub: HubApp, said: Said) -> Iterator[MainWindow]:
    window = window_at(qtbot, demo_hub, LAPTOP)
    yield window
    assert said.messages == []  # the dialog opened without a message box first
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def shown(widget: QWidget, dialog: QDialog) -> bool:
    return widget.isVisibleTo(dialog) and widget.window() is dialog


def place(widget: QWidget, dialog: QDialog) -> QRect:
    return QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())


def tab_walk(qtbot: QtBot, dialog: QDialog) -> list[QWidget]:
    """The widgets Tab visits from the first field until it comes round again."""
    first = next(w for w in focus_chain(dialog) if shown(w, dialog) and w.isEnabled())
    first.setFocus(Qt.FocusReason.TabFocusReason)
    walked: list[QWidget] = []
    for _ in range(300):
        current = QApplication.focusWidget()
        assert current is not None
        if walked and current is walked[0]:
            break  # round again
        if not walked or current is not walked[-1]:  # a time field's Tab goes hours, then minutes
            walked.append(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    return walked


def _owner(widget: QWidget) -> QWidget | None:
    """The scroll area a widget sits in (its place there moves as it scrolls)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def out_of_order(walked: list[QWidget], dialog: QDialog) -> list[str]:
    """Steps that go back up the form: not into a row further right, nor into or out of a tab bar."""
    wrong = []
    for before, after in pairwise(walked):
        if isinstance(before, QTabBar) or isinstance(after, QTabBar) or _owner(before) is not _owner(after):
            continue
        a, b = place(before, dialog), place(after, dialog)
        if b.top() < a.top() - 4 and b.left() <= a.right():
            wrong.append(f"{type(before).__name__}@{a.top()} -> {type(after).__name__}@{b.top()}")
    return wrong


@pytest.mark.parametrize("name", list(DIALOGS))
def test_tab_walks_the_form_down_to_its_buttons(qtbot: QtBot, window: MainWindow, name: str) -> None:
    dialog = open_dialog_named(qtbot, window, name)
    walked = tab_walk(qtbot, dialog)
    assert out_of_order(walked, dialog) == []
    boxes = [b for box in dialog.findChildren(QDialogButtonBox) if shown(box, dialog)
             for b in box.buttons() if b.isVisible() and b.isEnabled()]
    closing = boxes or [b for b in dialog.findChildren(QAbstractButton) if shown(b, dialog)]
    assert any(b in walked for b in closing), f"Tab never reaches the buttons of {name}"
    fields = [w for w in dialog.findChildren(QWidget) if isinstance(w, FIELDS) and shown(w, dialog)
              and w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
              and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]
    missed = [f"{type(w).__name__} {w.objectName()}" for w in fields
              if w not in walked and (w.focusProxy() or w) not in walked]
    assert missed == [], f"Tab skips fields in {name}"


@pytest.mark.parametrize("name", list(DIALOGS))
def test_each_alt_letter_is_used_once(qtbot: QtBot, window: MainWindow, name: str) -> None:
    dialog = open_dialog_named(qtbot, window, name)
    letters = mnemonics_in(dialog)
    assert len(letters) == len(set(letters)), f"{name}: {sorted(letters)}"
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            assert "&" in button.text().replace("&&", ""), f"{name}: {button.text()!r} has no Alt+letter"


def clipped(dialog: QDialog) -> list[str]:
    """Labels and fields narrower or lower than their text needs, or reaching past the dialog."""
    cut = []
    area = dialog.rect()
    for widget in dialog.findChildren(QWidget):
        if not shown(widget, dialog) or _owner(widget) is not None \
                or isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # a box's own text line is sized by the box
        what = f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r}"[:80]
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                high = widget.heightForWidth(widget.width())
                if widget.height() < high - 2:
                    cut.append(f"{what} is {widget.height()} px high of {high}")
            elif widget.width() < widget.minimumSizeHint().width() - 1:
                cut.append(f"{what} is {widget.width()} px of {widget.minimumSizeHint().width()}")
        elif isinstance(widget, (*FIELDS, QAbstractButton)):
            need = widget.minimumSizeHint()
            if widget.width() < need.width() - 1 or widget.height() < need.height() - 1:
                cut.append(f"{what} is {widget.width()}×{widget.height()} of {need.width()}×{need.height()}")
        if isinstance(widget, (QLabel, *FIELDS, QAbstractButton)) \
                and not area.contains(place(widget, dialog)):
            cut.append(f"{what} reaches outside the dialog")
    return cut


@pytest.mark.parametrize("name", list(DIALOGS))
def test_it_fits_a_laptop_with_nothing_cut(qtbot: QtBot, window: MainWindow, name: str) -> None:
    dialog = open_dialog_named(qtbot, window, name)
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    assert least.width() <= SCREEN[0] and least.height() <= SCREEN[1], f"{name} needs {least}"
    hint = dialog.sizeHint().expandedTo(least)
    dialog.resize(min(max(hint.width(), dialog.width()), SCREEN[0]),
                  min(max(hint.height(), dialog.height()), SCREEN[1]))
    qtbot.wait(20)
    assert dialog.height() <= SCREEN[1] and dialog.width() <= SCREEN[0]
    assert clipped(dialog) == []


def test_a_table_of_boxes_is_one_tab_stop_edited_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    """In a run's stops Tab stops once on the table; arrows pick a cell, F2 or typing edits its
    box, and Tab or Esc in the box goes back out (Tab on to the buttons under the table)."""
    dialog = open_dialog_named(qtbot, window, "run")
    table = dialog.stops.table  # type: ignore[attr-defined]
    walked = tab_walk(qtbot, dialog)
    assert table in walked
    assert not any(w.parentWidget() is table.viewport() for w in walked)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is table and table.currentColumn() == 2
    qtbot.keyClick(table, Qt.Key.Key_F2)
    leave = table.cellWidget(0, 2)
    assert QApplication.focusWidget() in (leave, leave.focusProxy())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is table and dialog.isVisible()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.stops.add_button  # type: ignore[attr-defined]
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(table, "1")  # typing in the table types into the current cell's box
    assert QApplication.focusWidget() in (leave, leave.focusProxy())
    site = table.cellWidget(1, 0)
    qtbot.mouseClick(site, Qt.MouseButton.LeftButton)
    assert table.currentRow() == 1
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not dialog and widget is not window:
            widget.hide()  # the box's list opened by the click
