"""The family's rights over their data: access export, erasure, anonymising, retention."""
