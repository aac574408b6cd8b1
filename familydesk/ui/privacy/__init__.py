"""Tabs of the Privacy and audit page: retention rules and erasure requests."""
