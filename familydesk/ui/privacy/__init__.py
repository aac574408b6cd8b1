"""Tabs of the Privacy and audit page."""
