"""coach roles can end: invitation uses and limits, removals, archived teams

Revision ID: f6b2c0ffee02
Revises: e5a1c0ffee01
Create Date: 2026-12-01 12:00:00

Invitations gain a use limit (a coach invitation lets one person in) and a use
count; `invite_uses` records who joined with which invitation and when;
`team_removals` records whom a coach removed, so an invitation made before the
removal no longer lets them back; a team whose last coach left without a
successor is archived (`teams.archived_at`).

Existing data is brought under the new rules, frozen here so this step means
the same forever:
- every coach invitation that still works is revoked: nobody can tell how many
  people it already let in, and coaches make new, single-use ones in a click;
- every invitation whose maker no longer coaches its team (a deleted account,
  or any other way) is revoked: a code never outlives its maker's coach role;
- every team without a coach is archived: its members' sharing ends (they keep
  their own profiles) and its invitations are revoked, as if its last coach had
  archived it.
The downgrade drops the new tables and columns; what was revoked or archived
stays so, as the older code reads it (revoked codes, ended memberships).
"""
from datetime import UTC
from datetime import datetime

from alembic import op
import sqlalchemy as sa


revision = 'f6b2c0ffee02'
down_revision = 'e5a1c0ffee01'
branch_labels = None
depends_on = None

teams = sa.table('teams', sa.column('id', sa.Integer), sa.column('archived_at', sa.DateTime))
coaches = sa.table('team_coaches', sa.column('team_id', sa.Integer), sa.column('user_id', sa.Integer))
memberships = sa.table(
    'memberships', sa.column('team_id', sa.Integer), sa.column('left_at', sa.DateTime)
)
invites = sa.table(
    'invites',
    sa.column('team_id', sa.Integer),
    sa.column('role', sa.String),
    sa.column('created_by', sa.Integer),
    sa.column('revoked_at', sa.DateTime),
    sa.column('max_uses', sa.Integer),
)


def upgrade():
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.add_column(sa.Column('max_uses', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('use_count', sa.Integer(), server_default='0', nullable=False)
        )
    op.create_table('invite_uses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invite_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('used_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['invite_id'], ['invites.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('invite_uses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invite_uses_invite_id'), ['invite_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invite_uses_user_id'), ['user_id'], unique=False)
    op.create_table('team_removals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('removed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('team_removals', schema=None) as batch_op:
        batch_op.create_index('ix_team_removals_user_team', ['user_id', 'team_id'], unique=False)
    _apply_the_new_rules(datetime.now(UTC).replace(tzinfo=None))


def _apply_the_new_rules(now):
    open_invite = invites.c.revoked_at.is_(None)
    op.execute(invites.update().where(invites.c.role == 'coach').values(max_uses=1))
    op.execute(
        invites.update().where(open_invite, invites.c.role == 'coach').values(revoked_at=now)
    )
    maker_coaches = (
        sa.select(coaches.c.user_id)
        .where(
            coaches.c.team_id == invites.c.team_id,
            coaches.c.user_id == invites.c.created_by,
        )
        .exists()
    )
    op.execute(invites.update().where(open_invite, ~maker_coaches).values(revoked_at=now))
    has_coach = sa.select(coaches.c.user_id).where(coaches.c.team_id == teams.c.id).exists()
    coachless = sa.select(teams.c.id).where(~has_coach)
    op.execute(
        memberships.update()
        .where(memberships.c.team_id.in_(coachless), memberships.c.left_at.is_(None))
        .values(left_at=now)
    )
    op.execute(teams.update().where(~has_coach).values(archived_at=now))


def downgrade():
    with op.batch_alter_table('team_removals', schema=None) as batch_op:
        batch_op.drop_index('ix_team_removals_user_team')
    op.drop_table('team_removals')
    with op.batch_alter_table('invite_uses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invite_uses_user_id'))
        batch_op.drop_index(batch_op.f('ix_invite_uses_invite_id'))
    op.drop_table('invite_uses')
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_column('use_count')
        batch_op.drop_column('max_uses')
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
