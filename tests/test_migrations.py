"""The migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from extensions import db


def test_models_and_migrations_agree(app):
    """After `upgrade`, autogenerate finds nothing left to migrate."""
    with app.app_context(), db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(app):
    """The first migration can be undone and redone on an empty database."""
    import flask_migrate

    with app.app_context():
        flask_migrate.downgrade(revision="base")
        flask_migrate.upgrade()
        assert "users" in db.inspect(db.engine).get_table_names()


def test_a_step_down_and_up_keeps_every_row(app, actions):
    """Rebuilding a table (SQLite batch mode) never cascades into users' data."""
    import flask_migrate
    from sqlalchemy import text

    actions.register()
    actions.take_assessment()
    with app.app_context():
        flask_migrate.downgrade(revision="-1")
        flask_migrate.upgrade()
        count = db.session.execute(text("SELECT count(*) FROM assessments")).scalar()
        answers = db.session.execute(
            text("SELECT count(*) FROM round_answers")
        ).scalar()
        db.session.remove()
    assert (count, answers) == (1, 3)
