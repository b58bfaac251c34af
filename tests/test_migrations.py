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
