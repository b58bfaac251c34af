"""users.session_token replaces session_epoch; user ids are never reused

Revision ID: d7a3c5e9f1b2
Revises: b4e1d2a7c9f0
Create Date: 2026-11-30 11:00:00

SQLite hands a deleted row's id to the next insert unless the table is
AUTOINCREMENT, and a session that named only the id and an epoch counter then
opened the new account. The table is rebuilt with AUTOINCREMENT (SQLite only;
PostgreSQL sequences never reuse ids), and each user gets a random session
token that every session must carry. Existing sessions end: they carry no token.
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = 'd7a3c5e9f1b2'
down_revision = 'b4e1d2a7c9f0'
branch_labels = None
depends_on = None

users = sa.table("users", sa.column("id", sa.Integer), sa.column("session_token", sa.String))


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
    conn = op.get_bind()
    for (user_id,) in conn.execute(sa.select(users.c.id)).all():
        conn.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(session_token=secrets.token_urlsafe(32))
        )
    with op.batch_alter_table(
        'users', schema=None, recreate='auto', table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_column('session_epoch')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_column('session_token')
