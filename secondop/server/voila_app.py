"""Voilà's application with its Tornado settings applied at construction and its front-end files cacheable.

`Voila.tornado_settings` (voila.json) reach Tornado only after Voilà has built its application, too late for
what `Application.__init__` reads: `compress_response` (gzip for every text response the browser accepts
compressed) among them. And stock Voilà makes browsers revalidate each of its ~100 front-end files on every
visit (`static_cache`).
"""

from __future__ import annotations

from typing import Any

from voila.app import Voila

from .static_cache import cached_handlers, static_version


class PageWeightVoila(Voila):
    """Voilà with its Tornado settings applied at construction and its front-end files cacheable."""

    def init_settings(self) -> dict[str, Any]:
        """Voilà's settings plus `tornado_settings`, so settings read by `Application.__init__` take effect.

        Voilà itself updates the settings only after building the application, where `compress_response`
        no longer adds the gzip transform. It updates them again afterwards, with the same values.
        """
        return {**super().init_settings(), **self.tornado_settings}

    def init_handlers(self) -> list[Any]:
        return cached_handlers(super().init_handlers(), self.server_url, self.static_paths, self.static_version)

    @property
    def static_version(self) -> str:
        """The hash naming the versioned folder of Voilà's front-end files (computed once)."""
        version = getattr(self, "_static_version", None)
        if version is None:
            version = self._static_version = static_version(self.static_paths)
        return version
