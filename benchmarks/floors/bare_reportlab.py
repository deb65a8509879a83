"""Floor for printing: bare reportlab writing tables of 25 rows (two pages each) with embedded TTFs.

    python benchmarks/floors/bare_reportlab.py OUT.pdf [TABLES] [ROWS]

40 tables of 25 rows make 80 landscape pages. ``benchmarks/startup.py`` passes the number of tables
that makes the same number of pages as the printout it stands beside (registers 30 → 60 pages,
rota 5 → 10, the minibus week 1 table of 12 rows → 1 page), and both DejaVu fonts are embedded,
as in every hubdesk printout.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def main(out: str, tables: int = 40, rows_each: int = 25) -> int:
    pdfmetrics.registerFont(TTFont("Body", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontName="Body", fontSize=9, leading=11)
    heading = styles["Heading2"].clone("heading", fontName="Bold")
    story: list[object] = []
    for t in range(tables):
        story.append(Paragraph(f"Register {t + 1}", heading))
        rows: list[list[object]] = [["Child", "Class", "In", "Out", "Collected by", "Phone"]]
        rows += [[Paragraph(f"Łucja Wiśniewska {r}", cell), "4H", "", "",
                  Paragraph("Anna Wiśniewska (mother), Piotr Wiśniewski", cell), "07700 900833"]
                 for r in range(rows_each)]
        table = Table(rows, repeatRows=1, colWidths=[200, 50, 60, 60, 200, 110])
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Body", 10),
                                   ("FONT", (0, 0), (-1, 0), "Bold", 10),
                                   ("GRID", (0, 0), (-1, -1), 0.5, "grey"),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        story += [table, PageBreak()]
    SimpleDocTemplate(out, pagesize=landscape(A4)).build(story)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[2:4]]
    sys.exit(main(sys.argv[1], *numbers))
