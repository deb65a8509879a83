"""Declarative base with a naming convention, so Alembic batch migrations can name constraints."""

from __future__ import annotations

import unicodedata

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def fold(text: str) -> str:
    """Lower-case, accent-free form used for searching: 'Łucja Öztürk' -> 'lucja ozturk'."""
    special = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
                             "ß": "ss", "ı": "i", "İ": "i", "æ": "ae", "Æ": "ae"})
    decomposed = unicodedata.normalize("NFKD", text.translate(special))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()
