"""The Overview's printout for governors and its spreadsheet, written off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from hubdesk.services.overview import PeriodChoice
from hubdesk.services.progress import Progress
from hubdesk.ui.common.page import Page
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.tasks import run_task


def print_overview(page: Page, choice: PeriodChoice, site: int | None) -> None:
    """The governors' PDF of what the page shows (small numbers shown as '<5')."""
    from hubdesk.reports.overview import write_overview

    app = page.app

    def write(path: Path, _progress: Progress) -> None:
        figures = app.overview.figures.overview(choice, site)
        offer = app.overview.core_offer.offer(figures.period.term, site) if figures.period.term \
            else []
        write_overview(figures, offer, path)

    page.print_pdf("overview", write, "Printing the Overview")


def export_take_up(page: Page, choice: PeriodChoice, site: int | None) -> None:
    """An .xlsx workbook, one sheet per view, numbers as numbers (small ones as '<5')."""
    from hubdesk.reports.overview_export import write_workbook

    target, _ = QFileDialog.getSaveFileName(page, "Export the Overview", str(
        page.app.settings.data_dir / "overview.xlsx"), "Excel workbook (*.xlsx)")
    if not target:
        return
    path = Path(target) if target.lower().endswith(".xlsx") else Path(target + ".xlsx")
    app = page.app

    def work(_progress: Progress) -> Path:
        figures = app.overview.figures.overview(choice, site)
        offer = app.overview.core_offer.offer(figures.period.term, site) if figures.period.term \
            else []
        partial = path.with_name(path.name + ".part")
        try:
            write_workbook(figures, offer, partial)
            partial.replace(path)
        except OSError as exc:
            from hubdesk.core.errors import DomainError

            raise DomainError(f"Cannot write {path}: {exc.strerror or exc}. If the file is open "
                              "in Excel, close it and try again.") from exc
        finally:
            partial.unlink(missing_ok=True)
        return path

    run_task(page, "Exporting the Overview", work,
             lambda p: feedback.inform(page, "Export", f"Saved {p}"),
             lambda message: feedback.warn(page, "Export", message))
