"""Database layer: typed models, engine and sessions, migrations, backups.

Only :mod:`familydesk.db.dialect` knows the differences between SQLite and
PostgreSQL; everything else is written once for both.
"""
