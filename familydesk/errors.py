"""Errors that speak to the operator.

A :class:`FamilyDeskError` carries a message already translated into the
user's language; the CLI prints it on one line and the GUI shows it in a
dialog. Anything else reaching the top is a bug: it is logged and shown as a
friendly "something went wrong" dialog, never as a traceback.
"""

from __future__ import annotations


class FamilyDeskError(Exception):
    """An expected failure with a message for the operator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(FamilyDeskError):
    """Bad input in a named field; nothing was written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(FamilyDeskError):
    """The record was changed by someone else since it was read."""


class NotFoundError(FamilyDeskError):
    """The record no longer exists."""


class DatabaseLocationError(FamilyDeskError):
    """The database location cannot be used (network share, bad URL, ...)."""


class DatabaseTooNewError(FamilyDeskError):
    """The database was created by a newer FamilyDesk; it was left untouched."""


class BackupError(FamilyDeskError):
    """A backup could not be written or did not verify."""
