"""Running the centre: backups and database checks."""
