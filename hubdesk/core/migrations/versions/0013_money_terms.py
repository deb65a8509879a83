"""money terms: the history of children's funding flags (free places follow the flags of each
session's day), rebuilt for existing data from the audit log's changes to those flags

Revision ID: 0013_money_terms
Revises: 0012_database_id
Create Date: 2026-11-30 07:40:00.000000
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = '0013_money_terms'
down_revision = '0012_database_id'
branch_labels = None
depends_on = None

TRACKED = ('fsm', 'pupil_premium', 'looked_after')
audit = sa.table('audit_log', sa.column('at', sa.DateTime), sa.column('action', sa.String),
                 sa.column('table_name', sa.String), sa.column('record_id', sa.String),
                 sa.column('changes', sa.JSON))
children = sa.table('children', sa.column('id', sa.Integer))


def _history(rows: Any, known: set[int]) -> list[dict[str, Any]]:
    """One change row per flag an audited update of a child changed (the value it replaced)."""
    found = []
    for at, record_id, changes in rows:
        data = json.loads(changes) if isinstance(changes, str) else (changes or {})
        if not str(record_id).isdigit() or int(record_id) not in known:
            continue
        day = at.replace(tzinfo=UTC).astimezone(ZoneInfo('Europe/London')).date() \
            if isinstance(at, datetime) else datetime.fromisoformat(str(at)).date()
        for basis in TRACKED:
            pair = data.get(basis)
            if isinstance(pair, list) and len(pair) == 2 and bool(pair[0]) != bool(pair[1]):
                found.append({'child_id': int(record_id), 'basis': basis,
                              'before': bool(pair[0]), 'changed_on': day})
    return found


def upgrade() -> None:
    op.create_table('funding_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('before', sa.Boolean(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.CheckConstraint("basis IN ('fsm', 'pupil_premium', 'looked_after')",
                       name=op.f('ck_funding_changes_basis')),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'],
                            name=op.f('fk_funding_changes_child_id_children')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_funding_changes'))
    )
    op.create_index('ix_funding_changes_child_basis', 'funding_changes',
                    ['child_id', 'basis', 'changed_on'], unique=False)
    bind = op.get_bind()
    rows = bind.execute(sa.select(audit.c.at, audit.c.record_id, audit.c.changes).where(
        audit.c.table_name == 'children', audit.c.action == 'update').order_by(audit.c.at)).all()
    known = set(bind.execute(sa.select(children.c.id)).scalars())
    history = _history(rows, known)
    if history:
        table = sa.table('funding_changes', sa.column('child_id', sa.Integer),
                         sa.column('basis', sa.String), sa.column('before', sa.Boolean),
                         sa.column('changed_on', sa.Date))
        op.bulk_insert(table, history)


def downgrade() -> None:
    op.drop_index('ix_funding_changes_child_basis', table_name='funding_changes')
    op.drop_table('funding_changes')
