"""Dialogs opened from the main window (Qt only; data through the runner)."""
