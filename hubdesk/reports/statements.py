"""Family statements: one PDF, a family per section (brothers and sisters together), what was
booked, free or discounted and why, what was paid, and the balance; with the hub's Ofsted
registration number(s) and Tax-Free Childcare details, which Universal Credit claims ask for."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from hubdesk.core.money import money
from hubdesk.reports.pdf import FONT, FONT_BOLD, build, para, styles, table, text
from hubdesk.services.money import KIND_LABELS, ROUTE_LABELS, AccountLine, Statement, StatementBook

WIDTHS = [18 * mm, 31 * mm, 46 * mm, 22 * mm, 16 * mm, 16 * mm, 37 * mm]
PAY_WIDTHS = [18 * mm, 31 * mm, 68 * mm, 16 * mm, 53 * mm]
SIZE = 7.5


def cell(value: str, width: float, style: ParagraphStyle) -> object:
    """Plain text when it fits the column (quick to lay out), else a wrapping paragraph."""
    if stringWidth(value, FONT, SIZE) <= width - 7:
        return value
    return para(value, style)


def _rows_table(rows: list[list[object]], widths: list[float]) -> Flowable:
    money_cols = (4, 5) if len(widths) == len(WIDTHS) else (3, 3)
    result = table(rows, widths, extra=[("ALIGN", (money_cols[0], 1), (money_cols[1], -1), "RIGHT"),
                                        ("FONTSIZE", (0, 0), (-1, -1), SIZE),
                                        ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD)])
    result.splitInRow = 0  # a row is never split across pages
    result.hAlign = "LEFT"
    return result


def _section(book: StatementBook, st_: Statement) -> list[Flowable]:
    st = styles()
    small = styles(7.5)
    fam = st_.family
    period = f"{st_.start:%d/%m/%Y} to {st_.end:%d/%m/%Y}"
    kids = "; ".join(f"{text(c.name)} ({text(c.school)}"
                     + (f", TFC reference {text(c.tfc_reference)}" if c.tfc_reference else "") + ")"
                     for c in fam.children)
    story: list[Flowable] = [
        para(f"Statement: {fam.name} family", st.title),
        Paragraph(f"<b>{text(fam.payer or 'Parent or carer')}</b><br/>{text(fam.address)}", st.body),
        Spacer(0, 2 * mm),
        Paragraph(f"Children: {kids}", st.body),
        Paragraph(f"Period: <b>{period}</b>. Balance brought forward: <b>{money(st_.opening)}</b>",
                  st.body),
        Spacer(0, 3 * mm),
        para("Charges", st.heading),
    ]
    if st_.lines:
        rows: list[list[object]] = [["Date", "Child", "What", "Attended", "Price", "Charged",
                                     "Free or discounted because"]]
        for ln in st_.lines:
            what = ln.text if ln.kind == "session" else f"{KIND_LABELS[ln.kind]}: {ln.text}"
            rows.append([f"{ln.day:%d/%m/%Y}", cell(ln.child, WIDTHS[1], small.cell),
                         cell(what, WIDTHS[2], small.cell), cell(_attended(ln), WIDTHS[3],
                                                                 small.cell),
                         money(ln.full_pence), money(ln.pence), cell(ln.why, WIDTHS[6], small.cell)])
        story.append(_rows_table(rows, WIDTHS))
    else:
        story.append(para("No charges in this period.", st.body))
    story += [Spacer(0, 3 * mm), para("Payments", st.heading)]
    if st_.payments:
        rows = [["Date", "Child", "How", "Amount", "Reference"]]
        for p in st_.payments:
            how = ROUTE_LABELS.get(p.route, p.route) + (f" ({p.provider})" if p.provider else "")
            if p.reversed:
                how += f" — reversed: {p.reversed_reason}"
            rows.append([f"{p.received_on:%d/%m/%Y}", cell(p.child, PAY_WIDTHS[1], small.cell),
                         cell(how, PAY_WIDTHS[2], small.cell), money(p.pence),
                         cell(p.reference, PAY_WIDTHS[4], small.cell)])
        story.append(_rows_table(rows, PAY_WIDTHS))
    else:
        story.append(para("No payments in this period.", st.body))
    owed = st_.closing
    close = (f"Balance to pay: <b>{money(owed)}</b>" if owed > 0 else
             f"Credit carried forward: <b>{money(-owed)}</b>" if owed < 0 else
             "Nothing to pay: <b>£0.00</b>")
    story += [Spacer(0, 3 * mm), KeepTogether([Paragraph(close, st.body), Spacer(0, 2 * mm),
                                               para(_footer_text(book, st_), st.small)])]
    return story


def _attended(line: AccountLine) -> str:
    """The register's word for a session line (blank for other lines and registers not taken)."""
    if line.kind != "session":
        return ""
    return {"yes": "Yes", "": "—"}.get(line.attended, line.attended.capitalize())


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
    for index, statement in enumerate(book.statements):
        if index:
            story.append(PageBreak())
        story += _section(book, statement)
    if not story:
        story.append(para("No family has charges or payments in this period.", styles().body))
    build(path, story, title="Family statements", footer=f"{book.hub} · family statements",
          running_header="Family statements")
