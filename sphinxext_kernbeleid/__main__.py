"""``python -m sphinxext_kernbeleid …`` is the ``kernbeleid`` command."""

import sys

from .cli.main import main

sys.exit(main())
