"""Run slow work (printing, import, backup, demo) on a QThreadPool with a progress bar and Cancel."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from hubdesk.core.errors import DomainError
from hubdesk.services.progress import Progress

log = logging.getLogger(__name__)
_running: set[_Job] = set()  # keeps jobs (and their signal objects) alive until they report


class _Signals(QObject):
    progress = Signal(int, int, str)
    item = Signal(object)
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.cancelled = False

    def run(self) -> None:
        progress = Progress(self.signals.progress.emit, lambda: self.cancelled)
        try:
            result = self.work(progress)
        except DomainError as exc:
            self.signals.failed.emit(str(exc))
        except Exception:
            log.exception("background task failed")
            self.signals.failed.emit("Something went wrong and the task stopped; nothing was "
                                     "half-saved. The details are in the log file.")
        else:
            self.signals.done.emit(result)


def run_task(parent: QWidget | None, title: str, work: Callable[[Progress], Any],
             on_done: Callable[[Any], None], on_failed: Callable[[str], None],
             pool: QThreadPool | None = None, *, cancellable: bool = True) -> _Job:
    """Start ``work(progress)`` off the GUI thread; a progress dialog with Cancel follows it
    (without Cancel for work that is one transaction and cannot stop half-way)."""
    job = _Job(work)
    job.setAutoDelete(False)
    _running.add(job)
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    if not cancellable:
        dialog.setCancelButton(None)

    def gone() -> bool:
        """The window the work was started from has gone meanwhile (closed, or signed out of), and
        its progress dialog with it: the work goes on, there is nothing left to show it in."""
        return not isValid(dialog) or (parent is not None and not isValid(parent))

    def progress(done: int, total: int, message: str) -> None:
        if gone():
            return
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if message:
            dialog.setLabelText(message)

    def finish() -> bool:
        """False when the window has gone (the work is done all the same)."""
        _running.discard(job)
        if gone():
            log.info("%s finished after its window closed", title)
            return False
        dialog.reset()
        dialog.deleteLater()
        return True

    def cancel() -> None:
        job.cancelled = True

    dialog.canceled.connect(cancel)
    job.signals.progress.connect(progress)
    def done(result: object) -> None:
        if finish():
            on_done(result)

    def failed(message: str) -> None:
        if finish():
            on_failed(message)
        else:
            log.warning("%s: %s", title, message)

    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


def run_quietly(work: Callable[[], Any], on_done: Callable[[Any], None],
                on_failed: Callable[[str], None]) -> _Job:
    """Start ``work()`` off the GUI thread with no dialog: the window stays free to use meanwhile
    (the check of the file and the daily backup after the window shows)."""
    job = _Job(lambda _progress: work())
    job.setAutoDelete(False)
    _running.add(job)

    def done(result: object) -> None:
        _running.discard(job)
        on_done(result)

    def failed(message: str) -> None:
        _running.discard(job)
        on_failed(message)

    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)
    return job


def run_each(owner: QWidget, work: Callable[[], Iterable[object]], on_item: Callable[[Any], None],
             on_failed: Callable[[str], None]) -> _Job:
    """Start ``work()`` off the GUI thread and hand each thing it yields to ``on_item`` on the GUI
    thread as it comes, so a list fills in while the window stays free (a backup's check reads
    the whole file). It stops between items once ``cancelled`` is set, when ``owner`` goes, or when
    the program closes (``cancel_reads``)."""
    def each(progress: Progress) -> None:
        for item in work():
            if job.cancelled:
                return
            job.signals.item.emit(item)

    job = _Job(each)
    job.setAutoDelete(False)
    _running.add(job)
    read_started(job)

    def stop() -> None:
        job.cancelled = True

    def finished() -> None:
        _running.discard(job)
        read_finished(job)

    def item(found: object) -> None:
        if isValid(owner) and not job.cancelled:
            on_item(found)

    def failed(message: str) -> None:
        finished()
        if isValid(owner) and not job.cancelled:
            on_failed(message)

    owner.destroyed.connect(stop)
    job.signals.item.connect(item)
    job.signals.done.connect(lambda _result: finished())
    job.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)
    return job


class Cancellable(Protocol):
    """Background reads that can stop between steps (the Today page reads its areas this way)."""
    cancelled: bool


_reads: set[Cancellable] = set()


def read_started(read: Cancellable) -> None:
    _reads.add(read)


def read_finished(read: Cancellable) -> None:
    _reads.discard(read)


def cancel_reads() -> None:
    """The program is closing: background reads skip their remaining steps (a step under way ends)."""
    for read in list(_reads):
        read.cancelled = True
