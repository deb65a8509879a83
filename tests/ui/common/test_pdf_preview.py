"""The in-app preview (optional extra PySide6-Pdf): every page shown, Print draws every page, and the
after-print window offers Preview only when the viewer is installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from reportlab.platypus import PageBreak

from hubdesk.reports.pdf import build, para, styles
from hubdesk.ui.common import pdf_preview
from hubdesk.ui.common.pdf_preview import preview_available
from hubdesk.ui.common.printout_dialog import PrintoutDialog

needs_viewer = pytest.mark.skipif(not preview_available(), reason="PySide6-Pdf is not installed")


def _three_pages(path: Path) -> Path:
    st = styles()
    build(path, [para("Łucja Wiśniewska", st.title), PageBreak(), para("Two", st.body),
                 PageBreak(), para("Three", st.body)], title="Three pages")
    return path


@needs_viewer
def test_the_preview_shows_every_page_and_prints_them_all(qtbot: QtBot, tmp_path: Path) -> None:
    preview = pdf_preview.PdfPreview(_three_pages(tmp_path / "three.pdf"))
    qtbot.addWidget(preview)
    assert preview.pages == 3 and preview.print_button.text() == "&Print…"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer)
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == 3


@needs_viewer
def test_the_after_print_window_offers_a_preview(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PrintoutDialog(_three_pages(tmp_path / "rota.pdf"), True, lambda _p: True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preview_button.isVisible()
    dialog.preview_button.click()
    assert dialog.preview is not None and dialog.preview.pages == 3
    dialog.preview.close()


def test_without_the_viewer_there_is_no_preview_button(qtbot: QtBot, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hubdesk.ui.common.printout_dialog.preview_available", lambda: False)
    dialog = PrintoutDialog(_three_pages(tmp_path / "rota.pdf"), False, lambda _p: False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.preview_button.isVisible()
