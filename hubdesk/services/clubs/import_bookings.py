"""Booking from a spreadsheet (e.g. the export of a parents' online booking form).

Columns: child (UPN, or name and date of birth), club (name, with site when names repeat),
weekdays ("Mon Wed", "Monday, Wednesday"), from date, to date (empty: a one-off on the from date).
Every row goes through the same checks as the booking dialog. The preview is the real import
run inside a transaction that is rolled back, so it shows exactly what applying would do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.dates import parse_day
from hubdesk.core.errors import DomainError
from hubdesk.core.models import Child, Club, Site
from hubdesk.core.rules.booking_checks import FULL
from hubdesk.core.rules.recurrence import parse_weekdays
from hubdesk.core.table_files import read_table
from hubdesk.core.vocabulary import fold
from hubdesk.core.words import count
from hubdesk.services.base import Service
from hubdesk.services.clubs.booking_plan import BookingRequest, Planner, summary, write_plan
from hubdesk.services.clubs.queries import child_name
from hubdesk.services.sites import load_travel

HEADERS = {
    "upn": ("upn", "pupil upn", "unique pupil number"),
    "child": ("child", "child name", "name", "pupil", "pupil name"),
    "forename": ("forename", "first name", "legal forename", "child forename"),
    "surname": ("surname", "last name", "legal surname", "child surname"),
    "dob": ("date of birth", "dob", "birth date", "child date of birth"),
    "club": ("club", "club name", "activity"),
    "site": ("site", "school", "venue", "club site"),
    "weekdays": ("weekdays", "days", "day", "days wanted"),
    "from": ("from", "from date", "start", "start date", "date"),
    "to": ("to", "to date", "end", "end date", "until"),
}


@dataclass(frozen=True)
class ImportRow:
    row: int
    child: str
    club: str
    outcome: str  # "booked", "waiting list", "refused"
    detail: str  # dates booked, or why refused
    sessions: int = 0


@dataclass(frozen=True)
class BookingImport:
    file: str
    rows: tuple[ImportRow, ...]
    applied: bool
    ignored_columns: tuple[str, ...] = ()

    @property
    def refused(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if r.outcome == "refused")

    @property
    def sessions(self) -> int:
        return sum(r.sessions for r in self.rows)


class _Rollback(Exception):
    """Leaves the import transaction without keeping anything."""


def _columns(headers: list[str]) -> tuple[dict[str, int], tuple[str, ...]]:
    found: dict[str, int] = {}
    ignored = []
    for i, header in enumerate(headers):
        key = next((k for k, names in HEADERS.items() if fold(header) in names), None)
        if key is None or key in found:
            ignored.append(header)
        else:
            found[key] = i
    return found, tuple(h for h in ignored if h.strip())


class BookingImportService(Service):

    def preview(self, path: str | Path, waiting_list: bool = False) -> BookingImport:
        """What importing would do, row by row; nothing is kept."""
        return self._run(Path(path), waiting_list, skip_rejected=True, keep=False)

    def apply(self, path: str | Path, skip_rejected: bool = False,
              waiting_list: bool = False) -> BookingImport:
        """Import: all rows or none, unless ``skip_rejected`` keeps the good rows."""
        return self._run(Path(path), waiting_list, skip_rejected, keep=True)

    def _run(self, path: Path, waiting_list: bool, skip_rejected: bool,
             keep: bool) -> BookingImport:
        table = read_table(path)
        columns, ignored = _columns(table.headers)
        if "club" not in columns or "from" not in columns:
            raise DomainError(f"{path.name} needs at least the columns club and from date "
                              "(and child, or UPN, or forename, surname and date of birth).")
        if not ({"upn", "child"} & set(columns) or {"forename", "surname"} <= set(columns)):
            raise DomainError(f"{path.name} has no column naming the child (UPN, child, or "
                              "forename and surname).")
        results: list[ImportRow] = []
        try:
            with self._write() as s:
                finder = _Finder(s)
                planner = Planner(s, load_travel(s))
                for number, cells in table.rows:
                    def cell(key: str, cells: list[str] = cells) -> str:
                        i = columns.get(key)
                        return cells[i].strip() if i is not None and i < len(cells) else ""
                    results.append(self._row(s, finder, planner, number, cell, waiting_list))
                refused = any(r.outcome == "refused" for r in results)
                if not keep or (refused and not skip_rejected):
                    raise _Rollback
        except _Rollback:
            return BookingImport(path.name, tuple(results), False, ignored)
        return BookingImport(path.name, tuple(results), True, ignored)

    def _row(self, s: Session, finder: _Finder, planner: Planner, number: int,
             cell: Callable[[str], str], waiting_list: bool) -> ImportRow:
        who = cell("upn") or cell("child") or f"{cell('forename')} {cell('surname')}".strip()
        club_text = cell("club")
        try:
            child = finder.child(cell)
            who = child_name(child)
            club = finder.club(club_text, cell("site"))
            start = _date(cell("from"), "from date")
            end = _date(cell("to"), "to date") if cell("to") else None
            today = self._clock.today()
            if start < today:
                raise DomainError(
                    f"the from date {start:%d/%m/%Y} is in the past; an import books from today "
                    f"({today:%d/%m/%Y}) on. Book past sessions one by one on the Clubs page.")
            weekdays = _weekdays(cell("weekdays")) if end is not None else ()
            request = BookingRequest(child.id, club.id, start, end, weekdays)
            preview = planner.plan(request)
            only_full = preview.refused and all(line.problem_code == FULL
                                                for line in preview.refused)
            if preview.problems or (preview.refused and not (waiting_list and only_full)):
                return ImportRow(number, who, club_text, "refused", summary(preview))
            with s.begin_nested():
                result = write_plan(s, request, preview, self._clock.now(), False, waiting_list)
        except (DomainError, ValueError) as exc:
            return ImportRow(number, who, club_text, "refused", str(exc))
        booked = count(len(result.booked), "session")
        if result.skipped:
            booked += f", {count(len(result.skipped), 'day')} skipped"
        if result.waiting_list:
            return ImportRow(number, who, club.name, "waiting list",
                             f"{booked}; waiting for {count(len(result.waiting_list), 'full session')}",
                             len(result.booked))
        return ImportRow(number, who, club.name, "booked", booked, len(result.booked))


def _date(text: str, what: str) -> date:
    """A cell's date, or the row's reason naming the column (two-digit years are refused)."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise DomainError(f"The {what} {exc}.") from None


