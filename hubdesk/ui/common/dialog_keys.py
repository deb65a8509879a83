"""Keyboard use of every dialog: Tab walks the form top to bottom and ends on its buttons, and each
button and labelled field has its own Alt+letter.

Qt's own tab order is the order widgets were made in, which in a form built from small builder
methods jumps about; the order here is the order of the layouts, which is the order a person reads.
A ``Dialog`` sets both up the first time it is shown, so rows added in any order still read right.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

_LEAVES = (QAbstractSpinBox, QComboBox, QAbstractItemView, QAbstractScrollArea)
_FORM_ROLES = (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
               QFormLayout.ItemRole.SpanningRole)


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value)


def _layout_widgets(layout: QLayout) -> Iterable[QWidget | QLayout]:
    """The widgets and inner layouts of ``layout`` in reading order."""
    if isinstance(layout, QFormLayout):
        for row in range(layout.rowCount()):
            for role in _FORM_ROLES:
                item = layout.itemAt(row, role)
                if item is not None:
                    yield from _item_parts(item.widget(), item.layout())
        return
    items = [(i, item) for i in range(layout.count()) if (item := layout.itemAt(i)) is not None]
    if isinstance(layout, QGridLayout):
        grid = layout
        items.sort(key=lambda pair: _grid_place(grid, pair[0]))
    for _i, item in items:
        yield from _item_parts(item.widget(), item.layout())


def _grid_place(grid: QGridLayout, index: int) -> tuple[int, int]:
    place: tuple[int, int, int, int] = grid.getItemPosition(index)  # type: ignore[assignment]
    return place[0], place[1]


def _item_parts(widget: QWidget | None, layout: QLayout | None) -> Iterable[QWidget | QLayout]:
    if widget is not None:
        yield widget
    elif layout is not None:
        yield layout


def _pages(holder: QTabWidget | QSplitter | QStackedWidget) -> list[QWidget | QLayout]:
    return [page for i in range(holder.count()) if (page := holder.widget(i)) is not None]


def _inner(widget: QWidget) -> list[QWidget | QLayout]:
    """What a container holds, in reading order; nothing for a field (a box, list or button)."""
    if isinstance(widget, QTabWidget):
        return [widget.tabBar(), *_pages(widget)]
    if isinstance(widget, QScrollArea):
        inner = widget.widget()
        return [inner] if inner is not None else []
    if isinstance(widget, (QSplitter, QStackedWidget)):
        return _pages(widget)
    if isinstance(widget, _LEAVES) or (_takes_tab(widget) and not isinstance(widget, QGroupBox)):
        return []
    layout = widget.layout()
    if layout is not None:
        return [layout]
    return [child for child in widget.children() if isinstance(child, QWidget)
            and not child.isWindow()]


def focus_chain(root: QWidget) -> list[QWidget]:
    """Every widget Tab can reach in ``root``, in the order its layouts show them."""
    chain: list[QWidget] = []
    seen: set[int] = set()
    todo: list[QWidget | QLayout] = [root]
    while todo:
        part = todo.pop(0)
        if isinstance(part, QLayout):
            todo[0:0] = list(_layout_widgets(part))
            continue
        if id(part) in seen or (part is not root and part.isWindow()):
            continue
        seen.add(id(part))
        if part is not root and _takes_tab(part) and part.focusProxy() is None:
            chain.append(part)
        todo[0:0] = _inner(part)
    return chain


def order_tabs(root: QWidget) -> list[QWidget]:
    """Make Tab follow the layouts of ``root``; returns the order set. In a dialog Tab leaves a
    notes box and a table too (Tab would be a trap there: arrows move inside them)."""
    chain = focus_chain(root)
    for widget in chain:
        if isinstance(widget, (QPlainTextEdit, QTextEdit)):
            widget.setTabChangesFocus(True)
        elif isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)  # arrows move between cells; Tab moves on
            if widget.findChild(CellKeys) is None:
                CellKeys(widget)
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
    return chain


class CellKeys(QObject):
    """A table with a box in its cells is still one Tab stop: the boxes take no Tab and no arrow
    (arrows move between cells); F2, Space or typing edits the current cell's box, a click edits
    the box clicked, and Tab or Esc in a box goes back to the table (Tab then moves on)."""

    _EDIT_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Space)

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view, self._viewport = view, view.viewport()  # kept: asked while the table is deleted
        view.installEventFilter(self)
        self._viewport.installEventFilter(self)
        for child in self._viewport.children():
            if isinstance(child, QWidget):
                self._take(child)

    def _take(self, cell: QWidget) -> None:
        """Stop a cell's box taking Tab (Qt's own order would walk every box, and arrows moving
        to a cell would drop into its box); its clicks and keys still come here first."""
        if cell.focusPolicy() == Qt.FocusPolicy.NoFocus:
            return  # a label in a cell: nothing to edit
        cell.setProperty("cell_box", True)
        cell.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for part in [cell, *cell.findChildren(QWidget)]:
            part.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._viewport:
            if kind == QEvent.Type.ChildAdded:
                child = event.child()  # type: ignore[attr-defined]
                if isinstance(child, QWidget) and not child.isWindow():
                    self._take(child)
            return False
        if watched is self.view:
            return kind == QEvent.Type.KeyPress and self._edit(event)  # type: ignore[arg-type]
        if isinstance(watched, QWidget):
            if kind == QEvent.Type.MouseButtonPress:
                self._focus_cell(watched)
            elif kind == QEvent.Type.KeyPress:
                return self._leave(event)  # type: ignore[arg-type]
        return False

    def _cell(self) -> QWidget | None:
        current = self.view.currentIndex()
        return self.view.indexWidget(current) if current.isValid() else None

    def _edit(self, event: QKeyEvent) -> bool:
        """F2, Space or a typed letter in the table goes to the current cell's box."""
        cell = self._cell()
        typed = bool(event.text()) and event.text().isprintable() and not event.text().isspace()
        asked = event.key() in self._EDIT_KEYS or typed
        if cell is None or not cell.property("cell_box") or not cell.isEnabled() or not asked:
            return False
        cell.setFocus(Qt.FocusReason.OtherFocusReason)
        if typed:
            target = QApplication.focusWidget() or cell
            QApplication.sendEvent(target, QKeyEvent(event.type(), event.key(), event.modifiers(),
                                                    event.text()))
        return True

    def _focus_cell(self, part: QWidget) -> None:
        """A click on a box makes its cell the current one and puts the typing cursor there."""
        cell = part
        while cell.parentWidget() is not None and cell.parentWidget() is not self._viewport:
            cell = cell.parentWidget()  # type: ignore[assignment]
        index = self.view.indexAt(cell.geometry().center())
        if index.isValid():
            self.view.setCurrentIndex(index)
        if cell.isEnabled():
            cell.setFocus(Qt.FocusReason.MouseFocusReason)

    def _leave(self, event: QKeyEvent) -> bool:
        """Tab, Shift+Tab and Esc in a box go back to the table; Tab moves on from there."""
        key = event.key()
        if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape):
            return False
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if key != Qt.Key.Key_Escape:
            QApplication.sendEvent(self.view, QKeyEvent(QEvent.Type.KeyPress, key,
                                                        event.modifiers()))
        return True


