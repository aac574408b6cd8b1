"""The window around the pages: application start, main window, runner, sign-in, lock, errors."""
