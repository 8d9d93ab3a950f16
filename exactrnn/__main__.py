"""``python -m exactrnn``: the same as the ``exactrnn`` command."""

import sys

from .cli import main

sys.exit(main())
