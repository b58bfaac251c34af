"""`flask mail send [--loop]`: the sender as a process of its own."""

import time

import click
from flask.cli import AppGroup

from extensions import db
from mail.sender import deliver_pending
from mail.sender import purge

mail_cli = AppGroup("mail", help="The outbox.")


@mail_cli.command("send")
@click.option("--loop", is_flag=True, help="Keep sending until stopped.")
@click.option(
    "--interval", default=5.0, show_default=True, help="Seconds between rounds."
)
def send_command(loop, interval):
    """Deliver every message that is due (once, or every INTERVAL seconds)."""
    while True:
        try:
            sent = deliver_pending()
            purge()
        finally:
            db.session.remove()
        if sent or not loop:
            click.echo(f"sent {sent}")
        if not loop:
            return
        time.sleep(interval)


def init_app(app):
    app.cli.add_command(mail_cli)
