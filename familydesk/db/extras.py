"""Optional modules, and the pip extra that installs each.

PostgreSQL (``psycopg``) and encryption at rest (``sqlcipher3``) come with the ``postgres``
and ``encryption`` extras. Where one is missing, the operator reads which extra to install
instead of "an unexpected error occurred".
"""

from __future__ import annotations

from familydesk.i18n import _
from familydesk.kernel.errors import FamilyDeskError

#: Top-level module name -> the extra that installs it.
EXTRAS = {"psycopg": "postgres", "psycopg_binary": "postgres", "sqlcipher3": "encryption"}


class MissingExtraError(FamilyDeskError):
    """An optional module is missing or cannot be loaded; the message names the extra."""

    def __init__(self, message: str, extra: str) -> None:
        super().__init__(message)
        self.extra = extra


def _missing_message(extra: str) -> str:
    if extra == "postgres":
        return _(
            "PostgreSQL databases need the psycopg module, which is not installed here: "
            'install it with pip install "familydesk[postgres]".'
        )
    return _(
        "Encryption at rest needs the sqlcipher3 module, which is not installed here: "
        'install it with pip install "familydesk[encryption]".'
    )


def _unloadable_message(module: str, extra: str, detail: object) -> str:
    return _(
        "The {module} module cannot be loaded here ({detail}): reinstall it with "
        'pip install "familydesk[{extra}]".'
    ).format(module=module, detail=detail, extra=extra)


def missing_extra(exc: BaseException) -> MissingExtraError | None:
    """The operator's message when ``exc`` (or what caused it) is an optional module failing.

    A module that is not installed (``ModuleNotFoundError``) names the extra to install; one
    that is installed but cannot be loaded (a missing shared library) says why as well.
    None when ``exc`` has nothing to do with an optional module.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        module = (getattr(current, "name", None) or "").split(".")[0]
        if isinstance(current, ImportError) and module in EXTRAS:
            extra = EXTRAS[module]
            if isinstance(current, ModuleNotFoundError) and current.name == module:
                return MissingExtraError(_missing_message(extra), extra)
            return MissingExtraError(_unloadable_message(module, extra, current), extra)
        current = current.__cause__ or current.__context__
    return None


def driver_error(exc: ImportError, module: str) -> MissingExtraError:
    """The message for ``exc``, raised while loading the driver ``module`` (an optional one)."""
    extra = EXTRAS[module]
    return missing_extra(exc) or MissingExtraError(_unloadable_message(module, extra, exc), extra)
