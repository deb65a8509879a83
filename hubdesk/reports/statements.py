"""Family statements: one PDF, a family per section (brothers and sisters together), what was
booked, free or discounted and why, what was paid, and the balance; with the hub's Ofsted
registration number(s) and Tax-Free Childcare details, which Universal Credit claims ask for."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph

from hubdesk.core.money import money
from hubdesk.reports.pdf import FONT, FONT_BOLD, Styles, build, para, styles, table, text
from hubdesk.services.money import KIND_LABELS, ROUTE_LABELS, Statement, StatementBook, attended_word

WIDTHS = [18 * mm, 28 * mm, 40 * mm, 26 * mm, 16 * mm, 16 * mm, 42 * mm]
PAY_WIDTHS = [18 * mm, 31 * mm, 68 * mm, 16 * mm, 53 * mm]
SIZE = 7.5


def cell(value: str, width: float) -> str:
    """Plain text, wrapped to the column by line breaks: a statement run prints thousands of
    cells, and a plain string lays out several times faster than a paragraph."""
    if stringWidth(value, FONT, SIZE) <= width - 7:
        return value
    return "\n".join(simpleSplit(value, FONT, SIZE, width - 7))


def _rows_table(rows: list[list[object]], widths: list[float]) -> Flowable:
    first, last = (4, 5) if len(widths) == len(WIDTHS) else (3, 3)  # the money columns
    result = table(rows, widths, zebra=False, extra=[("ALIGN", (first, 1), (last, -1), "RIGHT"),
                                        ("FONTSIZE", (0, 0), (-1, -1), SIZE),
                                        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD)])
    result.splitInRow = 0  # a row is never split across pages
    result.hAlign = "LEFT"
    return result


class TextLines(Flowable):
    """Plain text in one font, wrapped to the frame: a statement run has thousands of headings
    and one-line notes, and drawing strings is far quicker than laying out paragraphs."""

    def __init__(self, value: str, font: str = FONT, size: float = 10, before: float = 0,
                 after: float = 0) -> None:
        super().__init__()
        self.value, self.font, self.size = value, font, size
        self.before, self.after = before, after
        self.lines: list[str] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.lines = simpleSplit(self.value, self.font, self.size, availWidth) or [""]
        return availWidth, len(self.lines) * self.size * 1.25 + self.before + self.after

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        top = len(self.lines) * self.size * 1.25 + self.after
        for n, line in enumerate(self.lines):
            self.canv.drawString(0, top - (n + 1) * self.size * 1.25 + self.size * 0.3, line)


def _section(book: StatementBook, st_: Statement, st: Styles) -> list[Flowable]:
    fam = st_.family
    period = f"{st_.start:%d/%m/%Y} to {st_.end:%d/%m/%Y}"
    kids = "; ".join(f"{text(c.name)} ({text(c.school)}"
                     + (f", TFC reference {text(c.tfc_reference)}" if c.tfc_reference else "") + ")"
                     for c in fam.children)
    story: list[Flowable] = [
        TextLines(f"Statement: {fam.name} family", FONT_BOLD, 16, after=6),
        Paragraph(f"<b>{text(fam.payer or 'Parent or carer')}</b><br/>{text(fam.address)}"
                  f"<br/><br/>Children: {kids}<br/>Period: <b>{period}</b>. Balance brought "
                  f"forward: <b>{money(st_.opening)}</b>", st.body),
        TextLines("Charges", FONT_BOLD, 12, before=3 * mm + 4, after=4),
    ]
    if st_.lines:
        rows: list[list[object]] = [["Date", "Child", "What", "Attended", "Price", "Charged",
                                     "Free or discounted: why"]]
        for ln in st_.lines:
            what = ln.text if ln.kind == "session" else f"{KIND_LABELS[ln.kind]}: {ln.text}"
            rows.append([f"{ln.day:%d/%m/%Y}", cell(ln.child, WIDTHS[1]),
                         cell(what, WIDTHS[2]), cell(attended_word(ln), WIDTHS[3]),
                         money(ln.full_pence), money(ln.pence), cell(ln.why, WIDTHS[6])])
        story.append(_rows_table(rows, WIDTHS))
    else:
        story.append(TextLines("No charges in this period."))
    story.append(TextLines("Payments", FONT_BOLD, 12, before=3 * mm + 4, after=4))
    if st_.payments:
        rows = [["Date", "Child", "How", "Amount", "Reference"]]
        for p in st_.payments:
            how = ROUTE_LABELS.get(p.route, p.route) + (f" ({p.provider})" if p.provider else "")
            if p.reversed:
                how += f" — reversed: {p.reversed_reason}"
            rows.append([f"{p.received_on:%d/%m/%Y}", cell(p.child, PAY_WIDTHS[1]),
                         cell(how, PAY_WIDTHS[2]), money(p.pence),
                         cell(p.reference, PAY_WIDTHS[4])])
        story.append(_rows_table(rows, PAY_WIDTHS))
    else:
        story.append(TextLines("No payments in this period."))
    owed = st_.closing
    close = (f"Balance to pay: {money(owed)}" if owed > 0 else
             f"Credit carried forward: {money(-owed)}" if owed < 0 else "Nothing to pay: £0.00")
    story.append(KeepTogether([TextLines(close, FONT_BOLD, 10, before=3 * mm, after=2 * mm),
                               para(_footer_text(book, st_), st.small)]))
    return story


def _footer_text(book: StatementBook, statement: Statement) -> str:
    parts = [f"Provider: {book.hub}."]
    if statement.ofsted:
        parts.append(f"Ofsted registration: {statement.ofsted}.")
    if book.tfc_provider_reference:
        parts.append(f"Pay by Tax-Free Childcare to provider reference {book.tfc_provider_reference}"
                     " with your child's reference.")
    parts.append("Keep this statement as proof of childcare costs (Universal Credit, employer "
                 "schemes).")
    return " ".join(parts)


def write_statements(book: StatementBook, path: Path | str) -> None:
    """Write every statement of ``book`` into one PDF, each family starting on a new page."""
    story: list[Flowable] = []
    st = styles()
    for index, statement in enumerate(book.statements):
        if index:
            story.append(PageBreak())
        story += _section(book, statement, st)
    if not story:
        story.append(para("No family has charges or payments in this period.", styles().body))
    build(path, story, title="Family statements", footer=f"{book.hub} · family statements",
          running_header="Family statements")
