"""The operators a demo database has, for the sign-in screen's hint.

One per role (``operators.create_demo_operators``) and the extra educators the
groups need (``group_names.EDUCATORS``, made only when fewer than three exist):
the hint lists those that are in the database, so it names every one the demo
made and none it did not.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from familydesk.db.models.registry import Operator
from familydesk.demo.group_names import EDUCATORS
from familydesk.trust.operators import ROLES

#: Every username the demo may create, in the order the hint lists them.
DEMO_USERNAMES: tuple[str, ...] = (*ROLES, *(username for username, _name in EDUCATORS))


def demo_operators(session: Session) -> list[str]:
    """The usernames of the demo's operators present and active, in :data:`DEMO_USERNAMES` order."""
    present = set(
        session.scalars(
            select(Operator.username).where(
                Operator.username.in_(DEMO_USERNAMES), Operator.active.is_(True)
            )
        )
    )
    return [name for name in DEMO_USERNAMES if name in present]
