"""One module per page of the main window, named after the capability it shows."""
