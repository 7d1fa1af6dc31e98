"""Entry point of both frozen executables (PyInstaller's script), told apart by their own file name:

- `ogicheck` / `ogicheck.exe` (windowed on Windows): desktop.app.main, which also serves `--self-test`;
- `ogicheck-cli` / `ogicheck-cli.exe` (console): core.cli.main (check / export / batch, contract.md §1),
  plus `--self-test`, the same headless check as the window's.

Both are built from one analysis and share one folder of libraries (build/ogicheck.spec).
"""

from __future__ import annotations

import sys
from pathlib import Path

CLI_SUFFIX = "-cli"


def is_cli(executable: str) -> bool:
    """True for the console executable (ogicheck-cli, ogicheck-cli.exe, any case)."""
    return Path(executable).stem.lower().endswith(CLI_SUFFIX)


def cli_main(argv: list[str]) -> int:
    from core.console import configure_stdio, pause_if_own_console

    configure_stdio()
    if argv == ["--self-test"]:
        from desktop import selftest

        return int(selftest.run())
    from core.cli.main import build_parser, main

    if not argv:  # double-clicked in Explorer: show the usage in the console it opened, and wait
        build_parser().print_help()
        pause_if_own_console()
        return 0
    return int(main(argv))


def main() -> int:
    if is_cli(sys.executable):
        return cli_main(sys.argv[1:])
    from desktop.app import main as gui_main

    return int(gui_main())


if __name__ == "__main__":
    # First of all: a process that the batch's or the window's process pool starts from this exe (a worker, the
    # fork server, the resource tracker) runs its multiprocessing part here and exits; without this call it
    # would run the app with the pool's arguments (PyInstaller's multiprocessing hook supplies the frozen
    # freeze_support; outside a frozen app it does nothing).
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(main())
