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
    """Bad input in a named field; nothing was written.

    ``errors`` lists every wrong field of the form as ``(field, message)``, top to
    bottom (one, unless raised by :class:`FieldErrors`); ``field`` is the first of them
    and the message has one line per error.
    """

    def __init__(self, field: str, message: str, more: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__("\n".join([message, *(m for _f, m in more)]))
        self.field = field
        self.errors: tuple[tuple[str, str], ...] = ((field, message), *more)


class FieldErrors:
    """Collect every wrong field of a form, then raise them together:

    errors = FieldErrors()
    name = errors.check(clean_name, data.name)      # None when wrong
    ...
    errors.raise_any()
    """

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def add(self, field: str, message: str) -> None:
        self.found.append((field, message))

    def check(self, check, *args, **kwargs):  # type: ignore[no-untyped-def]
        """``check(*args, **kwargs)``, or None with its ``ValidationError`` kept."""
        try:
            return check(*args, **kwargs)
        except ValidationError as exc:
            self.found.extend(exc.errors)
            return None

    def raise_any(self) -> None:
        if self.found:
            (field, message), *more = self.found
            raise ValidationError(field, message, tuple(more))


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
