"""Reports: the centre's settings for reporting, the plan's actions and indicators
(monitoraggio del Piano), and the SIUSS flows sent to INPS.

``centre_setting`` is a small key-value table for what belongs to the centre (not to
an operator's preferences): the small-count threshold of files for outside use, the
ente's SIUSS code and comune. Keys are listed in ``familydesk.reports.settings``.

A plan's action (*azione*) has a title, a taxonomy or macro-area, an objective and a
description, as the seeds' plans write them; each indicator has a target for a period
and either a measure over FamilyDesk's own records (``measure`` with ``filters``, a
JSON object) or a value typed in with its source (``measure`` empty). Groups can be
tagged with the action they carry out (``plan_action_group``).

A SIUSS flow is one file made for INPS; ``siuss_flow_card`` remembers which card went
in which flow, as an insert (I) or, for a card revoked after it was sent, a
cancellation (C).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from familydesk.db.base import Base, RecordMixin, SiteOwnedMixin

MACRO_AREAS = "'', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'"


class CentreSetting(RecordMixin, Base):
    """One setting of the centre (or consortium): a key and its value as text."""

    __tablename__ = "centre_setting"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    value: Mapped[str] = mapped_column(Text, default="")


class PlanAction(RecordMixin, Base):
    """An action of a plan (Piano di Zona, Piano Famiglia): what the centre set out to do."""

    __tablename__ = "plan_action"
    __table_args__ = (CheckConstraint(f"macro_area IN ({MACRO_AREAS})", name="macro_area"),)

    #: The plan it belongs to, as its document names it ("Piano di Zona 2025-2027 ...").
    plan: Mapped[str] = mapped_column(String(200), default="")
    #: The action's number or code in the plan ("3.2"), if it has one.
    code: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(String(300))
    #: The plan's own taxonomy or area ("Politiche per i minori e la famiglia").
    area: Mapped[str] = mapped_column(String(200), default="")
    #: The regional macro-area A-J it falls in, if any.
    macro_area: Mapped[str] = mapped_column(String(1), default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanIndicator(RecordMixin, Base):
    """An indicator of an action: a target for a period, and how the actual is known."""

    __tablename__ = "plan_indicator"

    action_id: Mapped[int] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    target: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    #: A key of ``familydesk.reports.plan.measures.MEASURES``; empty: typed in.
    measure: Mapped[str] = mapped_column(String(40), default="")
    #: The measure's filters, a JSON object ("{}" for none).
    filters: Mapped[str] = mapped_column(Text, default="{}")
    #: For an indicator typed in: the value and where it comes from.
    manual_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    manual_source: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class PlanActionGroup(RecordMixin, Base):
    """A group tagged with the plan's action it carries out."""

    __tablename__ = "plan_action_group"
    __table_args__ = (UniqueConstraint("action_id", "group_id"),)

    action_id: Mapped[int] = mapped_column(ForeignKey("plan_action.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(
        ForeignKey("parent_group.id", ondelete="CASCADE"), index=True
    )


class SiussFlow(SiteOwnedMixin, Base):
    """One SIUSS file made for INPS: the period it covers, when, by whom, its name."""

    __tablename__ = "siuss_flow"

    made_on: Mapped[date] = mapped_column(Date)
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    #: Name of the operator who made it.
    operator: Mapped[str] = mapped_column(String(100), default="")
    records: Mapped[int] = mapped_column(Integer, default=0)


class SiussFlowCard(SiteOwnedMixin, Base):
    """A card sent in a flow: inserted (I), or cancelled (C) after it was revoked."""

    __tablename__ = "siuss_flow_card"
    __table_args__ = (
        CheckConstraint("operation IN ('I', 'C')", name="operation"),
        UniqueConstraint("card_id", "operation"),
    )

    flow_id: Mapped[int] = mapped_column(
        ForeignKey("siuss_flow.id", ondelete="CASCADE"), index=True
    )
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"))
    operation: Mapped[str] = mapped_column(String(1), default="I")
