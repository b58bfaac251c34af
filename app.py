"""Application factory: `flask --app app run` finds `create_app` here."""

import secrets
from pathlib import Path

from flask import Flask
from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

import assets
import config
import database
import errors
import security
from accounts import language
from accounts.forms import ConfirmForm
from accounts.views import bp as accounts_bp
from assessment.content import quadrants
from assessment.queries import summary_for
from assessment.views import bp as assessment_bp
from coaching import demo
from coaching.views import bp as coaching_bp
from extensions import babel
from extensions import cache
from extensions import csrf
from extensions import db
from extensions import limiter
from extensions import login_manager
from extensions import migrate
from instrument import cli as instrument_cli
from instrument.views import bp as instrument_bp
from mail import cli as mail_cli
from mail import sender as mail_sender
from mail.views import bp as mail_bp
from privacy.views import bp as privacy_bp
from selling.views import bp as selling_bp

MIGRATIONS = str(Path(__file__).parent / "migrations")


def create_app(test_config=None, instance_path=None):
    """Build the app; `test_config` overrides everything else."""
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(config.defaults(Path(app.instance_path)))
    app.config.from_prefixed_env()
    if test_config:
        app.config.update(test_config)
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or _instance_secret(app)
    app.config.setdefault(
        "SQLALCHEMY_ENGINE_OPTIONS", database.engine_options(app.config)
    )

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS, render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    cache.init_app(app)
    babel.init_app(app, locale_selector=language.select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")

    database.init_app(app)  # before the blueprints: their routes use <id:...>
    app.register_blueprint(assets.bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(assessment_bp)
    app.register_blueprint(coaching_bp)
    app.register_blueprint(selling_bp)
    app.register_blueprint(instrument_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(mail_bp)
    errors.init_app(app)
    security.init_app(app)
    demo.init_app(app)
    instrument_cli.init_app(app)
    mail_cli.init_app(app)
    mail_sender.init_app(app)
    app.context_processor(language.template_globals)
    app.jinja_env.globals["asset"] = assets.asset
    app.jinja_env.filters["join_list"] = language.join_list
    app.jinja_env.globals["list_separator"] = language.list_separator

    @app.get("/")
    def index():
        open_one, latest = summary_for(current_user)
        return render_template(
            "index.html",
            open_one=open_one,
            latest=latest,
            form=ConfirmForm(),
            quadrants=quadrants(),
        )

    if _should_migrate(app):
        with app.app_context():
            import flask_migrate

            flask_migrate.upgrade(directory=MIGRATIONS)
            # Forked workers (gunicorn's preload) must not share these connections.
            db.engine.dispose()
    return app


def _instance_secret(app):
    """A key shared by every worker of this instance, made once on first run."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _should_migrate(app):
    wanted = app.config["AUTO_MIGRATE"]
    if wanted is None:
        return app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    return bool(wanted)
