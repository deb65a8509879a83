"""Vehicles: their details, the daily walk-round check, service history, and whether each one may
go out on a day (and if not, why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from hubdesk.core.clock import format_local
from hubdesk.core.errors import ValidationError
from hubdesk.core.models import Vehicle, VehicleCheck, VehicleCheckItem, VehicleService
from hubdesk.core.rules.minibus import inspection_due, vehicle_blocks
from hubdesk.core.vocabulary import SERVICE_KINDS
from hubdesk.services.base import Service
from hubdesk.services.minibus.queries import load_vehicle, vehicle_facts, vehicle_label, walk_rounds

CHECK_ITEMS = (
    "Tyres and wheel nuts", "Lights and indicators", "Mirrors and windows", "Wipers and washers",
    "Seats and seat belts", "Doors and emergency exit", "Fuel, oil and coolant", "Brakes and horn",
    "First-aid kit and fire extinguisher", "Body and bodywork", "Wheelchair lift and restraints",
)


@dataclass(frozen=True)
class VehicleForm:
    registration: str
    seats: int
    id: int | None = None
    name: str = ""
    wheelchair_spaces: int = 0
    gross_weight_kg: int | None = None
    disability_equipment: bool = False
    permit_number: str = ""
    permit_expiry: date | None = None
    mot_due: date | None = None
    inspection_weeks: int = 10
    last_inspection: date | None = None
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class VehicleRow:
    id: int
    label: str
    registration: str
    seats: int
    wheelchair_spaces: int
    permit_expiry: date | None
    mot_due: date | None
    inspection_due: date | None
    active: bool
    blocks: tuple[str, ...]  # on the day asked for
    warnings: tuple[str, ...]

    @property
    def status(self) -> str:
        return "Blocked" if self.blocks else ("Check" if self.warnings else "Ready")


@dataclass(frozen=True)
class CheckItem:
    item: str
    ok: bool
    note: str = ""


@dataclass(frozen=True)
class CheckForm:
    vehicle_id: int
    day: date
    checked_by: str
    items: tuple[CheckItem, ...]
    notes: str = ""


@dataclass(frozen=True)
class CheckRow:
    id: int
    vehicle_id: int
    day: date
    checked_at: str  # local time, for showing
    checked_by: str
    passed: bool
    failed: tuple[str, ...]
    notes: str


@dataclass(frozen=True)
class ServiceForm:
    vehicle_id: int
    day: date
    kind: str
    mileage: int | None = None
    done_by: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ServiceRow:
    id: int
    day: date
    kind: str
    mileage: int | None
    done_by: str
    notes: str


_FIELDS = ("registration", "name", "seats", "wheelchair_spaces", "gross_weight_kg",
           "disability_equipment", "permit_number", "permit_expiry", "mot_due", "inspection_weeks",
           "last_inspection", "active", "notes")


def validate_vehicle(form: VehicleForm) -> None:
    reg = form.registration.strip()
    if not reg:
        raise ValidationError("Enter the registration, e.g. PN19 XKA.", "registration")
    if len(reg) > 10:
        raise ValidationError("A registration is at most 10 characters.", "registration")
    if len(form.name.strip()) > 60:
        raise ValidationError("The name can be at most 60 characters.", "name")
    if not 1 <= form.seats <= 16:
        raise ValidationError("A minibus under a Section 19 permit carries 1 to 16 passengers "
                              "(not counting the driver).", "seats")
    if not 0 <= form.wheelchair_spaces <= 6:
        raise ValidationError("Wheelchair spaces are between 0 and 6.", "wheelchair_spaces")
    if form.gross_weight_kg is not None and not 500 <= form.gross_weight_kg <= 10000:
        raise ValidationError("Enter the gross weight in kg, e.g. 3500.", "gross_weight_kg")
    if not 1 <= form.inspection_weeks <= 52:
        raise ValidationError("Inspections are every 1 to 52 weeks (usually 10).", "inspection_weeks")
    if len(form.permit_number.strip()) > 30:
        raise ValidationError("The permit number can be at most 30 characters.", "permit_number")


class MinibusVehicles(Service):
    def overview(self, day: date | None = None, include_inactive: bool = False) -> list[VehicleRow]:
        """Vehicles with whether they may go out on ``day`` (default today)."""
        day = day or self._clock.today()
        today = self._clock.today()
        stmt = select(Vehicle).order_by(Vehicle.name, Vehicle.registration)
        if not include_inactive:
            stmt = stmt.where(Vehicle.active.is_(True))
        with self._read() as s:
            checks = walk_rounds(s, day, day)
            rows = []
            for v in s.scalars(stmt):
                blocks, warnings = vehicle_blocks(vehicle_facts(v), day, checks.get((v.id, day)), today)
                rows.append(VehicleRow(v.id, vehicle_label(v), v.registration, v.seats,
                                       v.wheelchair_spaces, v.permit_expiry, v.mot_due,
                                       inspection_due(vehicle_facts(v)), v.active, tuple(blocks),
                                       tuple(warnings)))
            return rows

    def get(self, vehicle_id: int) -> VehicleForm:
        with self._read() as s:
            v = load_vehicle(s, vehicle_id)
            return VehicleForm(id=v.id, **{n: getattr(v, n) for n in _FIELDS})

    def save(self, form: VehicleForm) -> int:
        validate_vehicle(form)
        reg = " ".join(form.registration.upper().split())
        with self._write() as s:
            clash = select(Vehicle.id).where(func.upper(Vehicle.registration) == reg)
            if form.id is not None:
                clash = clash.where(Vehicle.id != form.id)
            if s.scalar(clash) is not None:
                raise ValidationError(f"Another vehicle already has the registration {reg}.",
                                      "registration")
            v = Vehicle() if form.id is None else load_vehicle(s, form.id)
            if form.id is None:
                s.add(v)
            for name in _FIELDS:
                value = getattr(form, name)
                setattr(v, name, value.strip() if isinstance(value, str) else value)
            v.registration = reg
            s.flush()
            return v.id

    def record_check(self, form: CheckForm) -> int:
        """Record a walk-round check; any failed item blocks the vehicle for the day."""
        if not form.checked_by.strip():
            raise ValidationError("Enter who did the check.", "checked_by")
        if not form.items:
            raise ValidationError("Tick the items checked.", "items")
        for item in form.items:
            if not item.ok and not item.note.strip():
                raise ValidationError(f"Say what is wrong with: {item.item}.", "items")
        if form.day > self._clock.today() + timedelta(days=1):
            raise ValidationError("A walk-round check is recorded on the day it is done.", "day")
        with self._write() as s:
            load_vehicle(s, form.vehicle_id)
            check = VehicleCheck(vehicle_id=form.vehicle_id, day=form.day, checked_at=self._clock.now(),
                                 checked_by=form.checked_by.strip()[:120],
                                 passed=all(i.ok for i in form.items), notes=form.notes.strip())
            s.add(check)
            s.flush()
            for n, item in enumerate(form.items):
                s.add(VehicleCheckItem(check_id=check.id, position=n, item=item.item.strip()[:80],
                                       ok=item.ok, note=item.note.strip()[:300]))
            return check.id

    def checks(self, vehicle_id: int, start: date, end: date) -> list[CheckRow]:
        with self._read() as s:
            load_vehicle(s, vehicle_id)
            found = s.scalars(select(VehicleCheck).where(VehicleCheck.vehicle_id == vehicle_id,
                                                         VehicleCheck.day.between(start, end))
                              .order_by(VehicleCheck.day.desc(), VehicleCheck.checked_at.desc())).all()
            failed: dict[int, list[str]] = {}
            for item in s.scalars(select(VehicleCheckItem).where(
                    VehicleCheckItem.check_id.in_([c.id for c in found]),
                    VehicleCheckItem.ok.is_(False)).order_by(VehicleCheckItem.position)):
                failed.setdefault(item.check_id, []).append(f"{item.item}: {item.note}")
            return [CheckRow(c.id, c.vehicle_id, c.day, format_local(c.checked_at), c.checked_by,
                             c.passed, tuple(failed.get(c.id, ())), c.notes) for c in found]

    def record_service(self, form: ServiceForm) -> int:
        """Add to the service history; an inspection or MOT also moves the vehicle's dates on."""
        if form.kind not in SERVICE_KINDS:
            raise ValidationError("Choose service, safety inspection, MOT or repair.", "kind")
        if form.mileage is not None and form.mileage < 0:
            raise ValidationError("The mileage cannot be negative.", "mileage")
        if form.day > self._clock.today():
            raise ValidationError("Record work once it has been done.", "day")
        with self._write() as s:
            v = load_vehicle(s, form.vehicle_id)
            record = VehicleService(vehicle_id=v.id, day=form.day, kind=form.kind,
                                    mileage=form.mileage, done_by=form.done_by.strip()[:120],
                                    notes=form.notes.strip())
            s.add(record)
            if form.kind == "inspection" and (v.last_inspection is None or v.last_inspection < form.day):
                v.last_inspection = form.day
            if form.kind == "mot":
                due = _next_year(form.day)
                if v.mot_due is None or v.mot_due < due:
                    v.mot_due = due
            s.flush()
            return record.id

    def history(self, vehicle_id: int) -> list[ServiceRow]:
        with self._read() as s:
            load_vehicle(s, vehicle_id)
            return [ServiceRow(r.id, r.day, SERVICE_KINDS[r.kind], r.mileage, r.done_by, r.notes)
                    for r in s.scalars(select(VehicleService)
                                       .where(VehicleService.vehicle_id == vehicle_id)
                                       .order_by(VehicleService.day.desc(), VehicleService.id.desc()))]


def _next_year(day: date) -> date:
    try:
        return day.replace(year=day.year + 1) - timedelta(days=1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)

