"""The base of every page: the app and its events, one way to open a dialog, and one print flow.

Printing is the same everywhere: a file in the data folder's printouts folder, written off the GUI
thread with a progress bar and Cancel, then opened in the PC's PDF viewer, and a small window names
the file with Open, Show in folder and Save as…; a refusal or a failure is a sentence in a message
box, never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QToolButton,
    QWidget,
)

from hubdesk.app import HubApp
from hubdesk.services.progress import Progress
from hubdesk.ui.common.printout_dialog import PrintoutDialog
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents
from hubdesk.ui.shell.tasks import run_task

D = TypeVar("D", bound=QDialog)
Writer = Callable[[Path, Progress], object]  # writes the printout to the path it is given
STATUS_MS = 20_000  # how long the status bar names the file just printed
# A page button whose words begin so changes something; a read-only page hides it. Looking,
# finding, printing, exporting and moving between weeks stay.
EDIT_WORDS = ("new ", "edit", "add", "delete", "remove", "book", "cancel", "record", "mark",
              "take off", "put ", "withdraw", "undo", "unlink", "link ", "enrol", "end permission",
              "save", "set ", "copy last week", "fill the gaps", "assign", "offer", "family said",
              "parent told", "everyone unmarked", "tick", "absent", "correct times", "move ",
              "times from", "weekly runs", "club rules", "late fee", "ratios", "crèche ratios",
              "staff cost rates", "settings", "prices and history", "purge", "accident",
              "walk-round", "change", "sign in", "any child's medicines", "this child's medicines",
              "child's medicines", "medical", "someone else", "no contacts", "choose file",
              "sign out", "charging rules", "discretionary", "extra charge", "import",
              "reverse", "unmatched", "refund")


def open_pdf(path: Path) -> bool:
    """Show a printout in the PC's PDF viewer; False when nothing could open it (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def slug(text: str, fallback: str = "printout") -> str:
    """'Oak Owls (Ashworth)' -> 'oak-owls-ashworth': safe in a file name on every PC."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or fallback


def open_dialog(dialog: D) -> D:
    """Open ``dialog`` window-modal without blocking; it deletes itself once closed."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def is_edit_button(button: QAbstractButton) -> bool:
    """True for a push or tool button whose words change something (see ``EDIT_WORDS``)."""
    if button.property("edits") is True:
        return True
    if not isinstance(button, (QPushButton, QToolButton)):
        return False  # check boxes and radio buttons choose what to see
    words = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip().lower()
    return words.startswith(EDIT_WORDS)


class Page(QWidget):
    """A page of the main window. Subclasses build their widgets and implement ``refresh()``."""

    # True when the constructor loads the page's data and ``on_shown`` only loads it again: the
    # window then skips ``on_shown`` on the visit that built the page (one load, not two).
    loads_when_built = False

    def __init__(self, app: HubApp, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.events = app, events
        self.printed: list[Path] = []  # every file this page wrote, newest last
        self.last_printout: PrintoutDialog | None = None
        # Set by the window when the role may read this page but not change it.
        self.read_only = False
        self.read_only_note: QLabel | None = None

    def set_read_only(self) -> None:
        """Show the page to read only: a note says so and the buttons that change things go."""
        self.read_only = True
        if self.read_only_note is None:
            role = (self.app.actor.role_label or self.app.actor.role).lower()
            self.read_only_note = QLabel(f"Read only: your role, {role}, may look here but not "
                                         "change anything.")
            self.read_only_note.setObjectName("readOnlyNote")
            self.read_only_note.setWordWrap(True)
            self.read_only_note.setStyleSheet("QLabel#readOnlyNote { background: #fff4d6; "
                                              "border: 1px solid #d9b44a; padding: 3px; }")
            layout = self.layout()
            if isinstance(layout, QBoxLayout):
                item = layout.itemAt(0)
                first = item.widget() if item is not None else None
                under_title = first is not None and first.objectName() == "pageTitle"
                layout.insertWidget(1 if under_title else 0, self.read_only_note)
        self.hide_edit_buttons()

    def hide_edit_buttons(self) -> None:
        """Hide every button of a read-only page that would change something (run again after a
        refresh, which may show buttons again)."""
        if not self.read_only:
            return
        for button in self.findChildren(QAbstractButton):
            if button.property("reads") is True:
                continue
            if is_edit_button(button):
                button.setVisible(False)

    @staticmethod
    def page_title(text: str) -> QLabel:
        title = QLabel(text)
        title.setObjectName("pageTitle")
        return title

    def open_dialog(self, dialog: D) -> D:
        return open_dialog(dialog)

    def search_box(self) -> QLineEdit | None:
        """The box Ctrl+F goes to: the page's ``search``, else the first visible search-like box."""
        own = getattr(self, "search", None)
        if isinstance(own, QLineEdit) and own.isVisible():
            return own
        for box in self.findChildren(QLineEdit):
            hint = box.placeholderText().lower()
            if box.isVisible() and box.isEnabled() and ("search" in hint or "find" in hint):
                return box
        return None

    def print_button_here(self) -> QAbstractButton | None:
        """The button Ctrl+P presses: the page's own printout, when it can print now."""
        button = getattr(self, "print_button", None)
        if isinstance(button, QAbstractButton) and button.isVisible() and button.isEnabled():
            return button
        return None

    def printout_path(self, name: str, suffix: str = ".pdf") -> Path:
        """A new, empty file in the printouts folder named after ``name`` and the moment; it is
        claimed at once, so two printouts in one second (or under a stopped clock) never collide."""
        folder = self.app.settings.data_dir / "printouts"
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"{slug(name)}-{self.app.clock.local_now():%Y%m%d-%H%M%S}"
        for number in range(1, 1000):
            target = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
            try:
                target.open("x").close()
            except FileExistsError:
                continue
            return target
        raise OSError(f"too many printouts named {stem}")

    def print_pdf(self, name: str, write: Writer, title: str = "Printing") -> None:
        """Write a printout in the background, say where it is and open it.

        ``write(path, progress)`` is the report; it runs off the GUI thread, so it must read only
        services and values captured before the call. A cancelled or failed print leaves no file.
        """
        try:
            target = self.printout_path(name)
        except OSError as exc:
            feedback.warn(self, title, f"The printout could not be saved in {exc.filename}: "
                                       f"{exc.strerror}. Check the data folder is on this PC and not "
                                       "read-only.")
            return

        def work(progress: Progress) -> Path:
            partial = target.with_name(target.name + ".part")
            try:
                write(partial, progress)
                partial.replace(target)
            except BaseException:
                target.unlink(missing_ok=True)  # the claimed name goes too
                raise
            finally:
                partial.unlink(missing_ok=True)
            return target

        run_task(self, title, work, lambda path: self.printout_ready(title, path),
                 lambda message: feedback.warn(self, title, message))

    def printout_ready(self, title: str, path: Path) -> None:
        """Name the file in the status bar, open it, and show where it is with Open, Show in
        folder and Save as…; if no viewer opens it, say so plainly."""
        self.printed.append(path)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"Saved {path}", STATUS_MS)
        opened = open_pdf(path) is not False
        if not opened:
            feedback.inform(self, title, f"The printout is saved as\n{path}\n\nNo program on this "
                                         "PC opened it: open it from that folder, or use Save as… "
                                         "to copy it elsewhere.")
        self.last_printout = open_dialog(PrintoutDialog(path, opened, lambda p: open_pdf(p),
                                                        self))
