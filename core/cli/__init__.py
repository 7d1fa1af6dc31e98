"""The `ogicheck` command line (contract.md §1): `main` parses the arguments; one module per subcommand."""

from core.cli.main import main

__all__ = ["main"]
