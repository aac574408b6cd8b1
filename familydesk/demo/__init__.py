"""Realistic synthetic data for demos, tests and benchmarks.

``fill_demo(session, families=N, seed=S)`` gives the same families for the
same seed. The shape follows the Ambito di Suzzara (six comuni, 51,179
inhabitants, see shared/seeds): mostly Italian households, about one in
five of foreign origin, as in the plans. Unless asked for families only, it
adds the desk's history (``familydesk.demo.activity``): a place per comune
with rooms, hours, patron saint's day and closures, professionals and
interpreters with their absences, two years of walk-in contacts with today's
queue, appointments from a year back to two months ahead, every one inside
the booking rules, and parenting groups (sessions, sign-ups, waiting lists,
attendance) from a year back to three months ahead, and the family cards
(``familydesk.demo.cards``: two card types, partners and their benefits across the
six comuni, cards for the families that qualify, a year of benefit uses). Every
later capability extends it.
"""

from familydesk.demo.activity import ActivitySize, ActivitySummary, fill_activity
from familydesk.demo.generator import DemoSummary, fill_demo

__all__ = ["ActivitySize", "ActivitySummary", "DemoSummary", "fill_activity", "fill_demo"]
