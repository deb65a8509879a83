"""Alembic environment: runs on the connection handed over by hubdesk.core.schema."""

from __future__ import annotations

from alembic import context

from hubdesk.core.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("hubdesk migrations run through hubdesk.core.schema.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
