"""Tabs of the Privacy and audit page: audit trail, erasure requests, retention rules."""
