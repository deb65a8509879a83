"""Family statements: one PDF, a family per section (brothers and sisters together), what was
booked, free or discounted and why, what was paid, and the balance; with the hub's Ofsted
registration number(s) and Tax-Free Childcare details, which Universal Credit claims ask for."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak

from hubdesk.core.money import money
from hubdesk.reports.grid import Grid, GridStyle, Lines, plain, wrap
from hubdesk.reports.pdf import FONT, FONT_BOLD, HeaderMark, build, register_fonts
from hubdesk.services.money import KIND_LABELS, ROUTE_LABELS, Statement, StatementBook, attended_word

WIDTHS = [18 * mm, 28 * mm, 40 * mm, 26 * mm, 16 * mm, 16 * mm, 42 * mm]
PAY_WIDTHS = [18 * mm, 31 * mm, 68 * mm, 16 * mm, 53 * mm]
SIZE = 7.5
# Made once for the whole run: a month's statements print thousands of these grids.
CHARGES = GridStyle(tuple(WIDTHS), SIZE, SIZE * 1.2, 2.5, 3.5, right=frozenset({4, 5}))
PAYMENTS = GridStyle(tuple(PAY_WIDTHS), SIZE, SIZE * 1.2, 2.5, 3.5, right=frozenset({3}))
CHARGE_HEADER = ["Date", "Child", "What", "Attended", "Price", "Charged", "Free or discounted: why"]
PAY_HEADER = ["Date", "Child", "How", "Amount", "Reference"]


def _heading(value: str) -> list[Flowable]:
    """A heading that is never alone at the foot of a page: it moves on with the first rows.

    (A page-break condition, not KeepTogether, which copies the page frame each time it measures:
    a third of the run's time with two headings a family.)"""
    return [CondPageBreak(48), plain(value, FONT_BOLD, 12, before=3 * mm + 4, after=4)]


def _address(st_: Statement) -> Lines:
    fam = st_.family
    kids = "; ".join(f"{c.name} ({c.school}"
                     + (f", TFC reference {c.tfc_reference}" if c.tfc_reference else "") + ")"
                     for c in fam.children)
    lines: list[list[tuple[str, str]]] = [[(fam.payer or "Parent or carer", FONT_BOLD)]]
    lines += [[(line, FONT)] for line in (fam.address or "").split("\n")]
    lines += [[("", FONT)], [(f"Children: {kids}", FONT)],
              [("Period: ", FONT), (f"{st_.start:%d/%m/%Y} to {st_.end:%d/%m/%Y}", FONT_BOLD),
               (". Balance brought forward: ", FONT), (money(st_.opening), FONT_BOLD)]]
    return Lines(lines, 10, 12.5)


def _charges(st_: Statement) -> Flowable:
    if not st_.lines:
        return plain("No charges in this period.")
    w = WIDTHS
    rows = []
    for ln in st_.lines:
        what = ln.text if ln.kind == "session" else f"{KIND_LABELS[ln.kind]}: {ln.text}"
        rows.append([f"{ln.day:%d/%m/%Y}", wrap(ln.child, w[1], CHARGES),
                     wrap(what, w[2], CHARGES), wrap(attended_word(ln), w[3], CHARGES),
                     money(ln.full_pence), money(ln.pence), wrap(ln.why, w[6], CHARGES)])
    return Grid(CHARGE_HEADER, rows, CHARGES)


def _payments(st_: Statement) -> Flowable:
    if not st_.payments:
        return plain("No payments in this period.")
    w = PAY_WIDTHS
    rows = []
    for p in st_.payments:
        how = ROUTE_LABELS.get(p.route, p.route) + (f" ({p.provider})" if p.provider else "")
        if p.reversed:
            how += f" — reversed: {p.reversed_reason}"
        rows.append([f"{p.received_on:%d/%m/%Y}", wrap(p.child, w[1], PAYMENTS),
                     wrap(how, w[2], PAYMENTS), money(p.pence), wrap(p.reference, w[4], PAYMENTS)])
    return Grid(PAY_HEADER, rows, PAYMENTS)


def _section(book: StatementBook, st_: Statement) -> list[Flowable]:
    owed = st_.closing
    close = (f"Balance to pay: {money(owed)}" if owed > 0 else
             f"Credit carried forward: {money(-owed)}" if owed < 0 else "Nothing to pay: £0.00")
    # Every page names its family: a balance or payments that run onto a second sheet still say whose.
    mark = HeaderMark(f"Family statements · {st_.family.name} family · "
                      f"{st_.start:%d/%m/%Y} to {st_.end:%d/%m/%Y}")
    return [mark, plain(f"Statement: {st_.family.name} family", FONT_BOLD, 16, after=6),
            _address(st_),
            *_heading("Charges"), _charges(st_), *_heading("Payments"), _payments(st_),
            CondPageBreak(72),  # the balance and the small print together
            plain(close, FONT_BOLD, 10, before=3 * mm, after=2 * mm),
            Lines([[(_footer_text(book, st_), FONT)]], 8, 10)]


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
    register_fonts()
    story: list[Flowable] = []
    for index, statement in enumerate(book.statements):
        if index:
            story.append(PageBreak())
        story += _section(book, statement)
    if not story:
        story.append(plain("No family has charges or payments in this period."))
    build(path, story, title="Family statements", footer=f"{book.hub} · family statements",
          running_header="Family statements")
