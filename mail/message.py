"""Building a MIME message from an outbox row's values, and what a failure means.

Standard library only (`email.message.EmailMessage` with the SMTP policy): it
encodes Chinese subjects and display names as RFC 2047 words, bodies as UTF-8,
and `headerregistry.Address` keeps a name and an address apart.
"""

from datetime import UTC
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from email.utils import parseaddr

from mail.errors import UnsafeHeader

# After a failed try: base x 2^(tries-1) seconds, but never longer than this.
MAX_BACKOFF_SECONDS = 3600


def check_header(value: str) -> str:
    """Return `value` if it may go into a header; no CR, LF or other line break.

    :raises UnsafeHeader: for a value that could start a header of its own.
    """
    if any(_breaks(c) for c in value):
        raise UnsafeHeader(repr(value))
    return value


def one_line(name: str) -> str:
    """A display name with every line break or control character made a space.

    A person's name is theirs to write; it never decides where a header ends.
    """
    return " ".join("".join(" " if _breaks(c) else c for c in name).split())


def _breaks(c: str) -> bool:
    return ord(c) < 32 or ord(c) == 127 or c in "\x85\u2028\u2029"


def address(name: str, addr: str) -> Address:
    """A recipient or sender as `Name <addr>`, refusing line breaks in either.

    :raises UnsafeHeader: for a line break, or an address without exactly one @.
    """
    check_header(name)
    check_header(addr)
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain:
        raise UnsafeHeader(repr(addr))
    return Address(display_name=name, username=local, domain=domain)


def sender_address(setting: str) -> Address:
    """The From address from a setting such as `Whole-brain selling <a@b.c>`."""
    name, addr = parseaddr(check_header(setting))
    return address(name, addr)


def build(
    *,
    sender: str,
    to_name: str,
    to_addr: str,
    subject: str,
    text: str,
    html: str,
    message_id: str,
    lang: str,
    date: datetime | None = None,
) -> EmailMessage:
    """A multipart/alternative message: plain text first, then HTML.

    :param message_id: kept with the outbox row, so a retried message keeps it.
    :param date: when the message was written (UTC); now when None.
    :raises UnsafeHeader: when any value bound for a header holds a line break.
    """
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender_address(sender)
    message["To"] = address(to_name, to_addr)
    message["Subject"] = check_header(subject)
    message["Message-ID"] = check_header(message_id)
    message["Date"] = format_datetime((date or datetime.now(UTC)).replace(tzinfo=UTC))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    # After the parts: setting content clears every Content-* header.
    message["Content-Language"] = "zh-CN" if lang == "zh" else "en"
    return message


def backoff_seconds(attempts: int, base: int) -> int:
    """How long to wait after the `attempts`-th failed try (1, 2, ...)."""
    return min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS)


def is_permanent(smtp_code: int | None) -> bool:
    """A 5xx reply will not change by trying again; 4xx and lost connections may."""
    return smtp_code is not None and 500 <= smtp_code < 600
