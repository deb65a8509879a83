"""Dialogs keep their layout when an inline error shows, and fit a 1366×768 screen under a title bar
and a taskbar: no button squeezed to a sliver, no field over another."""

from __future__ import annotations

from itertools import combinations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hubdesk.ui.registers.page import RegistersPage
from tests.services.registers.registers_data import Cluster
from tests.ui.helpers import save
from tests.ui.registers.test_register_dialogs import sign_out_dialog

FIELDS = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)


def broken_layout(dialog: QDialog) -> list[str]:
    """Fields shorter than they need, or overlapping another field, in the dialog's coordinates."""
    shown = [w for w in dialog.findChildren(QWidget) if isinstance(w, FIELDS) and w.isVisible()
             and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]
    problems = [f"{type(w).__name__} '{getattr(w, 'text', lambda: '')()}' squeezed"
                for w in shown if w.height() < w.minimumSizeHint().height()]
    boxes = [(w, w.geometry().translated(w.parentWidget().mapTo(dialog, w.parentWidget().rect()
                                                                 .topLeft()))) for w in shown]
    for (a, ra), (b, rb) in combinations(boxes, 2):
        if a.parentWidget() is b.parentWidget() and ra.intersects(rb):
            problems.append(f"{type(a).__name__} over {type(b).__name__}")
    return problems


def test_sign_out_keeps_someone_else_when_the_error_shows(qtbot: QtBot, page: RegistersPage,
                                                          cluster: Cluster) -> None:
    dialog = sign_out_dialog(qtbot, page, cluster, "lucja")
    save(qtbot, dialog)
    assert dialog.visible_errors() == {"collector": "Choose who collected the child."}
    qtbot.wait(10)
    assert broken_layout(dialog) == []
    assert dialog.other.height() >= dialog.other.minimumSizeHint().height()
    assert dialog.height() <= 768 - 70
