"""Who may change the centre's settings, said instead of silently disabled fields."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QMessageBox

from familydesk import i18n
from familydesk.i18n import _
from familydesk.trust import permissions


def who_can_change_text() -> str:
    """The line shown instead of silently disabled settings, naming the roles that may."""
    from familydesk.trust.operators import ROLES

    roles = [
        _(ROLES[role])
        for role, allowed in permissions.ROLE_PERMISSIONS.items()
        if permissions.SETTINGS in allowed and role in ROLES
    ]
    return _("Only these roles can change the centre's settings: {roles}.").format(
        roles=", ".join(roles)
    )


def confirm_language(page, index: int) -> None:  # noqa: ANN001 - the Settings page
    """Ask before switching: a stray choice (a wheel, a key) must not change the language
    of every window; No puts the previous language back in the list."""
    combo: QComboBox = page.language_combo
    code = combo.itemData(index)
    if not code or code == i18n.current_language():
        return
    answer = QMessageBox.question(
        page,
        _("Interface language"),
        _("Switch the interface language to {language}?").format(language=combo.itemText(index)),
    )
    if answer != QMessageBox.StandardButton.Yes:
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(i18n.current_language()))
        combo.blockSignals(False)
        return
    page.context.language.apply(code, remember=True)
