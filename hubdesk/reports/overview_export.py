"""``hubdesk export take-up``: the Overview as an .xlsx workbook, one sheet per view.

Numbers are numbers (money in pounds), not pictures; counts of fewer than five children are the
text "<5" (see ``overview_rows``); every text cell goes through ``safe_cell`` so a name starting
with = + - @ never becomes a formula.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from hubdesk.core.table_files import safe_cell
from hubdesk.reports.overview_rows import every_view
from hubdesk.services.overview import OfferRow, Overview

SHEETS = {
    "Places offered, booked and attended": "Places",
    "Take-up by group against the roll": "Take-up",
    "Children who attended nothing": "Attended nothing",
    "Learners by their children's school": "Learners by school",
    "Minibus: seats used per run": "Minibus runs",
    "Minibus: children carried per site": "Minibus children",
    "The core offer": "Core offer",
    "Referrals (swift and easy access)": "Referrals",
}


def sheet_title(title: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the book."""
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def write_workbook(o: Overview, offer: list[OfferRow], path: Path) -> None:
    book = Workbook(write_only=True)
    used: set[str] = set()
    about = book.create_sheet(sheet_title("About", used))
    about.append(["Overview", safe_cell(o.site)])
    about.append(["Period", safe_cell(o.period.label)])
    about.append(["From", o.period.start])
    about.append(["To", o.period.end])
    about.append(["Note", "Groups of fewer than 5 children are shown as <5."])
    for view in every_view(o, offer, pounds=True):
        sheet = book.create_sheet(sheet_title(SHEETS.get(view.title, view.title), used))
        sheet.append(list(view.headings))
        for row in view.rows:
            sheet.append([safe_cell(v) if isinstance(v, str) else v for v in row])
        if view.note:
            sheet.append([])
            sheet.append([safe_cell(view.note)])
    book.save(str(path))
