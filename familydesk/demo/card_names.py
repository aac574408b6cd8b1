"""Plain data for the demo's family cards (no logic): the two card types with their rules,
and the words operators write when a card is revoked or replaced."""

from __future__ import annotations

from decimal import Decimal

#: Card types as a coordinator would set them (``CardType`` columns). The family card
#: follows the national Carta della Famiglia (three children under 26, no income
#: limit) with a year of residence in the Ambito; the youth card the regional ones.
CARD_TYPES: list[dict[str, object]] = [
    {
        "name": "Carta Famiglia",
        "description": "Per i nuclei con almeno tre figli under 26 residenti da almeno un anno "
        "in un comune dell'Ambito di Suzzara: sconti ed agevolazioni presso gli esercizi "
        "convenzionati. Valida 24 mesi.",
        "residence_required": True,
        "residence_months": 12,
        "min_children": 3,
        "child_age_limit": 26,
        "count_foster": True,
        "disability_age_limit": 30,
        "isee_ceiling": None,
        "holder_min_age": None,
        "holder_max_age": None,
        "validity_months": 24,
        "active": True,
    },
    {
        "name": "Carta Giovani",
        "description": "Per i ragazzi dai 18 ai 25 anni residenti nell'Ambito con un ISEE "
        "valido fino a 30.000 €: cultura, sport e formazione a prezzi ridotti. Valida 12 mesi.",
        "residence_required": True,
        "residence_months": 0,
        "min_children": 0,
        "child_age_limit": 18,
        "count_foster": True,
        "disability_age_limit": None,
        "isee_ceiling": Decimal("30000.00"),
        "holder_min_age": 18,
        "holder_max_age": 25,
        "validity_months": 12,
        "active": True,
    },
]

REVOKE_REASONS = [
    "Trasferimento di residenza fuori dall'Ambito",
    "Dichiarazione ISEE non veritiera",
    "Rinuncia della famiglia",
    "Uso della carta da parte di persone non del nucleo",
    "Variazione del nucleo familiare: requisiti non più posseduti",
]
REPLACE_REASONS = ["Smarrimento", "Smarrimento", "Furto del portafoglio", "Carta danneggiata"]

#: Who issues cards (demo operators' usernames) and how often.
ISSUERS = (("reception", 75), ("professional", 15), ("coordinator", 10))
#: Who records benefit uses at the counter.
COUNTER = (("reception", 80), ("coordinator", 20))
