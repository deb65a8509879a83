"""The cyclic garbage collector runs on the GUI thread only: a collection that started in a worker
thread could free a widget there, and Qt crashes when a widget is deleted off its thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hubdesk.ui.shell.collector import GuiThreadCollector, collect_on_gui_thread, due_generation


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collections_happen_on_the_gui_thread_when_due(qtbot: QtBot, qapp: QApplication) -> None:
    threads: list[str] = []
    gc.callbacks.append(lambda phase, _info: threads.append(threading.current_thread().name)
                        if phase == "start" else None)
    try:
        collector = collect_on_gui_thread(qapp)
        assert isinstance(collector, GuiThreadCollector) and collect_on_gui_thread(qapp) is collector
        assert not gc.isenabled()

        def make_garbage() -> None:
            for _ in range(20 * gc.get_threshold()[0]):
                Cycle()

        worker = threading.Thread(target=make_garbage, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in threads  # nothing collected in the worker, though far past due
        assert due_generation() is not None
        # The GUI thread's timer collects what is due (the event loop's own allocations may make a
        # generation due again at any moment, so it is the collection that is waited for).
        qtbot.waitUntil(lambda: bool(threads), timeout=5000)
        assert set(threads) == {threading.main_thread().name}
    finally:
        gc.callbacks.pop()
        collector.deleteLater()
