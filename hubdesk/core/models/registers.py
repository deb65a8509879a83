"""Registers: attendance per session booking, who collected, late collection, fire drills,
accidents and incidents, medicine permissions and doses.

Attendance rows are written through the ORM so the audit hook keeps every change (who signed a
child in, who corrected the time). Moments are naive UTC. Nothing is deleted: a wrong incident is
withdrawn with a reason, a medicine permission is ended, a one-off authorisation is cancelled.
"""

from datetime import date, datetime

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
)
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base


class Attendance(Base):
    """What actually happened to one booked child in one session (one row per session booking)."""

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint("status IN ('in', 'out', 'absent')", name="status"),
        CheckConstraint("status = 'absent' OR signed_in_at IS NOT NULL", name="present_has_in"),
        CheckConstraint("status <> 'absent' OR (signed_in_at IS NULL AND signed_out_at IS NULL "
                        "AND absence_reason IS NOT NULL)", name="absent_has_reason"),
        CheckConstraint("absence_reason IS NULL OR absence_reason IN "
                        "('ill', 'holiday', 'no_show', 'collected_early', 'other')",
                        name="absence_reason"),
        CheckConstraint("(status = 'out') = (signed_out_at IS NOT NULL)", name="out_has_moment"),
        CheckConstraint("signed_out_at IS NULL OR signed_out_at >= signed_in_at",
                        name="out_after_in"),
        CheckConstraint("(status = 'out') = (collected_kind IS NOT NULL)",
                        name="out_has_collector"),
        CheckConstraint("collected_kind IS NULL OR "
                        "collected_kind IN ('carer', 'alone', 'one_off', 'school')",
                        name="collected_kind"),
        CheckConstraint("(COALESCE(collected_kind, '') = 'carer') = "
                        "(collected_by_carer_id IS NOT NULL)", name="carer_named"),
        CheckConstraint("(COALESCE(collected_kind, '') = 'one_off') = "
                        "(authorisation_id IS NOT NULL)", name="one_off_authorised"),
        CheckConstraint("late_minutes >= 0 AND late_fee_pence >= 0", name="late_not_negative"),
        # Who came to which sessions, read from the index alone (the Overview's counts).
        Index("ix_attendance_session_status_child", "session_id", "status", "child_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_booking_id: Mapped[int] = mapped_column(ForeignKey("session_bookings.id"),
                                                    unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("club_sessions.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    signed_in_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    signed_in_by: Mapped[str] = mapped_column(String(80), default="")
    signed_out_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    signed_out_by: Mapped[str] = mapped_column(String(80), default="")
    collected_kind: Mapped[str | None] = mapped_column(String(10))
    collected_by_carer_id: Mapped[int | None] = mapped_column(ForeignKey("carers.id"))
    authorisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("collection_authorisations.id"))
    password_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    absence_reason: Mapped[str | None] = mapped_column(String(20))
    absence_note: Mapped[str] = mapped_column(String(300), default="")
    corrected_by: Mapped[str] = mapped_column(String(80), default="")
    corrected_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    correction_note: Mapped[str] = mapped_column(String(300), default="")
    late_minutes: Mapped[int] = mapped_column(Integer, default=0)
    late_fee_pence: Mapped[int] = mapped_column(Integer, default=0)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class CollectionAuthorisation(Base):
    """A parent's one-off permission for another adult to collect the child on one day."""

    __tablename__ = "collection_authorisations"
    __table_args__ = (
        CheckConstraint("length(adult_name) > 0", name="adult_named"),
        CheckConstraint("length(given_how) > 0", name="how_given"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    adult_name: Mapped[str] = mapped_column(String(150))
    description: Mapped[str] = mapped_column(String(300), default="")  # relationship, ID seen
    password: Mapped[str] = mapped_column(String(60), default="")
    authorised_by_carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id"))
    given_how: Mapped[str] = mapped_column(String(40))  # phone call, note, in person
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)


class LateCall(Base):
    """A call made while a child waited to be collected after the session ended."""

    __tablename__ = "late_calls"
    __table_args__ = (CheckConstraint("length(called) > 0", name="called_named"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attendance_id: Mapped[int] = mapped_column(ForeignKey("attendance.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"))
    carer_id: Mapped[int | None] = mapped_column(ForeignKey("carers.id"))
    called: Mapped[str] = mapped_column(String(150))  # who: a carer, emergency contact, social care
    number: Mapped[str] = mapped_column(String(30), default="")
    called_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    outcome: Mapped[str] = mapped_column(String(300), default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")


class FireDrill(Base):
    """A practice evacuation (or a real one) at a site."""

    __tablename__ = "fire_drills"
    __table_args__ = (
        CheckConstraint("evacuation_seconds BETWEEN 1 AND 7200", name="seconds_range"),
        CheckConstraint("children_out >= 0 AND staff_out >= 0", name="counts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    held_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    evacuation_seconds: Mapped[int] = mapped_column(Integer)
    children_out: Mapped[int] = mapped_column(Integer, default=0)
    staff_out: Mapped[int] = mapped_column(Integer, default=0)
    real_alarm: Mapped[bool] = mapped_column(Boolean, default=False)
    led_by: Mapped[str] = mapped_column(String(150), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")


class Incident(Base):
    """An accident, incident or first aid given to a child; parents are told the same day."""

    __tablename__ = "incidents"
    __table_args__ = (
        CheckConstraint("kind IN ('accident', 'incident', 'first_aid')", name="kind"),
        CheckConstraint("length(what) > 0", name="what_present"),
        CheckConstraint("length(dealt_with_by) > 0", name="dealt_with_named"),
        CheckConstraint("parent_informed_at IS NULL OR parent_informed_at >= happened_at",
                        name="informed_after"),
        CheckConstraint("(withdrawn_at IS NULL) OR length(withdrawn_reason) > 0",
                        name="withdrawn_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("club_sessions.id"))
    kind: Mapped[str] = mapped_column(String(10))
    happened_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    what: Mapped[str] = mapped_column(Text)
    action_taken: Mapped[str] = mapped_column(Text, default="")
    dealt_with_by: Mapped[str] = mapped_column(String(150))
    parent_informed_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    parent_informed_how: Mapped[str] = mapped_column(String(150), default="")
    serious: Mapped[bool] = mapped_column(Boolean, default=False)  # Ofsted within 14 days
    ofsted_notified_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_reason: Mapped[str] = mapped_column(String(300), default="")


class MedicinePermission(Base):
    """A parent's written permission to give one medicine to a child."""

    __tablename__ = "medicine_permissions"
    __table_args__ = (
        CheckConstraint("length(medicine) > 0", name="medicine_named"),
        CheckConstraint("length(dose) > 0", name="dose_given"),
        CheckConstraint("valid_until IS NULL OR valid_until >= signed_on", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    medicine: Mapped[str] = mapped_column(String(150))
    dose: Mapped[str] = mapped_column(String(150))
    when_to_give: Mapped[str] = mapped_column(String(300), default="")
    signed_by_carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id"))
    signed_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    stored_where: Mapped[str] = mapped_column(String(150), default="")
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")


class MedicineDose(Base):
    """One dose given under a permission."""

    __tablename__ = "medicine_doses"
    __table_args__ = (
        CheckConstraint("length(amount) > 0", name="amount_given"),
        CheckConstraint("length(given_by) > 0", name="given_by_named"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    permission_id: Mapped[int] = mapped_column(ForeignKey("medicine_permissions.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    given_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    amount: Mapped[str] = mapped_column(String(150))
    given_by: Mapped[str] = mapped_column(String(150))
    witnessed_by: Mapped[str] = mapped_column(String(150), default="")
    parent_informed_at: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(String(300), default="")
    recorded_by: Mapped[str] = mapped_column(String(80), default="")


class SignIn(Base):
    """The signing-in book for adults on site: staff, learners, tutors, visitors, contractors.

    The fire register reads it, so an adult signed in is on the roll call until signed out.
    """

    __tablename__ = "sign_ins"
    __table_args__ = (
        CheckConstraint("length(name) > 0", name="named"),
        CheckConstraint("kind IN ('staff', 'learner', 'visitor', 'contractor')", name="kind"),
        CheckConstraint("signed_out_at IS NULL OR signed_out_at >= signed_in_at",
                        name="out_after_in"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(150))
    organisation: Mapped[str] = mapped_column(String(150), default="")
    visiting: Mapped[str] = mapped_column(String(150), default="")
    car_registration: Mapped[str] = mapped_column(String(20), default="")
    signed_in_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    signed_out_at: Mapped[datetime | None] = mapped_column(DateTime)  # UTC
    recorded_by: Mapped[str] = mapped_column(String(80), default="")
