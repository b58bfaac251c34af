"""Errors of the selling core."""


class InvalidCues(ValueError):
    """The ticked cues cannot be turned into an estimate; the message says why."""
