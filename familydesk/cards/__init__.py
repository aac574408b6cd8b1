"""Family cards (Carta della Famiglia): card types with rules that explain themselves,
numbers with a check character, issue, renewal, revocation and replacement, partners
and their benefits, redemptions checked by card number.

Modules: ``numbers`` (format, check character, per-comune sequence), ``types`` (card
types and their rules), ``eligibility`` (a family against a card type, every rule with
its reason), ``issue`` (issue, renew, revoke, replace; the card register), ``lookup``
(a number's validity and why), ``partners`` (partners and benefits), ``redemptions``.
Services take a session and never commit.
"""
