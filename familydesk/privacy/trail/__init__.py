"""The audit trail in words: who and what each entry is about, as the Privacy page shows it.

``familydesk.trust.audit`` writes the chain, seals it and pages through it; it stores uids
and column names only and knows no capability. Naming the records needs every
capability's tables and built-in wording (services, needs, card numbers, consent kinds,
retention kinds), so it lives here, above them: ``vocabulary`` (the words of actions,
kinds of record and fields), ``setup`` and ``subjects`` (one query per kind of record:
what the centre is set up with, and what names a person or family — an anonymised one
never by name), ``words`` (a page of the trail as :class:`~.words.AuditLine` rows).
"""
