"""Staff basics; qualifications and shifts come with the rota."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base, fold

STAFF_ROLES = (
    "club leader", "play worker", "driver", "escort", "tutor", "crèche worker", "office",
    "co-ordinator", "head",
)


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint("length(forename) > 0 AND length(surname) > 0", name="names_present"),
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

    __mapper_args__ = {"version_id_col": row_version}

    def refresh_search_key(self) -> None:
        self.search_key = fold(f"{self.forename} {self.surname} {self.role}")
