"""Privacy and audit (coordinators and admins): one tab per task.

Each tab is a widget with ``retranslate_ui()`` and ``load()``, shown only to
roles whose permission it needs (the services refuse the others anyway).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget, QWidget

from familydesk.i18n import _
from familydesk.trust import permissions
from familydesk.ui.widgets.page import Page, PageContext


@dataclass(frozen=True)
class Tab:
    """A tab: its permission, its title, and its widget as ``"module:Class"``, imported only
    for a role that may use it (the retention tab alone brings the ``holidays`` calendars)."""

    permission: str
    title: Callable[[], str]
    widget: str

    def make(self, context: PageContext) -> QWidget:
        module, name = self.widget.split(":")
        widget: QWidget = getattr(importlib.import_module(module), name)(context)
        return widget


_TABS = "familydesk.ui.privacy"


def tabs() -> list[Tab]:
    """The tabs, in order."""
    return [
        Tab(permissions.VIEW_AUDIT, lambda: _("Audit trail"), f"{_TABS}.audit_tab:AuditTab"),
        Tab(
            permissions.PRIVACY_MANAGE,
            lambda: _("Erasure requests"),
            f"{_TABS}.erasure_tab:ErasureTab",
        ),
        Tab(
            permissions.PRIVACY_MANAGE,
            lambda: _("Retention periods"),
            f"{_TABS}.retention_tab:RetentionTab",
        ),
    ]


class PrivacyPage(Page):
    #: The audit trail (every write adds to it), erasure requests, retention periods.
    shows = frozenset({"audit_log", "erasure_request", "retention_rule", "family", "person"})

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.tab_widget = QTabWidget()
        self.layout_.addWidget(self.tab_widget, 1)
        self._tabs: list[tuple[Tab, QWidget]] = []
        for tab in tabs():
            if context.may(tab.permission):
                widget = tab.make(context)
                self._tabs.append((tab, widget))
                self.tab_widget.addTab(widget, "")
        self.available = bool(self._tabs) and (
            context.may(permissions.VIEW_AUDIT) or context.may(permissions.PRIVACY_MANAGE)
        )
        self.tab_widget.currentChanged.connect(self._tab_shown)
        self.retranslate_ui()

    def title(self) -> str:
        return _("Privacy and audit")

    def unavailable_reason(self) -> str:
        if self.available:
            return ""
        return _("{title}: for coordinators and administrators").format(title=self.title())

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        for index, (tab, widget) in enumerate(getattr(self, "_tabs", [])):
            self.tab_widget.setTabText(index, tab.title())
            if hasattr(widget, "retranslate_ui"):
                widget.retranslate_ui()

    def load(self) -> None:
        self._tab_shown(self.tab_widget.currentIndex())
        self.ready.emit()

    def _tab_shown(self, index: int) -> None:
        if 0 <= index < len(self._tabs) and hasattr(self._tabs[index][1], "load"):
            self._tabs[index][1].load()
