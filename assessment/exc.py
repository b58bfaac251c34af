"""Errors of the assessment core."""


class InvalidPicks(ValueError):
    """The picks cannot be scored; the message names the problem."""
