"""What the rota screens, printouts and calendar files are given: frozen rows, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time


@dataclass(frozen=True)
class ShiftRow:
    id: int
    staff_id: int
    name: str
    kind: str  # club, duty, creche, run
    role: str
    role_label: str
    day: date
    start: time
    end: time
    site_id: int | None
    site: str
    title: str
    target: str
    first_aider: bool
    note: str = ""

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class SessionCell:
    """A session at a site on a day, its need and who staffs it; ``status`` colours it."""

    target: str
    kind: str  # club or creche
    session_id: int
    site_id: int
    day: date
    start: time
    end: time
    title: str
    room: str
    club_kind: str
    children: int
    counted: str  # booked or signed in
    by_ratio: int
    required: int
    eyfs_children: int
    staff: tuple[ShiftRow, ...]
    problems: tuple[str, ...]
    status: str  # none (no children), ok, warning, under

    @property
    def times(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class ProblemRow:
    severity: str  # blocking or warning
    code: str
    message: str
    day: date | None
    site_id: int | None
    site: str
    staff_id: int | None
    shift_id: int | None
    target: str

    @property
    def blocking(self) -> bool:
        return self.severity == "blocking"


@dataclass(frozen=True)
class StaffWeek:
    """One person's shifts across the week (a row of the site grid or the per-person view)."""

    staff_id: int
    name: str
    role: str
    home_site: str
    days: tuple[tuple[ShiftRow, ...], ...]  # one tuple per weekday, Monday first
    minutes: int
    contracted_minutes: int | None
    first_aider: bool

    @property
    def shifts(self) -> tuple[ShiftRow, ...]:
        return tuple(x for day in self.days for x in day)


@dataclass(frozen=True)
class WeekGrid:
    site_id: int
    site: str
    monday: date
    days: tuple[date, ...]
    closed: tuple[str, ...]  # per day: '' when open, else the reason
    sessions: tuple[SessionCell, ...]
    staff: tuple[StaffWeek, ...]
    problems: tuple[ProblemRow, ...]

    def sessions_on(self, day: date) -> list[SessionCell]:
        return [x for x in self.sessions if x.day == day]


@dataclass(frozen=True)
class PersonWeek:
    staff_id: int
    name: str
    role: str
    monday: date
    week: StaffWeek
    problems: tuple[ProblemRow, ...]


@dataclass(frozen=True)
class AssignForm:
    """Put a person on a session (``target`` 'club:ID' or 'creche:ID') or a site duty ('duty')."""

    staff_id: int
    target: str
    role: str = "assistant"
    day: date | None = None  # site duties only
    site_id: int | None = None  # site duties only
    start: time | None = None  # None: the session's own times
    end: time | None = None
    note: str = ""


@dataclass(frozen=True)
class AssignResult:
    shift_id: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class CopyResult:
    copied: int
    skipped: tuple[str, ...]


@dataclass(frozen=True)
class Proposal:
    """A staff member proposed for an under-staffed session; applied only when accepted."""

    staff_id: int
    name: str
    target: str
    role: str
    day: date
    start: time
    end: time
    site: str
    title: str
    reason: str


@dataclass(frozen=True)
class Candidate:
    """Someone who could take a session, with what would go wrong (empty: nothing)."""

    staff_id: int
    name: str
    role: str
    first_aider: bool
    blocking: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class SessionStaffing:
    """A session as its dialog shows it: the cell (staff on it, problems) and who could take it."""

    cell: SessionCell
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class ExpiringItem:
    staff_id: int
    name: str
    what: str
    when: date
    expired: bool


@dataclass(frozen=True)
class RatioBandRow:
    from_age: int
    per_adult: int
