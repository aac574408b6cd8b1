"""The Groups page's parts: the group dialog, sessions, participants, attendance grid, figures."""
