"""``python -m sphinxext_kernbeleid …`` is the ``kernbeleid`` command."""

import sys

from .cli import main

sys.exit(main())
