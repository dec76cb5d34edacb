"""``python -m hub_plugin``: the ``hub`` command."""

import sys

from .hosts.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
