"""Subject access: everything held about one child or one carer, for a request under UK GDPR.

The records are found by walking the models' foreign keys: every table with a column that refers to
``children`` (for a child) or ``carers`` (for a carer) is searched, so a table added later is never
forgotten. The person's own row, the carers on a child's record (or the children a carer is linked
to) and the history of changes about them come too. Nothing is changed (logging who read what
arrives with sign-in: ``_check`` is where it goes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Column, Table, or_, select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import AuditEntry, Base, Carer, Child, ChildCarer
from hubdesk.services.base import Service

PEOPLE_TABLES = {"child": "children", "carer": "carers"}


@dataclass(frozen=True)
class Section:
    """One table's records about the person: column names and each row's values as text-ready data."""

    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class PersonRecords:
    kind: str  # child or carer
    person_id: int
    name: str
    made_at: datetime  # UTC, when the records were read
    sections: tuple[Section, ...]

    def as_json(self) -> dict[str, Any]:
        """Plain JSON data: each table a list of {column: value}, dates as ISO text."""
        return {"kind": self.kind, "id": self.person_id, "name": self.name,
                "made_at": self.made_at.isoformat(timespec="seconds") + "Z",
                "tables": {s.table: [dict(zip(s.columns, map(plain, r), strict=True))
                                     for r in s.rows] for s in self.sections}}

    @property
    def total(self) -> int:
        return sum(len(s.rows) for s in self.sections)


def plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def referring_columns(target: str) -> dict[str, list[Column[Any]]]:
    """Table name -> its columns with a foreign key to ``target`` (children or carers), every table."""
    found: dict[str, list[Column[Any]]] = {}
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == target and isinstance(fk.parent, Column):
                found.setdefault(table.name, []).append(fk.parent)
    return found


class SubjectAccessService(Service):
    def _check(self, permission: str) -> None:
        """Every use needs its permission (referrals, retention, subject access)."""
        self._require(permission)

    def child_by_upn(self, upn: str) -> int:
        """The id of the child with this UPN (left or not)."""
        self._check("subject_access")
        wanted = upn.strip().upper()
        if not wanted:
            raise ValidationError("Give the child's UPN (13 characters, from the school's MIS).", "upn")
        with self._read() as s:
            found = s.scalar(select(Child.id).where(Child.upn == wanted))
        if found is None:
            raise NotFound(f"No child has the UPN {wanted}. Check it against the school's MIS.")
        return found

    def records(self, kind: str, person_id: int) -> PersonRecords:
        """Every record that mentions the child or carer, table by table (empty tables listed too)."""
        self._check("subject_access")
        if kind not in PEOPLE_TABLES:
            raise ValidationError("Choose a child or a carer.", "kind")
        with self._read() as s:
            name = _name(s, kind, person_id)
            sections = [_own_rows(s, kind, person_id)]
            for table_name, columns in sorted(referring_columns(PEOPLE_TABLES[kind]).items()):
                table = Base.metadata.tables[table_name]
                stmt = select(table).where(or_(*(c == person_id for c in columns)))
                sections.append(_section(s, table, stmt))
            sections.append(_linked(s, kind, person_id))
            sections.append(_history(s, kind, person_id))
        return PersonRecords(kind, person_id, name, self._clock.now(), tuple(sections))


def _name(s: Session, kind: str, person_id: int) -> str:
    if kind == "child":
        child = s.get(Child, person_id)
        if child is None:
            raise NotFound("That child no longer exists.")
        return f"{child.forename} {child.surname}"
    carer = s.get(Carer, person_id)
    if carer is None:
        raise NotFound(f"No carer has the number {person_id}.")
    return f"{carer.forename} {carer.surname}".strip()


def _section(s: Session, table: Table, stmt: Any, name: str | None = None) -> Section:
    rows = s.execute(stmt).all()
    return Section(name or table.name, tuple(c.name for c in table.columns),
                   tuple(tuple(r) for r in rows))


def _own_rows(s: Session, kind: str, person_id: int) -> Section:
    table = Base.metadata.tables[PEOPLE_TABLES[kind]]
    return _section(s, table, select(table).where(table.c.id == person_id))


def _linked(s: Session, kind: str, person_id: int) -> Section:
    """A child's carers as on the child's record, or the children a carer is linked to."""
    if kind == "child":
        table = Base.metadata.tables["carers"]
        ids = select(ChildCarer.carer_id).where(ChildCarer.child_id == person_id)
        return _section(s, table, select(table).where(table.c.id.in_(ids)), "carers (contacts)")
    table = Base.metadata.tables["children"]
    ids = select(ChildCarer.child_id).where(ChildCarer.carer_id == person_id)
    columns = [table.c.id, table.c.forename, table.c.surname, table.c.date_of_birth,
               table.c.school_site_id, table.c.year_group]
    rows = s.execute(select(*columns).where(table.c.id.in_(ids))).all()
    return Section("children (linked)", tuple(c.name for c in columns), tuple(tuple(r) for r in rows))


def _history(s: Session, kind: str, person_id: int) -> Section:
    """The audit entries about the person: a child's by its child id, a carer's by record."""
    audit = AuditEntry.__table__
    if kind == "child":
        where = audit.c.child_id == person_id
    else:
        where = or_((audit.c.table_name == "carers") & (audit.c.record_id == str(person_id)),
                    (audit.c.table_name == "child_carers")
                    & audit.c.record_id.endswith(f"/{person_id}"))
    stmt = select(audit).where(where).order_by(audit.c.at, audit.c.id)
    return _section(s, audit, stmt, "history (audit log)")  # type: ignore[arg-type]
