"""`python -m devtools.static`: build the static edition."""

import sys

from .site import main

sys.exit(main())
