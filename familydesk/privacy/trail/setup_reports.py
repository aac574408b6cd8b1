"""The reports' records in words: the centre's settings, the plan's actions, indicators
and tagged groups, the SIUSS flows and the cards sent in them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from familydesk.cards.numbers import grouped
from familydesk.db.models import cards as mc
from familydesk.db.models import groups as mg
from familydesk.db.models import reports as mr
from familydesk.i18n import N_
from familydesk.privacy.trail.vocabulary import words

Lookup = tuple[Any, Any]


def report_lookups() -> dict[str, Lookup]:
    A, Ind, AG = mr.PlanAction, mr.PlanIndicator, mr.PlanActionGroup
    F, FC = mr.SiussFlow, mr.SiussFlowCard
    return {
        "centre_setting": (
            lambda uids: select(mr.CentreSetting.uid, mr.CentreSetting.key).where(
                mr.CentreSetting.uid.in_(uids)
            ),
            lambda r: (None, words(N_("setting “{name}”"), name=r[1])),
        ),
        "plan_action": (
            lambda uids: select(A.uid, A.title).where(A.uid.in_(uids)),
            lambda r: (None, words(N_("plan action “{name}”"), name=r[1])),
        ),
        "plan_indicator": (
            lambda uids: (
                select(Ind.uid, Ind.name, A.title)
                .join(A, A.id == Ind.action_id)
                .where(Ind.uid.in_(uids))
            ),
            lambda r: (None, words(N_("indicator “{name}” of “{action}”"), name=r[1], action=r[2])),
        ),
        "plan_action_group": (
            lambda uids: (
                select(AG.uid, mg.Group.title, A.title)
                .join(A, A.id == AG.action_id)
                .join(mg.Group, mg.Group.id == AG.group_id)
                .where(AG.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(N_("group “{name}” tagged with “{action}”"), name=r[1], action=r[2]),
            ),
        ),
        "siuss_flow": (
            lambda uids: select(F.uid, F.made_on).where(F.uid.in_(uids)),
            lambda r: (None, words(N_("SIUSS flow of {date}"), date=r[1])),
        ),
        "siuss_flow_card": (
            lambda uids: (
                select(FC.uid, mc.Card.number, F.made_on)
                .join(mc.Card, mc.Card.id == FC.card_id)
                .join(F, F.id == FC.flow_id)
                .where(FC.uid.in_(uids))
            ),
            lambda r: (
                None,
                words(
                    N_("card {number} in the SIUSS flow of {date}"),
                    number=grouped(r[1]),
                    date=r[2],
                ),
            ),
        ),
    }
