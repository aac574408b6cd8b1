"""Benchmarks (`make bench`): figures for the README, never timed tests."""


def open_signed(location: str):  # type: ignore[no-untyped-def]
    """The database at ``location`` with an administrator signed in (no password check):
    the services measured refuse a session nobody signed in to."""
    from familydesk.db.database import Database

    database = Database.open(location)
    database.operator, database.role = "benchmark", "admin"
    return database
