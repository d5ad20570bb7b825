"""Run Voilà as `python -m voila` does, after raising Tornado's request limits and adding the link guard,
with Tornado's settings applied when the application is built and long-lived caching of front-end files.

Tornado drops a request line over 64 KiB and answers a bare 400 to more than 1000 query fields, so a long
link ended on a browser error page. Here any URL a browser can send (Chromium: 2 MiB) reaches Voilà, and
the prelaunch hook turns a too-long one into a friendly note (see `long_links`).

`Voila.tornado_settings` (voila.json) reach the Tornado application only after it is built, too late for
settings read while building it: `compress_response` (gzip) among them. `PageWeightVoila` passes them at
construction, and serves Voilà's files so browsers can keep them (`voila_app`, `static_cache`). Standalone
Voilà only: as a Jupyter server extension (Binder) the server's own settings apply (`jupyter_config.json`).
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.httputil import ParseBodyConfig, ParseUrlEncodedConfig, set_parse_body_config

from secondop.link_limits import MAX_BODY_SIZE, MAX_FIELDS, MAX_HEADER_SIZE

from .busy import refuse_when_full
from .first_view_hook import add_first_view, prebuild_first_views
from .hooks import chain
from .long_links import redirect_long_links

log = logging.getLogger(__name__)


def configure_tornado() -> None:
    """Raise the limits for every HTTP server created afterwards in this process (Voilà's `app.listen`).

    `HTTPServer` is a tornado `Configurable`: `configure(None, ...)` sets default arguments for the standard
    implementation. The field limit is global and also applies to urlencoded request bodies; capping the
    body size at the header size keeps a form body's parse cost at the longest link's.
    """
    HTTPServer.configure(None, max_header_size=MAX_HEADER_SIZE, max_body_size=MAX_BODY_SIZE)
    set_parse_body_config(ParseBodyConfig(urlencoded=ParseUrlEncodedConfig(max_arguments=MAX_FIELDS)))


def install_first_view(configuration: Any) -> bool:
    """Put the first-view hook on a `VoilaConfiguration` (kept with any configured one); False when kernels are
    preheated (Voilà allows no prelaunch hook then: pages show Voilà's spinner until the app is drawn)."""
    if configuration.preheat_kernel:
        return False
    configuration.prelaunch_hook = chain(configuration.prelaunch_hook, add_first_view)
    return True


def install_page_limit(configuration: Any) -> bool:
    """Put the page-limit hook (`busy`) on a `VoilaConfiguration`; False when kernels are preheated.

    Before the first view, so a refused page costs no drawing; the kernel manager still refuses a kernel
    over the limit without the hook (`PagesFull`), only without the friendly page.
    """
    if configuration.preheat_kernel:
        return False
    configuration.prelaunch_hook = chain(refuse_when_full, configuration.prelaunch_hook)
    return True


def install_link_guard(configuration: Any) -> bool:
    """Put the long-link hook on a `VoilaConfiguration`; False (and a warning) when kernels are preheated.

    Voilà refuses a prelaunch hook together with `preheat_kernel`. A preheated kernel gets the query string
    over its websocket rather than in its environment, and the dashboard reads at most MAX_QUERY_CHARS, so a
    long link still opens the app (with the note), only without the redirect.
    """
    if configuration.preheat_kernel:
        log.warning("preheated kernels: long links are not redirected (Voilà allows no prelaunch hook then)")
        return False
    configuration.prelaunch_hook = chain(redirect_long_links, configuration.prelaunch_hook)
    return True


def voila_app_class() -> type[Any]:
    """`PageWeightVoila`, imported only when a server starts (importing Voilà takes a while)."""
    from .voila_app import PageWeightVoila

    return PageWeightVoila


def install_static_versioning(app: Any) -> None:
    """Point pages at the versioned folder of Voilà's files (a page-config hook, kept with any configured one).

    Set before the server starts: Voilà hands the hook to its kernel manager while building the settings.
    """
    from .static_cache import with_versioned_static

    configuration = app.voila_configuration
    configuration.page_config_hook = with_versioned_static(app.static_version, configuration.page_config_hook)


def main(argv: list[str] | None = None) -> None:
    """`voila.app.main` (`Voila.launch_instance`) with the limits, the hooks and the cacheable files.

    `argv` defaults to sys.argv[1:].
    """
    configure_tornado()
    app = voila_app_class().instance()
    app.initialize(argv)
    if install_first_view(app.voila_configuration):
        prebuild_first_views()  # drawn in another process as the server starts, kept when they arrive
    install_page_limit(app.voila_configuration)  # a refused page gets the busy page before any view is drawn
    install_link_guard(app.voila_configuration)  # outermost: a too-long link is sent on before any view is drawn
    install_static_versioning(app)
    freeze_startup_objects()
    app.start()


def freeze_startup_objects() -> None:
    """Move everything alive after start-up out of the cyclic collector's sight (`gc.freeze`).

    The kernel manager runs a full collection after pages close (`memory.collect_and_release`); the
    hundreds of thousands of objects from imports and configuration live as long as the server, so
    scanning them on every pass would only cost time.
    """
    gc.collect()
    gc.freeze()
