"""Widgets of the Families page: family detail, dialogs for families, members,
consents and merges."""
