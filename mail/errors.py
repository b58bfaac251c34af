"""The mail package's errors."""


class MailError(Exception):
    """Base of every error raised by the mail package."""


class UnsafeHeader(MailError):
    """A value meant for a mail header holds a line break (header injection)."""
