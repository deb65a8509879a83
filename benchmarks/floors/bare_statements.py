"""Floor for the month's statements: bare reportlab, a page break per family, two tables of plain
strings each (the charges and the payments), both DejaVu fonts embedded, A4 portrait.

    python benchmarks/floors/bare_statements.py OUT.pdf FAMILIES CHARGE_ROWS [PAYMENT_ROWS]

``benchmarks/startup.py`` passes the scale-1 demo's November: as many families, charge rows and
payment rows as hubdesk prints, which makes about as many pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
WIDTHS = [18 * mm, 28 * mm, 40 * mm, 26 * mm, 16 * mm, 16 * mm, 42 * mm]
PAY_WIDTHS = [18 * mm, 31 * mm, 68 * mm, 16 * mm, 53 * mm]


def main(out: str, families: int, charges: int, payments: int = 0) -> int:
    pdfmetrics.registerFont(TTFont("Body", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    title = ParagraphStyle("title", fontName="Bold", fontSize=16, leading=20)
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), "Body"), ("FONTNAME", (0, 0), (-1, 0), "Bold"),
                        ("FONTSIZE", (0, 0), (-1, -1), 7.5), ("LEADING", (0, 0), (-1, -1), 9),
                        ("GRID", (0, 0), (-1, -1), 0.5, "black")])
    story: list[object] = []
    for f in range(families):
        story.append(Paragraph(f"Statement: Wiśniewska-Łukasz {f} family", title))
        many = charges * (f + 1) // families - charges * f // families
        rows = [["Date", "Child", "What", "Attended", "Price", "Charged", "Why"]]
        rows += [["02/11/2026", "Łucja Wiśniewska", "Breakfast Club", "Yes", "£3.00", "£0.00",
                  "free school meals free place"] for _ in range(many)]
        paid = payments * (f + 1) // families - payments * f // families
        pays = [["Date", "Child", "How", "Amount", "Reference"]]
        pays += [["05/11/2026", "Łucja Wiśniewska", "Tax-Free Childcare", "£45.00", "TFC123456"]
                 for _ in range(paid)]
        for grid, widths in ((rows, WIDTHS), (pays, PAY_WIDTHS)):
            table = Table(grid, colWidths=widths, repeatRows=1)
            table.setStyle(style)
            story.append(table)
        story.append(PageBreak())
    SimpleDocTemplate(out, pagesize=A4).build(story)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *(int(a) for a in sys.argv[2:5])))
