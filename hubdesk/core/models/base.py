"""Declarative base with a naming convention, so Alembic batch migrations can name constraints."""

from typing import Any

from sqlalchemy import Index, MetaData, Table, event, text
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


def partial_index(name: str, *columns: str, where: str, unique: bool = False) -> Index:
    """An index of the rows ``where`` holds for, written the same in SQLite and PostgreSQL.

    Only ``sqlite_where`` is named: naming ``postgresql_where`` too makes SQLAlchemy load its whole
    PostgreSQL dialect (about 0.04 s) in every process that imports the models, on SQLite as well.
    A PostgreSQL database gets its schema from the migrations, which say ``postgresql_where``; a
    table created from the models on PostgreSQL gets the predicate from ``info`` just before
    (``_where_on_postgresql``); tests/postgres/test_schema_demo.py checks both.
    """
    return Index(name, *columns, unique=unique, sqlite_where=text(where), info={"where": where})


@event.listens_for(Table, "before_create")
def _where_on_postgresql(table: Table, connection: Any, **_kw: Any) -> None:
    if connection.dialect.name != "postgresql":
        return
    for index in table.indexes:
        where = index.info.get("where")
        if where is not None:
            index.dialect_options["postgresql"]["where"] = text(where)
