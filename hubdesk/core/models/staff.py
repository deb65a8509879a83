"""Staff, their checks and qualifications, where and when they can work, ratio rules and shifts.

A shift puts one person on one piece of work: a club session (lead or assistant), a site duty, a
course crèche, or a minibus run (driver or escort). ``kind`` says which; the target column for the
kind is filled and the others stay empty, so the minibus runs can be added without changing a row.
Nothing is deleted: taking someone off a shift sets ``cancelled_at``.
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
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base, partial_index
from hubdesk.core.vocabulary import fold


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint("length(forename) > 0 AND length(surname) > 0", name="names_present"),
        CheckConstraint("dbs_issued_on IS NULL OR length(dbs_number) > 0", name="dbs_date_has_number"),
        CheckConstraint("barred_list_checked = false OR length(dbs_number) > 0",
                        name="barred_list_has_dbs"),
        CheckConstraint("contracted_week_minutes IS NULL OR contracted_week_minutes BETWEEN 0 AND 3600",
                        name="week_minutes_range"),
        CheckConstraint("contracted_day_minutes IS NULL OR contracted_day_minutes BETWEEN 0 AND 960",
                        name="day_minutes_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forename: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(40), default="play worker")
    home_site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    search_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    # Enhanced DBS with the children's barred list (regulated activity).
    dbs_number: Mapped[str] = mapped_column(String(20), default="")
    dbs_issued_on: Mapped[date | None] = mapped_column(Date)
    dbs_checked_by: Mapped[str] = mapped_column(String(100), default="")
    dbs_checked_on: Mapped[date | None] = mapped_column(Date)
    barred_list_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    dbs_update_service: Mapped[bool] = mapped_column(Boolean, default=False)
    first_aid_expires: Mapped[date | None] = mapped_column(Date)  # paediatric first aid
    food_hygiene_expires: Mapped[date | None] = mapped_column(Date)
    safeguarding_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    # Driver details, used by the minibus.
    licence_categories: Mapped[str] = mapped_column(String(40), default="")
    licence_first_held: Mapped[date | None] = mapped_column(Date)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    midas_expires: Mapped[date | None] = mapped_column(Date)
    # Hours: None means no limit was agreed.
    contracted_week_minutes: Mapped[int | None] = mapped_column(Integer)
    contracted_day_minutes: Mapped[int | None] = mapped_column(Integer)

    __mapper_args__ = {"version_id_col": row_version}

    def refresh_search_key(self) -> None:
        self.search_key = fold(f"{self.forename} {self.surname} {self.role}")


class StaffSite(Base):
    """A site a person works at besides their home site."""

    __tablename__ = "staff_sites"

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True,
                                         index=True)


class StaffAvailability(Base):
    """When a person can work on one weekday (0 = Monday). No rows at all: any time."""

    __tablename__ = "staff_availability"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("end_time > start_time", name="times_in_order"),
    )

    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer, primary_key=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)


class RatioRule(Base):
    """Children from ``from_age`` (years, until the next band) need one adult per ``per_adult``.

    Rows with no site are the cluster's defaults; a site with rows of its own uses only those.
    """

    __tablename__ = "ratio_rules"
    __table_args__ = (
        CheckConstraint("from_age BETWEEN 0 AND 18", name="age_range"),
        CheckConstraint("per_adult BETWEEN 1 AND 30", name="per_adult_range"),
        UniqueConstraint("site_id", "from_age"),
        partial_index("uq_ratio_rules_default_age", "from_age", unique=True,
                      where="site_id IS NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"))
    from_age: Mapped[int] = mapped_column(Integer)
    per_adult: Mapped[int] = mapped_column(Integer)


class Shift(Base):
    """One person on one piece of work on one day; see the module docstring for the kinds."""

    __tablename__ = "shifts"
    __table_args__ = (
        CheckConstraint("kind IN ('club', 'duty', 'creche', 'run')", name="kind"),
        CheckConstraint("role IN ('lead', 'assistant', 'duty', 'creche', 'driver', 'escort')",
                        name="role"),
        CheckConstraint("end_time > start_time", name="times_in_order"),
        CheckConstraint(
            "(kind = 'club' AND club_session_id IS NOT NULL AND role IN ('lead', 'assistant')) OR "
            "(kind = 'duty' AND club_session_id IS NULL AND role = 'duty') OR "
            "(kind = 'creche' AND course_session_id IS NOT NULL AND role = 'creche') OR "
            "(kind = 'run' AND run_id IS NOT NULL AND role IN ('driver', 'escort'))",
            name="kind_has_target"),
        CheckConstraint("kind = 'run' OR site_id IS NOT NULL", name="site_present"),
        partial_index("uq_shifts_club_live", "staff_id", "club_session_id", unique=True,
                      where="cancelled_at IS NULL AND club_session_id IS NOT NULL"),
        partial_index("uq_shifts_creche_live", "staff_id", "course_session_id", unique=True,
                      where="cancelled_at IS NULL AND course_session_id IS NOT NULL"),
        Index("ix_shifts_day_site_id", "day", "site_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    role: Mapped[str] = mapped_column(String(10))
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    club_session_id: Mapped[int | None] = mapped_column(ForeignKey("club_sessions.id"), index=True)
    course_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("course_sessions.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(Integer)  # the minibus issue links it to its runs
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
