"""Where the content lives: one leaf module every stage may import (it imports nothing from the package)."""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable that points every command, the dashboard included, at another content folder.
DATA_ENV = "SECONDOP_DATA"
#: Environment variable with the public address of the app (`secondop serve --public-url`): presenter mode's QR code.
PUBLIC_URL_ENV = "SECONDOP_PUBLIC_URL"
#: The static edition's own page address on a public host (set by the page before Python starts): the QR code's
#: last resort, after PUBLIC_URL_ENV and `public_url` in settings.yaml.
PAGE_URL_ENV = "SECONDOP_PAGE_URL"
#: The content shipped with the project.
PACKAGED_DATA = Path(__file__).resolve().parent.parent / "data"

__all__ = ["DATA_ENV", "PACKAGED_DATA", "PAGE_URL_ENV", "PUBLIC_URL_ENV", "data_dir"]


def data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The content folder: the argument, else $SECONDOP_DATA, else the project's `data/`."""
    chosen = path if path is not None else os.environ.get(DATA_ENV) or PACKAGED_DATA
    return Path(chosen).expanduser().resolve()
