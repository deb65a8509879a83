"""Payments imported from a bank or Tax-Free Childcare statement (CSV or .xlsx), with a preview.

Each line's reference is matched to a child's Tax-Free Childcare reference. The import is all or
nothing and idempotent: every line has a key (route, date, amount, reference and how many equal
lines came before it in the file), so importing the same statement twice adds nothing. A TFC line
matching no child is kept as an unmatched TFC payment; a bank line matching no child is left out
and listed, to record by hand.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.dates import parse_day
from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.models import Child, Payment
from hubdesk.core.money import parse_money
from hubdesk.core.table_files import read_table
from hubdesk.core.vocabulary import fold
from hubdesk.services.base import Service

IMPORT_ROUTES = ("tfc", "bank")
DATE_HEADS = ("date", "payment date", "transaction date", "date received")
AMOUNT_HEADS = ("amount", "paid in", "credit", "value", "payment amount")
REFERENCE_HEADS = ("reference", "payment reference", "child reference", "tfc reference",
                   "childcare account reference", "description")


@dataclass(frozen=True)
class ImportLine:
    row: int
    day: date | None
    pence: int
    reference: str
    status: str  # matched, unmatched, duplicate, error
    child: str
    problem: str
    key: str
    child_id: int | None


@dataclass(frozen=True)
class PaymentImportPreview:
    route: str
    lines: tuple[ImportLine, ...]

    def count(self, status: str) -> int:
        return sum(line.status == status for line in self.lines)


def _column(headers: list[str], names: tuple[str, ...], what: str) -> int:
    folded = [fold(h).strip() for h in headers]
    for name in names:
        if name in folded:
            return folded.index(name)
    raise DomainError(f"The file has no {what} column (looked for: {', '.join(names)}). "
                      "Rename the column heading and try again.")


def _children_by_tfc(s: Session) -> dict[str, tuple[int, str]]:
    rows = s.execute(select(Child.id, Child.forename, Child.surname, Child.tfc_reference)
                     .where(func.length(Child.tfc_reference) > 0)).all()
    return {ref.replace(" ", "").upper(): (cid, f"{fore} {sur}") for cid, fore, sur, ref in rows}


class PaymentImportService(Service):
    """Preview, then import, the payments of a statement file."""

    def preview(self, path: Path | str, route: str) -> PaymentImportPreview:
        if route not in IMPORT_ROUTES:
            raise ValidationError("Import payments from a 'tfc' or a 'bank' statement.", "route")
        table = read_table(path)
        c_date = _column(table.headers, DATE_HEADS, "date")
        c_amount = _column(table.headers, AMOUNT_HEADS, "amount")
        c_ref = _column(table.headers, REFERENCE_HEADS, "reference")
        with self._read() as s:
            children = _children_by_tfc(s)
            known = set(s.scalars(select(Payment.import_key).where(Payment.import_key.is_not(None))))
        seen: Counter[tuple[str, str, str]] = Counter()
        lines = []
        for number, cells in table.rows:
            lines.append(self._line(route, number, cells[c_date], cells[c_amount],
                                    cells[c_ref].strip()[:60], children, known, seen))
        return PaymentImportPreview(route, tuple(lines))

    def _line(self, route: str, number: int, day_text: str, amount_text: str, reference: str,
              children: dict[str, tuple[int, str]], known: set[str | None],
              seen: Counter[tuple[str, str, str]]) -> ImportLine:
        try:
            day = parse_day(day_text)
            pence = parse_money(amount_text)
            if pence <= 0:
                raise ValueError("is money out or nothing; only payments in are imported")
            if day > self._clock.today():
                raise ValueError("is a date in the future")
        except ValueError as exc:
            return ImportLine(number, None, 0, reference, "error", "",
                              f"Row {number}: '{day_text}' / '{amount_text}' {exc}", "", None)
        ident = (f"{day:%Y-%m-%d}", str(pence), reference.replace(" ", "").upper())
        seen[ident] += 1
        key = hashlib.sha256(f"{route}|{'|'.join(ident)}|{seen[ident]}".encode()).hexdigest()[:40]
        found = children.get(ident[2])
        if key in known:
            return ImportLine(number, day, pence, reference, "duplicate", found[1] if found else "",
                              "already imported", key, found[0] if found else None)
        if found is None:
            why = ("no child has this TFC reference: kept as an unmatched TFC payment"
                   if route == "tfc" else "no child has this reference: record it by hand")
            return ImportLine(number, day, pence, reference, "unmatched", "", why, key, None)
        return ImportLine(number, day, pence, reference, "matched", found[1], "", key, found[0])

    def run(self, path: Path | str, route: str) -> PaymentImportPreview:
        """Import every new line, or nothing when a line has an error; returns what was done."""
        preview = self.preview(path, route)
        errors = [line.problem for line in preview.lines if line.status == "error"]
        if errors:
            raise ValidationError("Nothing was imported: " + "; ".join(errors[:5])
                                  + (f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""))
        with self._write() as s:
            for line in preview.lines:
                if line.status == "duplicate" or line.day is None:
                    continue
                if line.status == "unmatched" and route != "tfc":
                    continue
                s.add(Payment(child_id=line.child_id, route=route, pence=line.pence,
                              received_on=line.day, reference=line.reference or "?",
                              provider="", note=f"imported from {Path(path).name}"[:200],
                              import_key=line.key, created_at=self._clock.now(),
                              reversed_reason=""))
        return preview
