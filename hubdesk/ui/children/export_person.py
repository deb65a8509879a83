"""'Export everything held…' on a child's record: the subject access zip (JSON and a readable PDF),
written off the GUI thread to a file only its owner can read. Administrator only, once roles exist."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from hubdesk.app import HubApp
from hubdesk.core.vocabulary import fold
from hubdesk.reports.subject_access import write_person_zip
from hubdesk.services.progress import Progress
from hubdesk.ui.common.page import slug
from hubdesk.ui.shell import feedback
from hubdesk.ui.shell.tasks import run_task

TITLE = "Export everything held"


def choose_zip(parent: QWidget | None, suggested: Path) -> str:
    """Ask where to save the zip (tests patch this); '' when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, "Save everything held as", str(suggested),
                                          "Zip files (*.zip)")
    return path


def export_child(parent: QWidget, app: HubApp, child_id: int, name: str) -> None:
    """Ask for a file, then write every record about the child to it and say where it is."""
    folder = app.settings.data_dir / "exports"
    suggested = folder / f"records-{slug(fold(name), 'child')}-{app.clock.local_now():%Y%m%d}.zip"
    chosen = choose_zip(parent, suggested)
    if not chosen:
        return
    target = Path(chosen)
    service = app.subject_access

    def work(progress: Progress) -> Path:
        progress.step(0, 2, "Reading every record…")
        records = service.records("child", child_id)
        progress.step(1, 2, "Writing the zip…")
        target.parent.mkdir(parents=True, exist_ok=True)
        return write_person_zip(records, target)

    def done(path: Path) -> None:
        feedback.inform(parent, TITLE, f"Everything held about {name} is saved in\n{path}\n\n"
                                       "Only your PC account can open it. Send it securely (not by "
                                       "plain email) and delete it once the request is answered.")

    run_task(parent, TITLE, work, done, lambda message: feedback.warn(parent, TITLE, message))
