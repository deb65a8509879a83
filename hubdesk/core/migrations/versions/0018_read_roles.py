"""read-only permissions: the head reads everything (rota and overview to change), the driver
reads the Minibus page and prints run sheets

Only roles still holding exactly the permissions they were first given are changed: a role an
administrator has edited is theirs, and stays as they left it.

Revision ID: 0018_read_roles
Revises: 0016_referrals
Create Date: 2026-11-30 09:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0018_read_roles'
down_revision = '0017_block_prices'
branch_labels = None
depends_on = None

_ADMIN_BEFORE = (
    'children', 'children.medical', 'children.passwords', 'clubs', 'courses', 'history',
    'incidents', 'minibus', 'money', 'overview', 'referrals', 'registers', 'retention', 'rota',
    'settings', 'sites', 'staff', 'subject_access', 'users',
)
# role → (permissions before this revision, permissions after it).
CHANGES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    'head': (frozenset({'children', 'clubs', 'courses', 'history', 'minibus', 'money', 'overview',
                        'registers', 'rota', 'sites', 'staff'}),
             frozenset({'read_all', 'rota', 'overview', 'history'})),
    'driver': (frozenset({'minibus'}), frozenset({'minibus.run_sheets'})),
    'administrator': (frozenset(_ADMIN_BEFORE),
                      frozenset(_ADMIN_BEFORE) | {'read_all', 'minibus.run_sheets'}),
}

_grants = sa.table('role_permissions', sa.column('role', sa.String), sa.column('permission',
                                                                             sa.String))


def _swap(direction: int) -> None:
    """Give each unedited role its new (``direction`` 1) or old (-1) permissions."""
    bind = op.get_bind()
    for role, pair in CHANGES.items():
        before, after = pair[::direction]
        held = {row[0] for row in bind.execute(
            sa.select(_grants.c.permission).where(_grants.c.role == role))}
        if held != before:
            continue  # edited by an administrator (or no such role): left alone
        bind.execute(_grants.delete().where(_grants.c.role == role))
        bind.execute(_grants.insert(), [{'role': role, 'permission': p} for p in sorted(after)])


def upgrade() -> None:
    _swap(1)


def downgrade() -> None:
    _swap(-1)
