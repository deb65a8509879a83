"""Sites of the cluster, their rooms, travel times and school calendars."""

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hubdesk.core.models.base import Base


class Site(Base):
    """A school or centre of the cluster."""

    __tablename__ = "sites"
    __table_args__ = (
        CheckConstraint("kind IN ('school', 'centre')", name="kind"),
        CheckConstraint(
            "ofsted_status IN ('exempt', 'registered', 'not_registered', 'unknown')",
            name="ofsted_status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    short_name: Mapped[str] = mapped_column(String(20), default="")
    kind: Mapped[str] = mapped_column(String(10), default="school")
    dfe_number: Mapped[str | None] = mapped_column(String(8), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    ofsted_status: Mapped[str] = mapped_column(String(20), default="unknown")
    ofsted_urn: Mapped[str] = mapped_column(String(10), default="")
    is_hub: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    rooms: Mapped[list["Room"]] = relationship(back_populates="site", order_by="Room.name")

    __mapper_args__ = {"version_id_col": row_version}


class Room(Base):
    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("site_id", "name"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    capacity: Mapped[int | None] = mapped_column(Integer)

    site: Mapped[Site] = relationship(back_populates="rooms")


class TravelTime(Base):
    """Minutes to travel from one site to another, including loading (editable per pair)."""

    __tablename__ = "travel_times"
    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 600", name="minutes_range"),
        CheckConstraint("from_site_id <> to_site_id", name="different_sites"),
    )

    from_site_id: Mapped[int] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True
    )
    to_site_id: Mapped[int] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True
    )
    minutes: Mapped[int] = mapped_column(Integer)


class CalendarEntry(Base):
    """A term, half-term break, INSET day(s) or closure of one school's calendar."""

    __tablename__ = "calendar_entries"
    __table_args__ = (
        CheckConstraint("kind IN ('term', 'half_term', 'inset', 'closure')", name="kind"),
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    label: Mapped[str] = mapped_column(String(120), default="")
