"""The appointments calendar: time grid, booking dialog, appointment details."""
