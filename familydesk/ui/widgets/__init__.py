"""Widgets every page uses: table models, banner, form dialog, person picker, fields."""
