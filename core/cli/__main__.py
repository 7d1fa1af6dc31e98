"""`python -m core.cli`: the same command line as `ogicheck`."""

import sys

from core.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
