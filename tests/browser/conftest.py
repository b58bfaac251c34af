"""A live server and a real Chromium for the browser tests."""

import os
import shutil
import threading
from contextlib import contextmanager

import pytest
from werkzeug.serving import make_server

from app import create_app
from tests.conftest import FAST_HASH
from tests.conftest import close_database
from tests.conftest import database_url

CHROMIUM = "/usr/bin/chromium"


@contextmanager
def serve(folder, **config):
    """An app on a fresh database in `folder`, served on a free loopback port:
    yields the app (to seed it) and its address."""
    app = create_app(
        {
            "SECRET_KEY": "browser-test",
            "SQLALCHEMY_DATABASE_URI": database_url(folder),
            "PASSWORD_HASH_METHOD": FAST_HASH,
            "AUTO_MIGRATE": True,
            "MAIL_IN_PROCESS_SENDER": False,
            # Team tests join without the mailed link; tests/mail checks the rule.
            "REQUIRE_CONFIRMED_EMAIL": False,
            **config,
        },
        instance_path=str(folder),
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture
def live_server(tmp_path):
    """The app served on a free loopback port for the length of one test."""
    with serve(tmp_path) as (app, url):
        yield url
        close_database(app)


@pytest.fixture
def mail_server_app(tmp_path, smtp_server):
    """The app on a free port as in production: its own sender thread mails to
    `smtp_server`, and joining a team needs a confirmed address."""
    with serve(
        tmp_path,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        MAIL_IN_PROCESS_SENDER=True,
        MAIL_SEND_INTERVAL_SECONDS=1,
        REQUIRE_CONFIRMED_EMAIL=True,
    ) as (app, url):
        yield app, url
        if "mail_sender" in app.extensions:
            app.extensions["mail_sender"].stop()
        close_database(app)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. CI must have it: there the test fails, never skips."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(
            f"{CHROMIUM} is missing: apt-get install -y chromium to run browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
