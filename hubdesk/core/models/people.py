"""Children, their carers (contacts) and the link between them."""

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hubdesk.core.models.base import Base
from hubdesk.core.vocabulary import fold, name_sort_key


class Child(Base):
    __tablename__ = "children"
    __table_args__ = (
        CheckConstraint("year_group BETWEEN -1 AND 6", name="year_group_range"),
        CheckConstraint("length(forename) > 0 AND length(surname) > 0", name="names_present"),
        CheckConstraint("sen_level IN ('none', 'support', 'ehcp')", name="sen_level"),
        CheckConstraint("eal IN ('not_recorded', 'english', 'believed_english', 'other', "
                        "'believed_other', 'unclassified')", name="eal"),
        UniqueConstraint("upn"),
        UniqueConstraint("school_site_id", "mis_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    upn: Mapped[str | None] = mapped_column(String(13))
    mis_id: Mapped[str | None] = mapped_column(String(40))
    forename: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    preferred_forename: Mapped[str] = mapped_column(String(100), default="")
    preferred_surname: Mapped[str] = mapped_column(String(100), default="")
    date_of_birth: Mapped[date] = mapped_column(Date)
    school_site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    year_group: Mapped[int] = mapped_column(Integer, index=True)
    class_name: Mapped[str] = mapped_column(String(40), default="")
    lives_with: Mapped[str] = mapped_column(String(200), default="")
    medical_notes: Mapped[str] = mapped_column(Text, default="")
    allergies: Mapped[str] = mapped_column(Text, default="")
    dietary_needs: Mapped[str] = mapped_column(Text, default="")
    gp_details: Mapped[str] = mapped_column(String(200), default="")
    consent_photos: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_walk_home_alone: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_sun_cream: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_plasters: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_local_trips: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_emergency_treatment: Mapped[bool] = mapped_column(Boolean, default=False)
    fsm: Mapped[bool] = mapped_column(Boolean, default=False)  # eligible now
    fsm_ever6: Mapped[bool] = mapped_column(Boolean, default=False)  # at any time in six years
    pupil_premium: Mapped[bool] = mapped_column(Boolean, default=False)
    looked_after: Mapped[bool] = mapped_column(Boolean, default=False)
    previously_looked_after: Mapped[bool] = mapped_column(Boolean, default=False)
    service_child: Mapped[bool] = mapped_column(Boolean, default=False)
    sen_level: Mapped[str] = mapped_column(String(10), default="none")  # vocabulary.SEN_LEVELS
    eal: Mapped[str] = mapped_column(String(20), default="not_recorded")  # EAL_STATUSES
    first_language: Mapped[str] = mapped_column(String(60), default="")
    tfc_reference: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    left_on: Mapped[date | None] = mapped_column(Date)
    search_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    sort_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    carer_links: Mapped[list["ChildCarer"]] = relationship(
        back_populates="child", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": row_version}

    def refresh_search_key(self) -> None:
        """The folded keys lists search and sort by (sorting by the names a list shows)."""
        self.search_key = fold(
            " ".join(
                p
                for p in (self.forename, self.surname, self.preferred_forename,
                          self.preferred_surname, self.upn or "")
                if p
            )
        )
        self.sort_key = name_sort_key(self.preferred_surname or self.surname,
                                      self.preferred_forename or self.forename)


class Carer(Base):
    """An adult linked to one or more children (siblings share one Carer row)."""

    __tablename__ = "carers"
    __table_args__ = (
        CheckConstraint("length(forename) > 0 OR length(surname) > 0", name="name_present"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(20), default="")
    forename: Mapped[str] = mapped_column(String(100), default="")
    surname: Mapped[str] = mapped_column(String(100), default="")
    phone_mobile: Mapped[str] = mapped_column(String(30), default="")
    phone_home: Mapped[str] = mapped_column(String(30), default="")
    phone_work: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    search_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    row_version: Mapped[int] = mapped_column(Integer, default=1)

    child_links: Mapped[list["ChildCarer"]] = relationship(back_populates="carer")

    __mapper_args__ = {"version_id_col": row_version}

    def refresh_search_key(self) -> None:
        self.search_key = fold(f"{self.forename} {self.surname} {self.email} {self.phone_mobile}")


class ChildCarer(Base):
    """How a carer relates to a child: responsibility, collection, emergency order."""

    __tablename__ = "child_carers"
    __table_args__ = (
        CheckConstraint("NOT (can_collect AND must_not_collect)", name="collect_consistent"),
        CheckConstraint(
            "emergency_priority IS NULL OR emergency_priority BETWEEN 1 AND 9",
            name="priority_range",
        ),
    )

    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), primary_key=True
    )
    carer_id: Mapped[int] = mapped_column(
        ForeignKey("carers.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    relationship_: Mapped[str] = mapped_column("relationship", String(40), default="")
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)
    lives_with: Mapped[bool] = mapped_column(Boolean, default=False)
    can_collect: Mapped[bool] = mapped_column(Boolean, default=False)
    must_not_collect: Mapped[bool] = mapped_column(Boolean, default=False)
    collection_password: Mapped[str] = mapped_column(String(60), default="")
    emergency_priority: Mapped[int | None] = mapped_column(Integer)

    child: Mapped[Child] = relationship(back_populates="carer_links")
    carer: Mapped[Carer] = relationship(back_populates="child_links")
