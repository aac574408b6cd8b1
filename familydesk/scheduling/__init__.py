"""What is open and what is busy when: calendar rules (hours, closures, holidays) and occupancy."""
