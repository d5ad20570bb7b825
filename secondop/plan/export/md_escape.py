"""Content as literal Markdown text: the one escaping rule of every Markdown the plan writes (`markdown.py`,
`decision_md.py`), so nothing in the content can become a link, an image, HTML or other markup."""

from __future__ import annotations

import re

#: Characters that start markup anywhere in a line (CommonMark lets a backslash escape any of them).
_INLINE = re.compile(r"([\\`*_\[\]<>~&#|])")
#: What starts a block at the beginning of a line: list markers, quotes, headings, breaks.
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_text(value: object) -> str:
    """Content as literal Markdown text on one line: markup characters escaped, whitespace collapsed."""
    text = " ".join(str(value).split())
    text = _INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