def _weekdays(text: str) -> tuple[int, ...]:
    return parse_weekdays(text) if text.strip() else ()


_UPN = re.compile(r"[A-Z][0-9]{11}[0-9A-Z]")


class _Finder:
    """Children and clubs by the names an online form writes."""

    def __init__(self, s: Session) -> None:
        self.s = s
        self.sites = {sid: name for sid, name in s.execute(select(Site.id, Site.name))}
        self.clubs: dict[str, list[Club]] = {}
        for club in s.scalars(select(Club).where(Club.active.is_(True))):
            self.clubs.setdefault(fold(club.name), []).append(club)

    def child(self, cell: Callable[[str], str]) -> Child:
        upn = cell("upn").upper()
        if not upn and _UPN.fullmatch(cell("child").upper()):
            upn = cell("child").upper()  # the child column may hold the UPN
        if upn:
            found = self.s.scalar(select(Child).where(Child.upn == upn))
            if found is None:
                raise DomainError(f"No child has the UPN {upn}.")
            return found
        name = cell("child") or f"{cell('forename')} {cell('surname')}"
        if not cell("dob"):
            raise DomainError("Give the child's UPN, or name and date of birth.")
        born = _date(cell("dob"), "date of birth")
        words = fold(name).split()
        stmt = select(Child).where(Child.date_of_birth == born)
        for word in words:
            stmt = stmt.where(Child.search_key.contains(word, autoescape=True))
        matches = self.s.scalars(stmt).all()
        if not matches:
            raise DomainError(f"No child called {name.strip()} born {born:%d/%m/%Y}.")
        if len(matches) > 1:
            raise DomainError(f"{len(matches)} children are called {name.strip()} born "
                              f"{born:%d/%m/%Y}; give the UPN.")
        return matches[0]

    def club(self, name: str, site: str) -> Club:
        found = self.clubs.get(fold(name), [])
        if site:
            found = [c for c in found if fold(site) in fold(self.sites.get(c.site_id, ""))]
        if not found:
            where = f" at {site}" if site else ""
            raise DomainError(f"There is no club called '{name}'{where}.")
        if len(found) > 1:
            raise DomainError(f"Several sites run a club called '{name}'; fill in the site.")
        return found[0]
