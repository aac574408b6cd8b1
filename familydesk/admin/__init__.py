"""Running the centre: its details, backups, database checks."""
