"""users.is_operator; profiles with no primary but a low quadrant are not whole-brain

Revision ID: b4e1d2a7c9f0
Revises: c153e7bc5651
Create Date: 2026-11-30 10:20:00

Until now a profile with no quadrant coded 1 was stored as pattern 'ABCD'
(whole-brain) even when a quadrant was coded 3 (3 or fewer of 24 picks), e.g.
7-7-7-3. From here on such a profile is 'none'. Stored patterns of finished
assessments and of buyer estimates are recomputed from their stored counts.
The rule is written out here, frozen, so this step means the same forever.
"""
from alembic import op
import sqlalchemy as sa


revision = 'b4e1d2a7c9f0'
down_revision = 'c153e7bc5651'
branch_labels = None
depends_on = None

_LOW = 3  # a count of 3 or fewer is code 3


def _any_low(table):
    return sa.or_(*(table.c[f"count_{q}"] <= _LOW for q in "abcd"))


def _set_pattern(table_name, old, new, low):
    table = sa.table(
        table_name,
        sa.column("pattern", sa.String),
        *(sa.column(f"count_{q}", sa.Integer) for q in "abcd"),
    )
    condition = _any_low(table) if low else sa.not_(_any_low(table))
    op.execute(
        table.update()
        .where(table.c.pattern == old, table.c.count_a.is_not(None), condition)
        .values(pattern=new)
    )


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('is_operator', sa.Boolean(), server_default='0', nullable=False)
        )
    for table_name in ("assessments", "estimates"):
        _set_pattern(table_name, "ABCD", "none", low=True)


def downgrade():
    for table_name in ("assessments", "estimates"):
        _set_pattern(table_name, "none", "ABCD", low=True)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('is_operator')
