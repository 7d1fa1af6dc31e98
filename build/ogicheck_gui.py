"""Entry point of the frozen app (PyInstaller's script): `--self-test` runs the headless check, else the window."""

from __future__ import annotations

import sys


def _main() -> int:
    if "--self-test" in sys.argv[1:]:
        # Before any Qt import: the self-test needs no window and must run on a machine without a display.
        from desktop.selftest import run

        return run()
    from desktop.app import main

    return int(main() or 0)


if __name__ == "__main__":
    sys.exit(_main())
