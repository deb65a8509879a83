"""Parent learning: courses, their dated sessions, enrolled adults, registers and the crèche.

Learners are Carer rows (an adult new to the hub is a Carer with no children), so one person is
never typed twice. Crèche children are kept in their own table because most are not pupils; one who
is a nursery pupil can point at the Child row.
"""

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base
from hubdesk.core.vocabulary import fold


class Course(Base):
    """A parent-learning course at one site, meeting weekly on chosen weekdays."""

    __tablename__ = "courses"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('family_learning', 'english', 'maths', 'digital', 'parenting', "
            "'first_aid', 'other')", name="kind"),
        CheckConstraint("length(title) > 0", name="title_present"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("end_time > start_time", name="times_in_order"),
        CheckConstraint("capacity BETWEEN 1 AND 200", name="capacity_range"),
        CheckConstraint("fee_pence >= 0", name="fee_not_negative"),
        CheckConstraint("creche_places BETWEEN 0 AND 60", name="creche_places_range"),
        CheckConstraint("length(weekdays) > 0", name="weekdays_present"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(20), default="family_learning")
    provider: Mapped[str] = mapped_column(String(150), default="")
    external: Mapped[bool] = mapped_column(Boolean, default=False)
    tutor_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    tutor_name: Mapped[str] = mapped_column(String(150), default="")
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id", ondelete="SET NULL"))
    weekdays: Mapped[str] = mapped_column(String(7))  # "02" = Mondays and Wednesdays
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    capacity: Mapped[int] = mapped_column(Integer)
    fee_pence: Mapped[int] = mapped_column(Integer, default=0)
    learning_aim: Mapped[str] = mapped_column(String(20), default="")
    funding_source: Mapped[str] = mapped_column(String(80), default="")
    creche_places: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}

    def refresh_search_key(self) -> None:
        self.search_key = fold(self.title)


class CourseSession(Base):
    """One dated meeting of a course; registers, crèche registers and rota shifts hang off it."""

    __tablename__ = "course_sessions"
    __table_args__ = (
        UniqueConstraint("course_id", "session_date"),
        CheckConstraint("end_time > start_time", name="times_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    session_date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)


class Enrolment(Base):
    """An adult on a course (or on its waiting list), with their RARPA progress record."""

    __tablename__ = "enrolments"
    __table_args__ = (
        UniqueConstraint("course_id", "carer_id"),
        CheckConstraint("status IN ('enrolled', 'waiting', 'withdrawn', 'completed')",
                        name="status"),
        CheckConstraint("status <> 'withdrawn' OR length(withdraw_reason) > 0",
                        name="withdraw_reason_present"),
        CheckConstraint("status <> 'completed' OR completed_on IS NOT NULL",
                        name="completed_dated"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="enrolled")
    requested_at: Mapped[datetime] = mapped_column(DateTime)  # UTC; orders the waiting list
    enrolled_on: Mapped[date | None] = mapped_column(Date)
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    withdraw_reason: Mapped[str] = mapped_column(String(300), default="")
    completed_on: Mapped[date | None] = mapped_column(Date)
    starting_point: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[str] = mapped_column(Text, default="")
    achievement: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}


class CourseAttendance(Base):
    """A learner's mark for one session: present, or absent with a reason."""

    __tablename__ = "course_attendance"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("course_sessions.id", ondelete="CASCADE"), primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("enrolments.id", ondelete="CASCADE"), primary_key=True, index=True)
    present: Mapped[bool] = mapped_column(Boolean)
    absence_reason: Mapped[str] = mapped_column(String(200), default="")


class CrecheChild(Base):
    """A learner's young child who may use a course crèche (most are not school pupils)."""

    __tablename__ = "creche_children"
    __table_args__ = (
        CheckConstraint("length(forename) > 0 AND length(surname) > 0", name="names_present"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="RESTRICT"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("children.id", ondelete="SET NULL"))
    forename: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date] = mapped_column(Date)
    allergies: Mapped[str] = mapped_column(Text, default="")
    medical_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class CrecheBooking(Base):
    """A crèche place for a child for every session of a course."""

    __tablename__ = "creche_bookings"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True)
    creche_child_id: Mapped[int] = mapped_column(
        ForeignKey("creche_children.id", ondelete="CASCADE"), primary_key=True, index=True)
    booked_on: Mapped[date] = mapped_column(Date)


class CrecheAttendance(Base):
    """The crèche register: actual times in and out (UTC) and who collected the child."""

    __tablename__ = "creche_attendance"
    __table_args__ = (
        CheckConstraint("signed_out_at IS NULL OR signed_out_at >= signed_in_at",
                        name="out_after_in"),
    )

    session_id: Mapped[int] = mapped_column(
        ForeignKey("course_sessions.id", ondelete="CASCADE"), primary_key=True)
    creche_child_id: Mapped[int] = mapped_column(
        ForeignKey("creche_children.id", ondelete="CASCADE"), primary_key=True, index=True)
    signed_in_at: Mapped[datetime] = mapped_column(DateTime)
    signed_out_at: Mapped[datetime | None] = mapped_column(DateTime)
    collected_by: Mapped[str] = mapped_column(String(150), default="")
