"""Importing children and carers from a MIS export: a preview first, then all-or-nothing apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hubdesk.core.audit import record_event
from hubdesk.core.errors import DomainError, ValidationError
from hubdesk.core.mis_contacts import join_contacts, read_contacts
from hubdesk.core.mis_import import (
    FIELD_LABELS,
    ParsedContact,
    ParsedRow,
    ReadOptions,
    RowError,
    Understanding,
    digits,
    map_headers,
    parse_rows,
)
from hubdesk.core.models import Carer, Child, ChildCarer, Site
from hubdesk.core.table_files import read_table
from hubdesk.core.vocabulary import EAL_STATUSES, SEN_LEVELS, fold
from hubdesk.core.words import count
from hubdesk.services.base import Service
from hubdesk.services.people.carers import CarerForm, CarerLink, validate_link
from hubdesk.services.people.children import ChildForm, validate_child
from hubdesk.services.people.import_columns import (
    ColumnUse,
    checked_choices,
    column_uses,
    save_columns,
    saved_columns,
    understood_lines,
    unknown_lines,
)
from hubdesk.services.people.leavers import Leaver, LeaversResult, find_leavers, mark_leavers
from hubdesk.services.progress import NO_PROGRESS, Progress

_LINK_FIELDS = ("parental_responsibility", "can_collect", "must_not_collect", "collection_password",
                "emergency_priority", "lives_with")
_LINK_BOOLS = ("parental_responsibility", "can_collect", "must_not_collect", "lives_with")
_CARER_FIELDS = ("title", "forename", "surname", "phone_mobile", "phone_home", "phone_work", "email",
                 "address", "postcode")


@dataclass(frozen=True)
class PreviewRow:
    row: int
    name: str
    school: str
    changes: tuple[str, ...] = ()  # "surname: Smith → Smyth" for updates


@dataclass(frozen=True)
class ImportOptions:
    """What the office says about the export beside the file itself."""

    school_site_id: int | None = None  # the school the whole file comes from (no School column)
    contacts_path: str = ""  # a separate contacts export, joined by UPN or admission number
    columns: tuple[tuple[str, str], ...] = ()  # (heading, field or "" for not used), kept per school
    full_export: bool = False  # every pupil on roll: those missing are offered as leavers


@dataclass(frozen=True)
class ImportPreview:
    file: str
    added: list[PreviewRow] = field(default_factory=list)
    updated: list[PreviewRow] = field(default_factory=list)
    unchanged: list[PreviewRow] = field(default_factory=list)
    rejected: list[RowError] = field(default_factory=list)
    new_carers: int = 0
    ignored_columns: tuple[str, ...] = ()
    columns: tuple[ColumnUse, ...] = ()
    understood: tuple[str, ...] = ()  # how each column's values were read
    unknown_values: tuple[str, ...] = ()  # values not understood: column, value, rows, accepted
    notes: tuple[str, ...] = ()
    leavers: tuple[Leaver, ...] = ()

    @property
    def total(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged) + len(self.rejected)


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    skipped: int
    new_carers: int


class _Plan:
    """What the file means against the database, worked out inside one session."""

    def __init__(self, s: Session, path: Path, today: date, options: ImportOptions) -> None:
        table = read_table(path)
        sites = s.scalars(select(Site).where(Site.kind == "school")).all()
        self.school_names = {site.id: site.name for site in sites}
        if options.school_site_id is not None and options.school_site_id not in self.school_names:
            raise DomainError("The school chosen for this export is not a school of the cluster; "
                              "choose it again.")
        schools: dict[str, int] = {}
        for site in sites:
            for key in (fold(site.name), fold(site.short_name), site.dfe_number or ""):
                if key:
                    schools[key] = site.id
        self.chosen = {**saved_columns(s, options.school_site_id), **checked_choices(options.columns)}
        read = ReadOptions(options.school_site_id, self.chosen)
        self.seen = Understanding()
        parsed, self.rejected = parse_rows(table, schools, today, read, self.seen)
        column_map = map_headers(table.headers, self.chosen, options.school_site_id is not None)
        self.columns = column_uses(table.headers, column_map, self.chosen)
        self.understood = understood_lines(self.seen, column_map)
        self.notes: list[str] = []
        if options.contacts_path:
            parsed = self._join(parsed, Path(options.contacts_path))
        rows = []
        for row in parsed:  # the dialogs' own checks, so apply never meets what preview passed
            problem = _form_problem(row, today)
            if problem is None:
                rows.append(row)
            else:
                self.rejected.append(problem)
        self.ignored = tuple(column_map.ignored)
        children = s.scalars(select(Child).options(selectinload(Child.carer_links))).all()
        self._by_upn = {c.upn: c for c in children if c.upn}
        self._by_mis = {(c.school_site_id, c.mis_id): c for c in children if c.mis_id}
        self._by_name = {(fold(c.forename), fold(c.surname), c.date_of_birth, c.school_site_id): c
                         for c in children}
        self.matches: list[tuple[ParsedRow, Child | None]] = []
        seen: dict[str, int] = {}
        for row in rows:
            upn, mis_id = str(row.fields.get("upn") or ""), str(row.fields.get("mis_id") or "")
            key = upn or (f"mis:{row.school_site_id}:{mis_id}" if mis_id else "")
            if key and key in seen:
                self.rejected.append(
                    RowError(row.row, f"the same pupil is also on row {seen[key]}", row.name))
                continue
            if key:
                seen[key] = row.row
            self.matches.append((row, self._match(row, upn, mis_id)))
        self.rejected.sort(key=lambda e: e.row)
        nursery = sum(1 for row, _ in self.matches if row.fields.get("year_group") == -1)
        if nursery:
            self.notes.append(f"{nursery} pupil(s) are in Nursery (N1/N2): they are imported, and "
                              "clubs that start at Reception will not take their bookings.")
        self.carers = _CarerIndex(s)
        self.leavers = self._leavers(s, options, today)

    def _join(self, parsed: list[ParsedRow], contacts_path: Path) -> list[ParsedRow]:
        """The pupils with their contacts from the separate contacts export."""
        joined, errors, orphans = join_contacts(parsed, read_contacts(read_table(contacts_path)))
        self.rejected.extend(errors)
        if orphans:
            listed = ", ".join(str(n) for n in orphans[:10]) + (" …" if len(orphans) > 10 else "")
            self.notes.append(f"{len(orphans)} row(s) of {contacts_path.name} name a pupil who is "
                              f"not imported from this file (rows {listed}); they are left out.")
        return joined

    def _leavers(self, s: Session, options: ImportOptions, today: date) -> tuple[Leaver, ...]:
        """Pupils of the file's schools it no longer lists, when it is the schools' full list."""
        if not options.full_export:
            return ()
        if self.rejected:
            self.notes.append("Leavers are worked out once no row is rejected: a rejected row "
                              "could be a pupil still on roll.")
            return ()
        schools = {row.school_site_id for row, _ in self.matches}
        if options.school_site_id is not None:
            schools.add(options.school_site_id)
        listed = {child.id for _, child in self.matches if child is not None}
        return tuple(find_leavers(s, schools, listed, today))

    def _match(self, row: ParsedRow, upn: str, mis_id: str) -> Child | None:
        """Same UPN, else same MIS id at the school, else same legal name, birthday and school."""
        if upn and upn in self._by_upn:
            return self._by_upn[upn]
        if mis_id and (row.school_site_id, mis_id) in self._by_mis:
            return self._by_mis[(row.school_site_id, mis_id)]
        dob = row.fields["date_of_birth"]
        assert isinstance(dob, date)
        return self._by_name.get((fold(str(row.fields["forename"])), fold(str(row.fields["surname"])),
                                  dob, row.school_site_id))

    def preview(self, file: str) -> ImportPreview:
        result = ImportPreview(file=file, rejected=list(self.rejected))
        new_carers: set[str] = set()
        for row, child in self.matches:
            school = self.school_names[row.school_site_id]
            if child is None:
                result.added.append(PreviewRow(row.row, row.name, school))
            else:
                changes = _child_changes(child, row)
                target = result.updated if changes else result.unchanged
                target.append(PreviewRow(row.row, row.name, school, tuple(changes)))
            for contact in row.contacts:
                if self.carers.find(contact) is None:
                    new_carers.add(self.carers.key(contact))
        return ImportPreview(result.file, result.added, result.updated, result.unchanged,
                             result.rejected, len(new_carers), self.ignored, self.columns,
                             self.understood, unknown_lines(self.seen), tuple(self.notes),
                             self.leavers)


class _CarerIndex:
    """Finds an existing adult by name plus phone or email, so siblings share one carer."""

    def __init__(self, s: Session) -> None:
        self.by_name: dict[str, list[Carer]] = {}
        for carer in s.scalars(select(Carer)):
            self.by_name.setdefault(fold(f"{carer.forename} {carer.surname}"), []).append(carer)

    @staticmethod
    def key(contact: ParsedContact) -> str:
        phone = digits(str(contact.fields.get("phone_mobile") or ""))
        return f"{contact.name_key}|{phone or fold(str(contact.fields.get('email') or ''))}"

    def find(self, contact: ParsedContact) -> Carer | None:
        phone = digits(str(contact.fields.get("phone_mobile") or ""))
        email = fold(str(contact.fields.get("email") or ""))
        for carer in self.by_name.get(contact.name_key, []):
            if phone and phone in (digits(carer.phone_mobile), digits(carer.phone_home)):
                return carer
            if email and email == fold(carer.email):
                return carer
            if not phone and not email:
                return carer
        return None

    def add(self, carer: Carer) -> None:
        self.by_name.setdefault(fold(f"{carer.forename} {carer.surname}"), []).append(carer)


def _form_problem(row: ParsedRow, today: date) -> RowError | None:
    """The first thing the child or carer forms would refuse in this row, as a row error."""
    where = ""
    try:
        validate_child(ChildForm(school_site_id=row.school_site_id, **row.fields),  # type: ignore[arg-type]
                       today)
        for number, contact in enumerate(row.contacts, start=1):
            where = f"contact {number}: "
            fields = contact.fields
            carer = CarerForm(**{k: str(fields.get(k) or "") for k in _CARER_FIELDS})  # type: ignore[arg-type]
            validate_link(CarerLink(
                carer, relationship=str(fields.get("relationship") or ""),
                collection_password=str(fields.get("collection_password") or ""),
                emergency_priority=fields.get("emergency_priority"),  # type: ignore[arg-type]
                **{k: bool(fields.get(k)) for k in _LINK_BOOLS}))
    except ValidationError as exc:
        return RowError(row.row, where + str(exc), row.name)
    return None


def _child_changes(child: Child, row: ParsedRow) -> list[str]:
    changes = []
    if child.school_site_id != row.school_site_id:
        changes.append("school changed")
    for key, value in row.fields.items():
        current = getattr(child, key)
        if key in ("upn", "mis_id"):
            current = current or ""
        if value != current and not (value == "" and current in (None, "")):
            label = FIELD_LABELS.get(key, key.replace("_", " "))
            changes.append(f"{label}: {_shown(key, current)} → {_shown(key, value)}")
    return changes


def _shown(key: str, value: object) -> str:
    """A stored value as the preview says it: levels by their names, yes/no, dates d/m/Y."""
    if key == "sen_level":
        return SEN_LEVELS.get(str(value), str(value))
    if key == "eal":
        return EAL_STATUSES.get(str(value), str(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value) if value not in (None, "") else "—"


class ImportService(Service):
    def preview(self, path: Path | str, options: ImportOptions = ImportOptions()) -> ImportPreview:
        """What the file would add, update and reject, and how it was read; writes nothing."""
        with self._read() as s:
            return _Plan(s, Path(path), self._clock.today(), options).preview(Path(path).name)

    def saved_columns(self, school_site_id: int | None) -> tuple[tuple[str, str], ...]:
        """The column choices kept for a school's exports (heading key, field or "")."""
        with self._read() as s:
            return tuple(sorted(saved_columns(s, school_site_id).items()))

    def mark_leavers(self, child_ids: tuple[int, ...], left_on: date) -> LeaversResult:
        """Mark children as left on a day and cancel their sessions from it; nothing is deleted."""
        if not child_ids:
            raise DomainError("Choose the children who have left.")
        if left_on > self._clock.today() + timedelta(days=366):
            raise ValidationError("The leaving date is more than a year ahead.", "left_on")
        with self._write() as s:
            result = mark_leavers(s, child_ids, left_on, self._clock.now())
            record_event(s, "children", "leavers", {"children": list(child_ids),
                                                    "left_on": left_on.isoformat(),
                                                    "cancelled_sessions": result.cancelled_sessions})
            return result

    def apply(self, path: Path | str, skip_rejected: bool = False,
              progress: Progress = NO_PROGRESS,
              options: ImportOptions = ImportOptions()) -> ImportResult:
        """Apply the whole file in one transaction; refused rows block it unless skipped.

        The office's column choices are kept for the school, so its next export needs none.
        """
        path = Path(path)
        with self._write() as s:
            plan = _Plan(s, path, self._clock.today(), options)
            if options.columns:
                save_columns(s, options.school_site_id, checked_choices(options.columns))
            if plan.rejected and not skip_rejected:
                raise DomainError(
                    f"{count(len(plan.rejected), 'row')} of {path.name} cannot be imported (first: row "
                    f"{plan.rejected[0].row}, {plan.rejected[0].reason}). Nothing was imported. "
                    "Correct the file, or choose to skip the rejected rows.")
            added = updated = unchanged = new_carers = 0
            total = len(plan.matches)
            for done, (row, child) in enumerate(plan.matches, start=1):
                if done % 100 == 0:
                    progress.step(done, total, f"Importing row {row.row}…")
                if child is None:
                    child = Child(school_site_id=row.school_site_id)
                    s.add(child)
                    added += 1
                elif _child_changes(child, row):
                    updated += 1
                else:
                    unchanged += 1
                child.school_site_id = row.school_site_id
                for key, value in row.fields.items():
                    setattr(child, key, (value or None) if key in ("upn", "mis_id") else value)
                child.refresh_search_key()
                new_carers += _link_contacts(s, plan.carers, child, row.contacts)
            s.flush()
            record_event(s, "children", "import", {"file": path.name, "added": added,
                                                   "updated": updated, "skipped": len(plan.rejected)})
            return ImportResult(added, updated, unchanged, len(plan.rejected), new_carers)


def _link_contacts(s: Session, index: _CarerIndex, child: Child,
                   contacts: list[ParsedContact]) -> int:
    created = 0
    for contact in contacts:
        carer = index.find(contact)
        is_new = carer is None
        if carer is None:
            carer = Carer(**dict.fromkeys(_CARER_FIELDS, ""))
            s.add(carer)
            created += 1
        for key in _CARER_FIELDS:
            value = contact.fields.get(key)
            if value:
                setattr(carer, key, value)
        carer.refresh_search_key()
        if is_new:  # indexed by name, so only once the name is set: a sibling's row finds this adult
            index.add(carer)
        link = next((lk for lk in child.carer_links if lk.carer is carer), None)
        if link is None:
            link = ChildCarer(carer=carer)
            child.carer_links.append(link)
        if contact.fields.get("relationship"):
            link.relationship_ = str(contact.fields["relationship"])
        for key in _LINK_FIELDS:
            if key in contact.fields:
                setattr(link, key, contact.fields[key])
    return created
