"""The shared minibus: vehicles and their checks, runs through ordered stops, passengers, and the
transport requests of parents and staff.

Passengers point at what they travel for (a session booking, a transport request), so a run sheet
follows the bookings: a cancelled booking takes the child off the sheet without anyone editing it.
Nothing is deleted: runs are cancelled and passengers removed with a moment and a reason.
"""

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base, partial_index


class Vehicle(Base):
    """A minibus: seats exclude the driver; wheelchair spaces are counted apart."""

    __tablename__ = "vehicles"
    __table_args__ = (
        CheckConstraint("length(registration) > 0", name="registration_present"),
        CheckConstraint("seats BETWEEN 1 AND 16", name="seats_range"),
        CheckConstraint("wheelchair_spaces BETWEEN 0 AND 6", name="wheelchair_range"),
        CheckConstraint("inspection_weeks BETWEEN 1 AND 52", name="inspection_weeks_range"),
        CheckConstraint("gross_weight_kg IS NULL OR gross_weight_kg BETWEEN 500 AND 10000",
                        name="weight_range"),
        UniqueConstraint("registration"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    registration: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(60), default="")
    seats: Mapped[int] = mapped_column(Integer)
    wheelchair_spaces: Mapped[int] = mapped_column(Integer, default=0)
    gross_weight_kg: Mapped[int | None] = mapped_column(Integer)
    disability_equipment: Mapped[bool] = mapped_column(Boolean, default=False)
    permit_number: Mapped[str] = mapped_column(String(30), default="")
    permit_expiry: Mapped[date | None] = mapped_column(Date)
    mot_due: Mapped[date | None] = mapped_column(Date)
    inspection_weeks: Mapped[int] = mapped_column(Integer, default=10)
    last_inspection: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class VehicleCheck(Base):
    """The daily walk-round check: who checked, when (UTC), and whether every item passed."""

    __tablename__ = "vehicle_checks"
    __table_args__ = (
        CheckConstraint("length(checked_by) > 0", name="checked_by_present"),
        Index("ix_vehicle_checks_vehicle_day", "vehicle_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    day: Mapped[date] = mapped_column(Date)
    checked_at: Mapped[datetime] = mapped_column(DateTime)
    checked_by: Mapped[str] = mapped_column(String(120))
    passed: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str] = mapped_column(Text, default="")


class VehicleCheckItem(Base):
    """One line of a walk-round check (tyres, lights, first-aid kit …)."""

    __tablename__ = "vehicle_check_items"
    __table_args__ = (
        CheckConstraint("length(item) > 0", name="item_present"),
        CheckConstraint("ok OR length(note) > 0", name="fault_described"),
    )

    check_id: Mapped[int] = mapped_column(
        ForeignKey("vehicle_checks.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[str] = mapped_column(String(80))
    ok: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str] = mapped_column(String(300), default="")


class VehicleService(Base):
    """Service history: services, safety inspections, MOTs and repairs."""

    __tablename__ = "vehicle_services"
    __table_args__ = (
        CheckConstraint("kind IN ('service', 'inspection', 'mot', 'repair')", name="kind"),
        CheckConstraint("mileage IS NULL OR mileage >= 0", name="mileage_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(12))
    mileage: Mapped[int | None] = mapped_column(Integer)
    done_by: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class RunPattern(Base):
    """A weekly run (e.g. Mon–Fri 15:20 Elm → Oak) expanded into dated runs on open days."""

    __tablename__ = "run_patterns"
    __table_args__ = (
        CheckConstraint("length(name) > 0", name="name_present"),
        CheckConstraint("length(weekdays) > 0", name="weekdays_present"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("escort_staff_id IS NULL OR escort_staff_id <> driver_staff_id",
                        name="escort_not_driver"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"), index=True)
    weekdays: Mapped[str] = mapped_column(String(7))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    calendar_site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    driver_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    escort_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class RunPatternStop(Base):
    __tablename__ = "run_pattern_stops"
    __table_args__ = (
        CheckConstraint("depart IS NULL OR arrive IS NULL OR depart >= arrive",
                        name="times_in_order"),
    )

    pattern_id: Mapped[int] = mapped_column(
        ForeignKey("run_patterns.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    arrive: Mapped[time | None] = mapped_column(Time)
    depart: Mapped[time | None] = mapped_column(Time)


class Run(Base):
    """One trip of one vehicle on one date, with a driver and (where needed) an escort."""

    __tablename__ = "runs"
    __table_args__ = (
        CheckConstraint("status IN ('planned', 'cancelled')", name="status"),
        CheckConstraint("(status = 'cancelled') = (cancelled_at IS NOT NULL)",
                        name="cancelled_has_moment"),
        CheckConstraint("escort_staff_id IS NULL OR escort_staff_id <> driver_staff_id",
                        name="escort_not_driver"),
        partial_index("uq_runs_pattern_day", "pattern_id", "day", unique=True,
                      where="pattern_id IS NOT NULL"),
        Index("ix_runs_day_vehicle", "day", "vehicle_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicles.id"))
    day: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(80), default="")
    pattern_id: Mapped[int | None] = mapped_column(ForeignKey("run_patterns.id"))
    driver_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    escort_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="planned")
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class RunStop(Base):
    """A stop of a run, in order; the first has no arrival, the last no departure."""

    __tablename__ = "run_stops"
    __table_args__ = (
        UniqueConstraint("run_id", "position"),
        CheckConstraint("position >= 0", name="position_not_negative"),
        CheckConstraint("arrive IS NOT NULL OR depart IS NOT NULL", name="has_a_time"),
        CheckConstraint("depart IS NULL OR arrive IS NULL OR depart >= arrive",
                        name="times_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    arrive: Mapped[time | None] = mapped_column(Time)
    depart: Mapped[time | None] = mapped_column(Time)


class TransportRequest(Base):
    """A ride asked for: a parent enrolled on a course (every session), or a staff member's trip."""

    __tablename__ = "transport_requests"
    __table_args__ = (
        CheckConstraint("kind IN ('course', 'staff')", name="kind"),
        CheckConstraint(
            "(kind = 'course' AND enrolment_id IS NOT NULL AND staff_id IS NULL) OR "
            "(kind = 'staff' AND staff_id IS NOT NULL AND enrolment_id IS NULL AND day IS NOT NULL "
            "AND to_site_id IS NOT NULL AND arrive_by IS NOT NULL)", name="kind_fields"),
        CheckConstraint("to_site_id IS NULL OR to_site_id <> from_site_id", name="different_sites"),
        CheckConstraint("(cancelled_at IS NULL) OR length(cancel_reason) > 0",
                        name="cancel_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    enrolment_id: Mapped[int | None] = mapped_column(ForeignKey("enrolments.id"), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    from_site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    to_site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    day: Mapped[date | None] = mapped_column(Date, index=True)
    arrive_by: Mapped[time | None] = mapped_column(Time)
    return_after: Mapped[time | None] = mapped_column(Time)
    return_trip: Mapped[bool] = mapped_column(Boolean, default=True)
    wheelchair: Mapped[bool] = mapped_column(Boolean, default=False)
    purpose: Mapped[str] = mapped_column(String(120), default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")


class RunPassenger(Base):
    """Someone on a run from one stop to a later one, and what they travel for."""

    __tablename__ = "run_passengers"
    __table_args__ = (
        CheckConstraint("kind IN ('child', 'staff', 'adult')", name="kind"),
        CheckConstraint("leg IN ('out', 'back')", name="leg"),
        CheckConstraint(
            "(kind = 'child' AND child_id IS NOT NULL AND session_booking_id IS NOT NULL) OR "
            "(kind = 'staff' AND staff_id IS NOT NULL) OR "
            "(kind = 'adult' AND carer_id IS NOT NULL AND request_id IS NOT NULL)",
            name="kind_fields"),
        CheckConstraint("board_stop_id <> alight_stop_id", name="board_before_alight"),
        CheckConstraint("(removed_at IS NULL) = (length(removed_reason) = 0)",
                        name="removed_has_reason"),
        partial_index("uq_run_passengers_live_need", "run_id", "need_key", unique=True,
                      where="removed_at IS NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(6))
    need_key: Mapped[str] = mapped_column(String(60), index=True)
    leg: Mapped[str] = mapped_column(String(4), default="out")
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    carer_id: Mapped[int | None] = mapped_column(ForeignKey("carers.id"))
    session_booking_id: Mapped[int | None] = mapped_column(ForeignKey("session_bookings.id"),
                                                           index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("transport_requests.id"))
    board_stop_id: Mapped[int] = mapped_column(ForeignKey("run_stops.id"))
    alight_stop_id: Mapped[int] = mapped_column(ForeignKey("run_stops.id"))
    wheelchair: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)
    removed_reason: Mapped[str] = mapped_column(String(200), default="")



class MinibusSettings(Base):
    """The office's minibus rules for the whole cluster (one row; defaults when there is none)."""

    __tablename__ = "minibus_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("school_ends > school_starts", name="school_day_in_order"),
        CheckConstraint("max_ride_minutes BETWEEN 5 AND 180", name="max_ride_range"),
        CheckConstraint("loading_minutes BETWEEN 0 AND 30", name="loading_range"),
        CheckConstraint("escort_rule IN ('children', 'anyone', 'none')", name="escort_rule"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    school_starts: Mapped[time] = mapped_column(Time)
    school_ends: Mapped[time] = mapped_column(Time)
    max_ride_minutes: Mapped[int] = mapped_column(Integer)
    loading_minutes: Mapped[int] = mapped_column(Integer)
    escort_rule: Mapped[str] = mapped_column(String(10))
    escort_blocking: Mapped[bool] = mapped_column(Boolean, default=False)


class MinibusSiteRule(Base):
    """A school's own day (when its children are free, when they must be back) and escort rule;
    an empty value falls back to the cluster's setting."""

    __tablename__ = "minibus_site_rules"
    __table_args__ = (
        CheckConstraint("school_starts IS NULL OR school_ends IS NULL OR school_ends > school_starts",
                        name="school_day_in_order"),
        CheckConstraint("escort_rule IS NULL OR escort_rule IN ('children', 'anyone', 'none')",
                        name="escort_rule"),
    )

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True)
    school_starts: Mapped[time | None] = mapped_column(Time)
    school_ends: Mapped[time | None] = mapped_column(Time)
    escort_rule: Mapped[str | None] = mapped_column(String(10))
