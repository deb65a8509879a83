"""a per-database identifier stored once in the meta table, so what one database exports (calendar
UIDs) never collides with what another exports

Revision ID: 0012_database_id
Revises: 0011_sort_keys
Create Date: 2026-11-30 06:20:00.000000
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0012_database_id'
down_revision = '0011_sort_keys'
branch_labels = None
depends_on = None

meta = sa.table('meta', sa.column('key', sa.String), sa.column('value', sa.String))


def upgrade() -> None:
    found = op.get_bind().execute(sa.select(meta.c.key).where(meta.c.key == 'database_id')).first()
    if found is None:
        op.bulk_insert(meta, [{'key': 'database_id', 'value': uuid.uuid4().hex}])


def downgrade() -> None:
    op.execute(meta.delete().where(meta.c.key == 'database_id'))
