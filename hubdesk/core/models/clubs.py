"""Clubs, their dated sessions, bookings (standing or one-off) and waiting lists.

``ClubSession.booked`` and ``held`` count the places taken and held for a waiting-list offer. They
are changed only by a conditional UPDATE inside the write transaction, and a CHECK keeps
``booked + held <= capacity``, so the last place cannot be sold twice even by two PCs at once.
Nothing is deleted: cancelled bookings keep their row with ``cancelled_at`` and ``late``.
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
from hubdesk.core.vocabulary import fold


class Club(Base):
    """A club at one site, on chosen weekdays, between two dates."""

    __tablename__ = "clubs"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('breakfast', 'free_breakfast', 'after_school', 'holiday', 'activity')",
            name="kind"),
        CheckConstraint("length(name) > 0", name="name_present"),
        CheckConstraint("length(weekdays) > 0", name="weekdays_present"),
        CheckConstraint("end_time > start_time", name="times_in_order"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("capacity BETWEEN 1 AND 500", name="capacity_range"),
        CheckConstraint("min_year BETWEEN -1 AND 6 AND max_year BETWEEN -1 AND 6 "
                        "AND min_year <= max_year", name="year_range"),
        CheckConstraint("price_pence >= 0", name="price_not_negative"),
        CheckConstraint("kind <> 'free_breakfast' OR price_pence = 0", name="free_is_free"),
        UniqueConstraint("site_id", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="after_school")
    weekdays: Mapped[str] = mapped_column(String(7))  # "024" = Mon, Wed, Fri
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id", ondelete="SET NULL"))
    capacity: Mapped[int] = mapped_column(Integer)
    min_year: Mapped[int] = mapped_column(Integer, default=0)
    max_year: Mapped[int] = mapped_column(Integer, default=6)
    price_pence: Mapped[int] = mapped_column(Integer, default=0)
    lead_staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    open_to_other_schools: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": row_version}

    def refresh_search_key(self) -> None:
        self.search_key = fold(self.name)


class ClubSession(Base):
    """One dated meeting of a club, with its own times and the places taken and held."""

    __tablename__ = "club_sessions"
    __table_args__ = (
        UniqueConstraint("club_id", "day"),
        CheckConstraint("status IN ('running', 'cancelled')", name="status"),
        CheckConstraint("end_time > start_time", name="times_in_order"),
        CheckConstraint("capacity BETWEEN 1 AND 500", name="capacity_range"),
        CheckConstraint("booked >= 0 AND held >= 0", name="counts_not_negative"),
        CheckConstraint("booked + held <= capacity", name="places_within_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)
    held: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="running")
    extra: Mapped[bool] = mapped_column(Boolean, default=False)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")


class Booking(Base):
    """What the family asked for: a standing booking (weekdays, from–to) or a one-off."""

    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("kind IN ('standing', 'one_off')", name="kind"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("kind = 'standing' OR start_date = end_date", name="one_off_one_day"),
        CheckConstraint("cancelled_from IS NULL OR cancelled_from >= start_date",
                        name="cancelled_within"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    weekdays: Mapped[str] = mapped_column(String(7), default="")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    cancelled_from: Mapped[date | None] = mapped_column(Date)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(String(300), default="")


class SessionBooking(Base):
    """One child in one club session; a cancelled one stays, with when and whether late."""

    __tablename__ = "session_bookings"
    __table_args__ = (
        CheckConstraint("status IN ('booked', 'cancelled')", name="status"),
        CheckConstraint("(status = 'cancelled') = (cancelled_at IS NOT NULL)",
                        name="cancelled_has_moment"),
        CheckConstraint("late = false OR status = 'cancelled'", name="late_only_cancelled"),
        partial_index("uq_session_bookings_live", "session_id", "child_id", unique=True,
                      where="status = 'booked'"),
        Index("ix_session_bookings_child_id_status", "child_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("club_sessions.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"))
    status: Mapped[str] = mapped_column(String(10), default="booked")
    booked_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    # this session's share of a term block price (None: charged at the session price)
    block_pence: Mapped[int | None] = mapped_column(Integer, default=None)


class WaitingListEntry(Base):
    """A child waiting for a place: in one session, or (session empty) in the club on weekdays."""

    __tablename__ = "waiting_list"
    __table_args__ = (
        CheckConstraint(
            "status IN ('waiting', 'offered', 'accepted', 'declined', 'withdrawn')", name="status"),
        CheckConstraint("status <> 'offered' OR offered_session_id IS NOT NULL",
                        name="offer_has_session"),
        partial_index("uq_waiting_list_session_live", "child_id", "session_id", unique=True,
                      where="status IN ('waiting', 'offered') AND session_id IS NOT NULL"),
        partial_index("uq_waiting_list_club_live", "child_id", "club_id", unique=True,
                      where="status IN ('waiting', 'offered') AND session_id IS NULL"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("club_sessions.id"), index=True)
    weekdays: Mapped[str] = mapped_column(String(7), default="")  # club-wide: days wanted
    joined_at: Mapped[datetime] = mapped_column(DateTime)  # UTC; orders equal priorities
    status: Mapped[str] = mapped_column(String(10), default="waiting")
    offered_session_id: Mapped[int | None] = mapped_column(ForeignKey("club_sessions.id"))
    offered_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(String(300), default="")
