"""The Settings page and its tabs (centre, operators, appointments, cards, backups, access)."""
