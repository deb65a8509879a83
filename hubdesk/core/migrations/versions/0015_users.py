"""users who sign in, roles and their permissions as rows an administrator edits, the PC in the audit

A database with users must not be opened by an older hubdesk that would ignore them: an older
program does not know this revision and refuses the database (core/schema.check_not_newer).

Revision ID: 0015_users
Revises: 0012_database_id
Create Date: 2026-11-30 07:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015_users'
down_revision = '0014_core_offer'
branch_labels = None
depends_on = None

# The roles a database starts with, as they were when users came (later defaults do not change
# what this migration wrote): name → (label, permissions).
ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    'office': ('Office', (
        'children', 'children.medical', 'children.passwords', 'clubs', 'history', 'money',
        'registers', 'sites',
    )),
    'head': ('Head', (
        'children', 'clubs', 'courses', 'history', 'minibus', 'money', 'overview', 'registers',
        'rota', 'sites', 'staff',
    )),
    'coordinator': ('Co-ordinator', (
        'clubs', 'courses', 'minibus', 'rota', 'sites', 'staff',
    )),
    'club_staff': ('Club staff', (
        'children.medical', 'children.passwords', 'registers',
    )),
    'driver': ('Driver', (
        'minibus',
    )),
    'safeguarding': ('Safeguarding lead', (
        'children', 'children.medical', 'history', 'incidents', 'referrals',
    )),
    'administrator': ('Administrator', (
        'children', 'children.medical', 'children.passwords', 'clubs', 'courses', 'history',
        'incidents', 'minibus', 'money', 'overview', 'referrals', 'registers', 'retention', 'rota',
        'settings', 'sites', 'staff', 'subject_access', 'users',
    )),
}


def upgrade() -> None:
    roles = op.create_table(
        'roles',
        sa.Column('name', sa.String(40), nullable=False),
        sa.Column('label', sa.String(60), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_roles')),
    )
    grants = op.create_table(
        'role_permissions',
        sa.Column('role', sa.String(40), nullable=False),
        sa.Column('permission', sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(['role'], ['roles.name'], ondelete='CASCADE',
                                name=op.f('fk_role_permissions_role_roles')),
        sa.PrimaryKeyConstraint('role', 'permission', name=op.f('pk_role_permissions')),
    )
    op.create_table(
        'users',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(60), nullable=False),
        sa.Column('password_hash', sa.String(200), nullable=False),
        sa.Column('role', sa.String(40), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('failed_attempts', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.DateTime(), nullable=True),
        sa.Column('last_sign_in', sa.DateTime(), nullable=True),
        sa.CheckConstraint('length(name) > 0', name=op.f('ck_users_user_name_present')),
        sa.CheckConstraint('failed_attempts >= 0', name=op.f('ck_users_failed_attempts_positive')),
        sa.ForeignKeyConstraint(['role'], ['roles.name'], name=op.f('fk_users_role_roles')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
        sa.UniqueConstraint('name', name=op.f('uq_users_name')),
    )
    op.bulk_insert(roles, [{'name': name, 'label': label}
                           for name, (label, _) in ROLES.items()])
    op.bulk_insert(grants, [{'role': name, 'permission': permission}
                            for name, (_, permissions) in ROLES.items()
                            for permission in permissions])
    with op.batch_alter_table('audit_log') as batch:
        batch.add_column(sa.Column('pc', sa.String(60), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_column('pc')
    op.drop_table('users')
    op.drop_table('role_permissions')
    op.drop_table('roles')
