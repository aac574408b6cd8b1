"""Crash-safety harness: a worker writes until it is killed; the test checks the file."""
