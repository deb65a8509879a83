"""Finance exports for the school's finance system: the charges and payments of a period and each
family's balances, as CSV (UTF-8 with a BOM, so Excel reads £ and accents) or .xlsx.

Text cells go through ``safe_cell``: a name or reference starting with = + - @ never becomes a
formula. Amounts are numbers in pounds (charges positive, payments and refunds negative).
"""

from __future__ import annotations

import csv
from pathlib import Path

from hubdesk.core.table_files import safe_cell
from hubdesk.services.money import FinanceExport

LEDGER_HEADINGS = ["Type", "Date", "Family", "Family number", "Child", "Description", "Route",
                   "Reference", "Amount (£)"]
BALANCE_HEADINGS = ["Family", "Family number", "Opening balance (£)", "Charged (£)", "Paid (£)",
                    "Closing balance (£)"]


def pounds(pence: int) -> str:
    """12.50, -3.05: a plain number a finance system reads (no £, no thousands separator)."""
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


def _ledger(export: FinanceExport) -> list[list[object]]:
    return [[r.kind, r.day, safe_cell(r.family), r.family_key, safe_cell(r.child),
             safe_cell(r.description), safe_cell(r.route), safe_cell(r.reference), r.pence]
            for r in export.ledger]


def _balances(export: FinanceExport) -> list[list[object]]:
    return [[safe_cell(b.family), b.family_key, b.opening, b.charged, b.paid, b.closing]
            for b in export.balances]


def write_csv(export: FinanceExport, path: Path) -> Path:
    """The ledger in ``path`` and the balances beside it (``NAME-balances.csv``); returns that."""
    balances = path.with_name(f"{path.stem}-balances.csv")
    for target, headings, rows, money_columns in (
            (path, LEDGER_HEADINGS, _ledger(export), {8}),
            (balances, BALANCE_HEADINGS, _balances(export), {2, 3, 4, 5})):
        with target.open("w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f)
            out.writerow(headings)
            for row in rows:
                out.writerow([pounds(v) if i in money_columns and isinstance(v, int)
                              else f"{v:%d/%m/%Y}" if hasattr(v, "strftime") else v
                              for i, v in enumerate(row)])
    return balances


def write_xlsx(export: FinanceExport, path: Path) -> None:
    """One workbook: a Ledger sheet and a Balances sheet, amounts as numbers in pounds."""
    from openpyxl import Workbook  # a sixth of a second to load, paid by the export, not the Money page

    book = Workbook(write_only=True)
    for title, headings, rows, money_columns in (
            ("Ledger", LEDGER_HEADINGS, _ledger(export), {8}),
            ("Balances", BALANCE_HEADINGS, _balances(export), {2, 3, 4, 5})):
        sheet = book.create_sheet(title)
        sheet.append(headings)
        for row in rows:
            sheet.append([v / 100 if i in money_columns and isinstance(v, int) else v
                          for i, v in enumerate(row)])
    book.save(str(path))
