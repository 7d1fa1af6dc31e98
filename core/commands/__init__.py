"""Subcommands of the `ogicheck` CLI, one module each."""
