"""People who sign in to hubdesk, their roles, and what each role may do."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hubdesk.core.models.base import Base


class Role(Base):
    __tablename__ = "roles"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    label: Mapped[str] = mapped_column(String(60))


class RolePermission(Base):
    __tablename__ = "role_permissions"

    role: Mapped[str] = mapped_column(ForeignKey("roles.name", ondelete="CASCADE"),
                                      primary_key=True)
    permission: Mapped[str] = mapped_column(String(40), primary_key=True)


class User(Base):
    """A person who signs in; never deleted (the audit names them), only made inactive."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("length(name) > 0", name="user_name_present"),
        CheckConstraint("failed_attempts >= 0", name="failed_attempts_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(ForeignKey("roles.name"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime)
