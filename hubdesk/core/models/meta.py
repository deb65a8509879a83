"""Key/value facts about the database itself (e.g. whether it holds demo data)."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, Session, mapped_column

from hubdesk.core.models.base import Base


class MetaValue(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(1000))


def store_meta(session: Session, key: str, value: str) -> None:
    """Save ``value`` under ``key`` (an office setting kept as JSON), replacing what was there."""
    row = session.get(MetaValue, key)
    if row is None:
        session.add(MetaValue(key=key, value=value))
    else:
        row.value = value


DATABASE_ID = "database_id"


def database_id(session: Session) -> str:
    """This database's own identifier (made once by migration 0009), '' on a database that
    predates it and has not been upgraded."""
    row = session.get(MetaValue, DATABASE_ID)
    return row.value if row else ""
