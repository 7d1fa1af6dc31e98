"""Entry point of the frozen app (PyInstaller's script): desktop.app.main, which also serves `--self-test`."""

from __future__ import annotations

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
