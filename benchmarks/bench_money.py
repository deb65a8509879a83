"""Money on the demo cluster.

Targets (issue 18): statements for every family of the scale-1 demo for a month in under 3 s as a whole
process, and writing them no more than 1.5× a bare reportlab script drawing the same rows (plain strings in
two tables per family, same font, a page break per family); a family's account under 100 ms; the arrears
list under 200 ms at scale 10 (``python benchmarks/bench_money.py 10``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TODAY, bench_open, benchmark_clock, report, settings_for, timed
from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from hubdesk.app import HubApp
from hubdesk.core.money import money
from hubdesk.demo.service import DemoService
from hubdesk.reports.pdf import FONT, register_fonts, styles
from hubdesk.reports.statements import PAY_WIDTHS, WIDTHS, write_statements
from hubdesk.services.money import StatementBook

START, END = date(2026, 11, 1), date(2026, 11, 30)


def floor_pdf(book: StatementBook, path: Path) -> None:
    """The same rows drawn by the plainest reportlab: strings in tables, a page per family."""
    register_fonts()
    title = styles().title
    story: list[object] = []
    for st in book.statements:
        story.append(Paragraph(st.family.name, title))
        rows = [["Date", "Child", "What", "Attended", "Price", "Charged", "Why"]]
        rows += [[f"{ln.day:%d/%m/%Y}", ln.child, ln.text, ln.attended, money(ln.full_pence),
                  money(ln.pence), ln.why] for ln in st.lines]
        pays = [["Date", "Child", "How", "Amount", "Reference"]]
        pays += [[f"{p.received_on:%d/%m/%Y}", p.child, p.route, money(p.pence), p.reference]
                 for p in st.payments]
        for grid, widths in ((rows, WIDTHS), (pays, PAY_WIDTHS)):
            table = Table(grid, colWidths=widths, repeatRows=1)
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                                       ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                                       ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
            story.append(table)
        story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4).build(story)  # type: ignore[arg-type]


def main(scale: int = 1) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        app = bench_open(settings_for(out / f"demo-{scale}.db"), clock=benchmark_clock(), create=True)
        try:
            DemoService(app.factory, "benchmark", app.clock).build(scale=scale, seed=1, today=TODAY)
            scenarios(app, scale, out)
        finally:
            app.close()


def scenarios(app: HubApp, scale: int, out: Path) -> None:
    family = app.money.accounts.balances()[len(app.money.accounts.balances()) // 2].key
    report("A family's account (charges, payments, allocation)",
           timed(lambda: app.money.accounts.account(family)), 100)
    report(f"Arrears list, scale {scale}", timed(lambda: app.money.accounts.arrears(), 3), 200)
    report(f"Family balances (Money page list), scale {scale}",
           timed(lambda: app.money.accounts.balances(), 3), 1000)
    if scale != 1:
        return
    book = app.money.accounts.statements(START, END)
    ours = timed(lambda: write_statements(book, out / "ours.pdf"), 1)
    floor = timed(lambda: floor_pdf(book, out / "floor.pdf"), 1)
    report(f"Statements PDF, {len(book.statements)} families (floor {floor:.0f} ms, "
           f"{ours / floor:.2f}×)", ours, 1.5 * floor)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hubdesk", "print", "statements", "--month", "2026-11",
                    "--database", app.settings.database, "-o", str(out / "cli.pdf")],
                   check=True, capture_output=True, env={**os.environ})
    report("hubdesk print statements --month (whole process)",
           (time.perf_counter() - started) * 1000, 3000)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
