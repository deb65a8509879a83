"""referrals and signposting (with their categories as data), and the retention schedule

Revision ID: 0016_referrals
Revises: 0012_database_id
Create Date: 2026-11-30 07:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016_referrals'
down_revision = '0015_users'
branch_labels = None
depends_on = None

CATEGORIES = ("Behaviour", "Emotional wellbeing", "Speech, language and communication",
              "Special educational needs", "Health", "Attendance", "Parenting and family support",
              "Housing, money and benefits", "Safeguarding concern", "Other")
# (key, years): registers 3 years after the day; incidents until the child is 21 (the age to
# which a claim can be brought); leavers anonymised 3 years after leaving; carers with no children
# deleted after 1 year; audit details older than 3 years trimmed to counts.
RULES = (("registers", 3), ("incidents", 21), ("leavers", 3), ("lone_carers", 1),
         ("audit_details", 3))
_DATES = ("acknowledged_on", "allocated_on", "contacted_on", "closed_on")


def upgrade() -> None:
    categories = op.create_table(
        'referral_categories',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.CheckConstraint('length(name) > 0', name=op.f('ck_referral_categories_name_present')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_categories')),
        sa.UniqueConstraint('name', name=op.f('uq_referral_categories_name')),
    )
    op.create_table(
        'referrals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=12), nullable=False),
        sa.Column('child_id', sa.Integer(), nullable=True),
        sa.Column('carer_id', sa.Integer(), nullable=True),
        sa.Column('school_site_id', sa.Integer(), nullable=True),
        sa.Column('service', sa.String(length=20), nullable=False),
        sa.Column('provider', sa.String(length=150), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('consent_by', sa.String(length=150), nullable=False),
        sa.Column('made_by', sa.String(length=150), nullable=False),
        sa.Column('made_on', sa.Date(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('acknowledged_on', sa.Date(), nullable=True),
        sa.Column('allocated_on', sa.Date(), nullable=True),
        sa.Column('contacted_on', sa.Date(), nullable=True),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.Column('outcome', sa.Text(), nullable=False),
        sa.Column('row_version', sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('referral', 'signposting')", name=op.f('ck_referrals_kind')),
        sa.CheckConstraint('(child_id IS NULL) <> (carer_id IS NULL)',
                           name=op.f('ck_referrals_one_person')),
        sa.CheckConstraint("service <> 'local_provider' OR length(provider) > 0",
                           name=op.f('ck_referrals_provider_named')),
        *(sa.CheckConstraint(f'{name} IS NULL OR {name} >= made_on',
                             name=op.f(f'ck_referrals_{name}_in_order')) for name in _DATES),
        sa.ForeignKeyConstraint(['carer_id'], ['carers.id'], name=op.f('fk_referrals_carer_id_carers')),
        sa.ForeignKeyConstraint(['category_id'], ['referral_categories.id'],
                                name=op.f('fk_referrals_category_id_referral_categories')),
        sa.ForeignKeyConstraint(['child_id'], ['children.id'], name=op.f('fk_referrals_child_id_children')),
        sa.ForeignKeyConstraint(['school_site_id'], ['sites.id'],
                                name=op.f('fk_referrals_school_site_id_sites')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    )
    for column in ('child_id', 'carer_id', 'school_site_id', 'made_on', 'due_on', 'closed_on'):
        op.create_index(op.f(f'ix_referrals_{column}'), 'referrals', [column], unique=False)
    rules = op.create_table(
        'retention_rules',
        sa.Column('key', sa.String(length=30), nullable=False),
        sa.Column('years', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.CheckConstraint('years BETWEEN 1 AND 100', name=op.f('ck_retention_rules_years_range')),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_retention_rules')),
    )
    op.bulk_insert(categories, [{'name': name, 'active': True} for name in CATEGORIES])
    op.bulk_insert(rules, [{'key': key, 'years': years, 'active': True} for key, years in RULES])


def downgrade() -> None:
    op.drop_table('retention_rules')
    for column in ('child_id', 'carer_id', 'school_site_id', 'made_on', 'due_on', 'closed_on'):
        op.drop_index(op.f(f'ix_referrals_{column}'), table_name='referrals')
    op.drop_table('referrals')
    op.drop_table('referral_categories')