# --- Alt+letter --------------------------------------------------------------------------------
def mnemonic(text: str) -> str | None:
    """The Alt+letter of a button or label text ('&Book' -> 'b'), or None."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else None


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with an Alt+letter not in ``taken``: a word's first letter if one is free, else
    any letter; unchanged when every letter is taken."""
    plain = text.replace("&&", "\0").replace("&", "")
    starts = [i for i, ch in enumerate(plain) if ch.isalnum() and (i == 0 or not plain[i - 1].isalnum())]
    others = [i for i, ch in enumerate(plain) if ch.isalnum() and i not in starts]
    for at in starts + others:
        letter = plain[at].lower()
        if letter.isascii() and letter not in taken:
            taken.add(letter)
            return (plain[:at] + "&" + plain[at:]).replace("\0", "&&")
    return text


def _keyed(root: QWidget) -> list[QAbstractButton | QLabel]:
    """The buttons and field labels of ``root``'s own window, its OK/Save/Cancel first. Radio
    buttons are left as they are: their rows are often names (who collected), picked with arrows."""
    own = [w for w in root.findChildren(QWidget) if w.window() is root]
    boxes = [b for w in own if isinstance(w, QDialogButtonBox) for b in w.buttons()]
    buttons = [w for w in own if isinstance(w, QAbstractButton) and w.text().strip()
               and not isinstance(w, QRadioButton) and w not in boxes and w.parent() is not None
               and not isinstance(w.parentWidget(), QAbstractItemView)]
    labels = [w for w in own if isinstance(w, QLabel) and (buddy := w.buddy()) is not None
              and _takes_tab(buddy) and w.text().strip() and "<" not in w.text()]
    return [*boxes, *buttons, *labels]


def give_mnemonics(root: QWidget) -> None:
    """Each button and labelled field in ``root`` gets its own Alt+letter; those already set keep
    theirs unless another widget took the letter first."""
    keyed = _keyed(root)
    taken: set[str] = set()
    needing: list[QAbstractButton | QLabel] = []
    for widget in keyed:
        letter = mnemonic(widget.text())
        if letter is not None and letter not in taken:
            taken.add(letter)
        else:
            needing.append(widget)
    for widget in needing:
        widget.setText(with_mnemonic(widget.text(), taken))


def retext(widget: QAbstractButton | QLabel, text: str) -> None:
    """Change a button's or label's words after its dialog has shown and keep an Alt+letter: the
    one it had when the new words hold that letter, else a free one."""
    letter = mnemonic(widget.text())
    if letter is not None:  # every other letter counts as taken, so only the old one can be given
        kept = with_mnemonic(text, {chr(c) for c in range(128)} - {letter})
        if mnemonic(kept) == letter:
            widget.setText(kept)
            return
    widget.setText(text)
    root = widget.window()
    if getattr(root, "_keys_ready", False):
        give_mnemonics(root)


def mnemonics_in(root: QWidget) -> list[str]:
    """Every Alt+letter in ``root``'s window, one per button or labelled field (for checks)."""
    letters = [mnemonic(w.text()) for w in _keyed(root)]
    return [letter for letter in letters if letter is not None]


SCREEN_MARGIN = 70  # a title bar and a taskbar: what a dialog must leave of the screen's height


class Dialog(QDialog):
    """A dialog whose Tab order and Alt+letters are set up the first time it shows, which never opens
    taller or wider than its screen leaves room for, and whose timers (a search after typing, a
    preview) stop when it closes: a closed dialog lives on until Qt deletes it, and must not read
    the database meanwhile."""

    _keys_ready = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._keys_ready:
            self._keys_ready = True
            order_tabs(self)
            give_mnemonics(self)
            screen = self.screen()
            if screen is not None:
                area = screen.availableGeometry()
                self.resize(min(self.width(), area.width() - 20),
                            min(self.height(), area.height() - SCREEN_MARGIN))
        super().showEvent(event)

    def done(self, result: int) -> None:
        self._stop_timers()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_timers()  # also when it closes without having been shown
        super().closeEvent(event)

    def _stop_timers(self) -> None:
        for timer in self.findChildren(QTimer):
            timer.stop()
