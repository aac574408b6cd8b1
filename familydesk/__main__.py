"""``python -m familydesk`` runs the same command line as ``familydesk``."""

from familydesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
