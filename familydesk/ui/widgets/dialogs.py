"""What the Groups page's tabs share: errors in the tab's banner, dialogs opened the same way."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from familydesk.i18n import format_date
from familydesk.kernel.errors import FamilyDeskError
from familydesk.kernel.fields import weekday_name
from familydesk.ui.shell.errors import show_error
from familydesk.ui.widgets.banner import Banner


def report(banner: Banner, owner: QWidget, exc: BaseException) -> None:
    """An expected refusal in ``banner`` (a sentence); a bug in the bug dialog."""
    if isinstance(exc, FamilyDeskError):
        banner.show_message("warning", [exc.message])
    else:
        show_error(owner, exc)


def day_label(moment: Any) -> str:
    """'Tue 13/01/2026' (a date or a datetime)."""
    day = moment.date() if hasattr(moment, "date") and callable(moment.date) else moment
    return f"{weekday_name(day.weekday())[:3]} {format_date(day)}"


def open_dialog(owner: QWidget, dialog: QDialog) -> Any:
    """Show ``dialog`` (window-modal, deleted on close); ``owner.last_dialog`` keeps it for
    tests."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    owner.last_dialog = dialog  # type: ignore[attr-defined]
    return dialog
