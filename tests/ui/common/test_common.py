"""ui/common: the one print flow of every page, dialogs that tidy themselves away, date and time fields."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from hubdesk.services.progress import Progress
from hubdesk.ui.common import page as common_page
from hubdesk.ui.common.dates import date_edit, optional_time, qdate, time_edit, to_date, to_time
from hubdesk.ui.common.forms import hbox
from hubdesk.ui.common.page import Page, open_dialog, slug
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.events import AppEvents


class Said:
    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.infos: list[str] = []


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> Said:
    record = Said()
    monkeypatch.setattr(feedback, "warn", lambda _p, _t, text: record.warnings.append(text))
    monkeypatch.setattr(feedback, "inform", lambda _p, _t, text: record.infos.append(text))
    return record


@pytest.fixture
def page(qtbot: QtBot, hub: HubApp) -> Page:
    widget = Page(hub, AppEvents())
    qtbot.addWidget(widget)
    return widget


def write_text(target: Path, progress: Progress) -> None:
    progress.step(0, 1, "Writing…")
    target.write_bytes(b"%PDF-1.4 test")


def test_a_printout_lands_in_the_printouts_folder_and_opens(qtbot: QtBot, page: Page, hub: HubApp,
                                                            said: Said,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    page.print_pdf("Registers: Oak Owls (Ashworth)", write_text)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10_000)
    path = opened[0]
    assert path.parent == hub.settings.data_dir / "printouts"
    assert path.name.startswith("registers-oak-owls-ashworth-") and path.suffix == ".pdf"
    assert path.read_bytes().startswith(b"%PDF") and page.printed == [path]
    assert not list(path.parent.glob("*.part")) and said.warnings == said.infos == []


def test_two_printouts_in_the_same_second_do_not_overwrite_each_other(page: Page) -> None:
    first = page.printout_path("rota")
    second = page.printout_path("rota")
    assert first != second and first.exists() and second.name.endswith("-2.pdf")


def test_a_failed_printout_says_why_and_leaves_no_file(qtbot: QtBot, page: Page, hub: HubApp,
                                                      said: Said,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)

    def refuse(target: Path, _progress: Progress) -> None:
        target.write_bytes(b"half a PDF")
        raise DomainError("No club sessions on that day.")

    page.print_pdf("registers", refuse, "Printing registers")
    qtbot.waitUntil(lambda: bool(said.warnings), timeout=10_000)
    assert said.warnings == ["No club sessions on that day."]
    assert opened == [] and page.printed == []
    assert list((hub.settings.data_dir / "printouts").iterdir()) == []


def test_when_no_viewer_opens_the_printout_the_user_is_told_where_it_is(
        qtbot: QtBot, hub: HubApp, said: Said, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common_page, "open_pdf", lambda _path: False)
    window = QMainWindow()
    qtbot.addWidget(window)
    page = Page(hub, AppEvents())
    window.setCentralWidget(page)  # the window owns the page and deletes it
    page.print_pdf("week", write_text)
    qtbot.waitUntil(lambda: bool(said.infos), timeout=10_000)
    assert str(page.printed[0]) in said.infos[0]
    assert str(page.printed[0]) in window.statusBar().currentMessage()


def test_an_opened_dialog_is_deleted_once_closed(qtbot: QtBot, page: Page) -> None:
    dialog = open_dialog(QDialog(page))
    with qtbot.waitSignal(dialog.destroyed, timeout=5_000):
        dialog.reject()


def test_slug_keeps_file_names_safe() -> None:
    assert slug("Club registers · Mon 30/11 · Oak (Ashworth)") == "club-registers-mon-30-11-oak-ashworth"
    assert slug("··", "rota") == "rota"


def test_date_and_time_fields_round_trip(qtbot: QtBot) -> None:
    day = date(2026, 11, 30)
    edit = date_edit(day)
    assert to_date(edit) == day and edit.displayFormat() == "ddd dd/MM/yyyy"
    assert qdate(day).day() == 30
    clock_time = time_edit(time(15, 15))
    assert to_time(clock_time) == time(15, 15)
    stop = time_edit(None, blank="—")
    assert optional_time(stop) is None and stop.text() == "—"
    stop.setTime(QTime(15, 20))
    assert optional_time(stop) == time(15, 20)


def test_hbox_makes_labels_from_text_and_pushes_end_widgets_right(qtbot: QtBot) -> None:
    right = QLabel("right")
    row = hbox("Site:", QLabel("x"), end=(right,))
    assert row.count() == 4  # label, widget, stretch, end widget
    first, last = row.itemAt(0), row.itemAt(3)
    assert first is not None and last is not None
    label = first.widget()
    assert isinstance(label, QLabel) and label.text() == "Site:"
    assert last.widget() is right


def test_after_a_print_the_file_is_named_with_open_show_in_folder_and_save_as(
        qtbot: QtBot, page: Page, said: Said, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(common_page, "open_pdf", opened.append)
    page.print_pdf("rota", write_text)
    qtbot.waitUntil(lambda: page.last_printout is not None, timeout=10_000)
    dialog = page.last_printout
    assert dialog is not None and str(page.printed[0]) in dialog.message.text()
    assert [b.text() for b in (dialog.open_button, dialog.folder_button, dialog.save_button)] == \
        ["&Open", "Show in &folder", "&Save as…"]
    dialog.open_button.click()
    assert opened == [page.printed[0], page.printed[0]]
    assert dialog.copy_to(tmp_path / "copy")
    assert (tmp_path / "copy.pdf").read_bytes().startswith(b"%PDF")
    assert not dialog.copy_to(tmp_path / "no-such-folder" / "x.pdf")
    assert "could not be saved" in said.warnings[0]
