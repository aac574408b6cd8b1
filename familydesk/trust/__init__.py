"""Who acts and what they may do: operators, roles and permissions, the audit trail, session
hooks, opening a database."""
