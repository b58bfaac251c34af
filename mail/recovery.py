"""Links mailed to an account's address: password reset and address confirmation.

Each link's token is written with its message in one transaction, and is used once.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from accounts.language import content_lang
from accounts.models import User
from accounts.models import registered
from database import utcnow
from extensions import db
from mail import letters
from mail import outbox
from mail import tokens
from mail.errors import UnsafeHeader
from mail.models import MailToken

RESET, CONFIRM, ADDRESS = "reset", "confirm", "address"


def request_reset(email, lang):
    """Write a reset link and its message for the account at `email`, if there is one.

    Whether or not the account exists the same work is done (the account and
    its recent links looked up, the letter composed, a token made, hashed and
    written, one commit), so neither the page nor its timing tells a stranger
    which addresses exist; only the outbox row is added for a real account.
    More than PASSWORD_RESET_PER_ACCOUNT_HOUR requests an hour send nothing more.

    :return: True if a message was written (for the security log only).
    """
    config = current_app.config
    token, digest = tokens.make_token()
    user = db.session.scalar(select(User).where(User.email == email))
    recent = _links_this_hour(user.id if user else -1, RESET)
    lang = (user and user.locale or lang)[:2]
    minutes = config["PASSWORD_RESET_MINUTES"]
    letter = letters.compose(
        RESET,
        lang,
        link=outbox.link("mail.reset", token=token),
        name=user.name if user else email,
        minutes=str(minutes),
    )
    send = user is not None and recent < config["PASSWORD_RESET_PER_ACCOUNT_HOUR"]
    # A token is written either way, so both answers cost one insert and one
    # commit; one tied to no account can never be used (`holder` finds nobody).
    db.session.add(
        MailToken(
            user_id=user.id if send else None,
            purpose=RESET,
            digest=digest,
            expires_at=utcnow() + timedelta(minutes=minutes),
        )
    )
    if send:
        try:
            outbox.enqueue(
                RESET,
                letter,
                to_addr=user.email,
                to_name=user.name,
                lang=lang,
                user_id=user.id,
            )
        except UnsafeHeader:  # an address no form lets in: write nothing
            db.session.rollback()
            return False
    db.session.commit()
    return send


def holder(token, purpose=RESET):
    """The user whose unused, unexpired link this is; None for any other token."""
    return db.session.scalar(
        select(User)
        .join(MailToken, MailToken.user_id == User.id)
        .where(
            MailToken.digest == tokens.digest_of(token),
            MailToken.purpose == purpose,
            MailToken.used_at.is_(None),
            MailToken.expires_at > utcnow(),
        )
    )


def use(token, purpose=RESET):
    """Spend the token in one statement, so two tabs can never both use it.

    Every other unused link of the same purpose for that user is spent too.

    :return: the user it belonged to, or None if it was used, expired or unknown.
    """
    user = holder(token, purpose)
    if user is None:
        return None
    now = utcnow()
    spent = db.session.execute(
        update(MailToken)
        .where(
            MailToken.digest == tokens.digest_of(token),
            MailToken.used_at.is_(None),
            MailToken.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        return None
    db.session.execute(
        update(MailToken)
        .where(
            MailToken.user_id == user.id,
            MailToken.purpose == purpose,
            MailToken.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return user


def _links_this_hour(user_id, purpose):
    since = utcnow() - timedelta(hours=1)
    return db.session.scalar(
        select(func.count(MailToken.id)).where(
            MailToken.user_id == user_id,
            MailToken.purpose == purpose,
            MailToken.created_at > since,
        )
    )


def send_confirmation(user, lang, next_url=None):
    """Add a confirmation link for `user`'s address and its message; the caller commits.

    :param next_url: a safe path to go on to once confirmed (an invitation).
    :return: False when CONFIRM_EMAIL_PER_ACCOUNT_HOUR links went out this hour.
    """
    return _mail_link(user, CONFIRM, "mail.confirm", user.email, lang, next=next_url)


def confirm(token):
    """Mark the address of the link's account confirmed; None for a spent link."""
    user = use(token, CONFIRM)
    if user is not None:
        user.email_confirmed_at = user.email_confirmed_at or utcnow()
    return user


@registered.connect
def _on_registered(app, user, next=None):
    """A new account gets its confirmation link in the sign-up's own transaction."""
    send_confirmation(user, content_lang(), next)


def request_address_change(user, new_email, lang):
    """Mail a link to `new_email`; the account keeps its address until it is followed.

    The caller commits. :return: False when CONFIRM_EMAIL_PER_ACCOUNT_HOUR links
    of this kind went out this hour (nothing is written then).
    """
    return _mail_link(
        user, ADDRESS, "mail.change_address", new_email, lang, new_email=new_email
    )


def _mail_link(user, purpose, endpoint, to_addr, lang, new_email=None, **link_args):
    """Write a link's token (stored hashed, CONFIRM_EMAIL_HOURS long) and the
    message that carries it to `to_addr`, in the user's language; the caller commits.

    :return: False, writing nothing, when CONFIRM_EMAIL_PER_ACCOUNT_HOUR links of
        this purpose went out to the account this hour.
    """
    config = current_app.config
    limit = config["CONFIRM_EMAIL_PER_ACCOUNT_HOUR"]
    if user.id and _links_this_hour(user.id, purpose) >= limit:
        return False
    token, digest = tokens.make_token()
    hours = config["CONFIRM_EMAIL_HOURS"]
    lang = (user.locale or lang)[:2]
    letter = letters.compose(
        purpose,
        lang,
        link=outbox.link(endpoint, token=token, **link_args),
        name=user.name,
        hours=str(hours),
    )
    db.session.add(
        MailToken(
            user_id=user.id,
            purpose=purpose,
            digest=digest,
            new_email=new_email,
            expires_at=utcnow() + timedelta(hours=hours),
        )
    )
    outbox.enqueue(
        purpose,
        letter,
        to_addr=to_addr,
        to_name=user.name,
        lang=lang,
        user_id=user.id,
    )
    return True


def change_address(token):
    """Follow a change-of-address link: the new address replaces the old one,
    confirmed, and the old address is told. Commits.

    :return: ("changed", user), ("taken", None) when another account uses the
        address by now, or ("invalid", None) for a used, expired or unknown link.
    """
    row = db.session.scalar(
        select(MailToken).where(
            MailToken.digest == tokens.digest_of(token),
            MailToken.purpose == ADDRESS,
        )
    )
    new_email = row and row.new_email
    user = use(token, ADDRESS)
    if user is None:
        db.session.rollback()
        return "invalid", None
    if db.session.scalar(select(User.id).where(User.email == new_email)):
        db.session.rollback()
        return "taken", None
    old_email, lang = user.email, (user.locale or content_lang())[:2]
    user.email, user.email_confirmed_at = new_email, utcnow()
    letter = letters.compose(
        "address_changed",
        lang,
        link=outbox.link("accounts.login"),
        name=user.name,
        new_email=new_email,
    )
    outbox.enqueue(
        "address_changed",
        letter,
        to_addr=old_email,
        to_name=user.name,
        lang=lang,
        user_id=user.id,
    )
    try:
        db.session.commit()
    except IntegrityError:  # someone signed up with it a moment ago
        db.session.rollback()
        return "taken", None
    return "changed", user
