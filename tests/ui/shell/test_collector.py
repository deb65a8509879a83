"""The cyclic garbage collector runs on the GUI thread only: a collection that started in a worker
thread could free a widget there, and Qt crashes when a widget is deleted off its thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hubdesk.ui.shell.collector import (
    CHECK_MS,
    GuiThreadCollector,
    collect_on_gui_thread,
    due_generation,
)


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
        # What the GUI thread's timer runs collects what is due, there. (Waiting for a tick instead
        # failed once: freeing objects also lowers the count, and a previous test's leftovers freed in
        # the event loop can bring it under the threshold before the tick.)
        collector.collect_if_due()
        assert threads and set(threads) == {threading.main_thread().name}
        timer = collector.findChild(QTimer)
        assert timer is not None and timer.isActive() and timer.interval() == CHECK_MS
        with qtbot.waitSignal(timer.timeout, timeout=2 * CHECK_MS + 500):
            pass  # and the timer ticks
    finally:
        gc.callbacks.pop()
        collector.deleteLater()
