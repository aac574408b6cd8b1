"""FamilyDesk: front-desk software for Italian family centres.

The package root holds the domain services (plain Python, no Qt); the Qt
user interface lives in :mod:`familydesk.ui` and the database layer in
:mod:`familydesk.db`.
"""

__version__ = "0.1.0"
APP_NAME = "FamilyDesk"
