"""Errors a user can cause. The edges (CLI, web) turn them into a one-line message or a 4xx."""


class GerdyError(Exception):
    """Base of every error caused by user input rather than a bug."""


class InvalidInput(GerdyError):
    """A value, event, profile or document that breaks the contract."""


class NoRecord(GerdyError):
    """The operation needs a profile and there is none yet."""


class RecordNotEmpty(GerdyError):
    """A load into a record that already holds data, without --replace."""


class BeforeStart(InvalidInput):
    """An event dated before the programme's start date."""
