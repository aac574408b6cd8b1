"""Subcommands of the command line, one module per capability (see cli.COMMAND_MODULES)."""
