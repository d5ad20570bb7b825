"""Request limits shared by the server launcher and the dashboard's link reader, in one place.

No imports beyond the standard library: the launcher uses these before Voilà starts, and the kernel reads
them without pulling in the server.
"""

from __future__ import annotations

#: Longest query string the dashboard reads. No real link needs more (all ids of the content fit in ~400
#: characters); a longer one is answered with LINK_TOO_LONG instead, so it never reaches a kernel.
MAX_QUERY_CHARS = 4000
#: The query string a too-long link is sent on to; the dashboard shows a note for it.
LINK_TOO_LONG_KEY = "link"
LINK_TOO_LONG_VALUE = "too-long"
LINK_TOO_LONG = f"{LINK_TOO_LONG_KEY}={LINK_TOO_LONG_VALUE}"
#: Chromium's longest URL (url::kMaxURLChars, 2 MiB); other browsers stop earlier.
BROWSER_MAX_URL = 2 * 1024 * 1024
#: Request line plus headers Tornado accepts (its default is 64 KiB): any URL a browser sends, and room for
#: the usual headers. Also the cap on a request body (Tornado's default is 100 MiB), so a form body costs no
#: more to parse than the longest link.
MAX_HEADER_SIZE = BROWSER_MAX_URL + 64 * 1024
MAX_BODY_SIZE = MAX_HEADER_SIZE
#: Query (and urlencoded body) fields Tornado parses (its default is 1000). A query of n characters has at
#: most n + 1 fields, so no query that fits in MAX_HEADER_SIZE is refused for its field count.
MAX_FIELDS = MAX_HEADER_SIZE
