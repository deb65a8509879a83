"""Registers on the scale-1 demo cluster.

Targets (issue 5): the whole cluster's registers for one day (about 40 sessions, 1,000 rows) in
under 1 s, and no more than 1.5× a bare reportlab script drawing the same rows (plain strings in
one table per session, same fonts, header row repeated, nothing else); signing a child in shows on
screen in under 50 ms (the click, the service call with its commit, the row repainted).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, demo_app, report, timed
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

from hubdesk.app import HubApp
from hubdesk.reports.pdf import FONT, register_fonts
from hubdesk.reports.registers import COLUMNS, wrap, write_registers
from hubdesk.services.registers import Register

SIGN_IN_MOMENT = datetime(TODAY.year, TODAY.month, TODAY.day, 15, 30)  # UTC = London in November


def floor_rows(registers: list[Register]) -> list[list[list[str]]]:
    """The text of every cell, already broken into the lines the register prints (not timed)."""
    register_fonts()
    widths = [w for _, w in COLUMNS]
    tables = []
    for reg in registers:
        rows = [[title for title, _ in COLUMNS]]
        for x in reg.lines:
            cells = [x.name, f"{x.year}, {x.school}", x.allergies or x.medical, x.emergency,
                     ", ".join(x.collectors), x.time_in, x.time_out, x.collected_by, "", ""]
            rows.append([wrap(c, w) for c, w in zip(cells, widths, strict=True)])
        tables.append(rows)
    return tables


def floor_pdf(tables: list[list[list[str]]], path: Path) -> None:
    """The same rows drawn by the plainest reportlab: strings in a table, a page per session."""
    register_fonts()
    story = []
    for rows in tables:
        grid = Table(rows, colWidths=[w for _, w in COLUMNS], repeatRows=1)
        grid.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                                  ("FONTSIZE", (0, 0), (-1, -1), 8),
                                  ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        story += [grid, PageBreak()]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=10 * mm,
                      rightMargin=10 * mm).build(story)


def day_pdf(app: HubApp, path: Path) -> int:
    registers = app.registers.take.day_registers(TODAY, now=SIGN_IN_MOMENT)
    return write_registers(registers, path, title=f"Club registers · {TODAY:%d/%m/%Y}")


def sign_in_on_screen(app: HubApp) -> tuple[float, float]:
    """Median ms from clicking 'Sign in' to the row showing 'In', and the service call alone."""
    from PySide6.QtCore import QDate, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from hubdesk.ui.registers.page import RegistersPage
    from hubdesk.ui.shell.events import AppEvents

    qt = QApplication.instance() or QApplication([])
    page = RegistersPage(app, AppEvents())
    page.resize(1200, 700)
    page.day.setDate(QDate(TODAY))
    page.show()
    for _ in range(5):
        qt.processEvents()
    screen, service = [], []
    for row in range(page.sessions.count()):
        page.sessions.setCurrentRow(row)
        qt.processEvents()
        for line in list(page.table.register_model.lines)[:4]:
            button = page.table.buttons.get(line.session_booking_id)
            if button is None or button.text() != "Sign in":
                continue
            started = time.perf_counter()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            qt.processEvents()
            row_now = next(x for x in page.table.register_model.lines
                           if x.session_booking_id == line.session_booking_id)
            assert row_now.state == "in", row_now
            screen.append((time.perf_counter() - started) * 1000)
        if len(screen) >= 15:
            break
    waiting = [x for reg in app.registers.take.day_registers(TODAY) for x in reg.lines
               if x.state in ("expected", "missing")]
    for line in waiting[-5:]:
        started = time.perf_counter()
        app.registers.take.sign_in(line.session_booking_id)
        service.append((time.perf_counter() - started) * 1000)
    page.close()
    screen.sort()
    service.sort()
    return screen[len(screen) // 2], (service[len(service) // 2] if service else 0.0)


def main() -> int:
    with demo_app(1) as (app, _summary), tempfile.TemporaryDirectory() as folder:
        app.clock.frozen_at = SIGN_IN_MOMENT  # the demo's Tuesday, as clubs are running
        out = Path(folder)
        registers = app.registers.take.day_registers(TODAY, now=SIGN_IN_MOMENT)
        rows = sum(len(r.lines) for r in registers)
        print(f"scale-1 demo, {TODAY:%a %d/%m/%Y}: {len(registers)} sessions, {rows} children",
              flush=True)
        tables = floor_rows(registers)
        floor = timed(lambda: floor_pdf(tables, out / "floor.pdf"), repeat=3)
        ours = timed(lambda: day_pdf(app, out / "day.pdf"), repeat=3)
        written = timed(lambda: write_registers(registers, out / "w.pdf"), repeat=3)
        report("Bare reportlab, same rows (the floor)", floor, 1000)
        report(f"Registers PDF from loaded registers ({written / floor:.2f}× floor)", written,
               1.5 * floor)
        report(f"Cluster registers for the day, read and written ({ours / floor:.2f}× floor)",
               ours, 1000)
        report("Load the day's registers (read only)",
               timed(lambda: app.registers.take.day_registers(TODAY, now=SIGN_IN_MOMENT)), 200)
        screen, service = sign_in_on_screen(app)
        report("Sign in: service call with commit", service, 50)
        report("Sign in: click to the row showing 'In'", screen, 50)
    return 0


if __name__ == "__main__":
    sys.exit(main())
