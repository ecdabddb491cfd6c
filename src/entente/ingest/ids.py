"""Document ids made from addresses (feed entry ids, links, crawled URLs)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

_SLUG_JUNK = re.compile(r"[^A-Za-z0-9_-]+")


def slug(address: str) -> str:
    """A short id from a URL or entry id: its last path segment without the extension."""
    parsed = urlparse(address)
    tail = parsed.path if parsed.scheme in ("http", "https", "file", "") else address
    segments = [s for s in re.split(r"[/:]", unquote(tail)) if s]
    if not segments:
        return ""
    last = segments[-1]
    stem = last.rsplit(".", 1)[0] if "." in last[1:] else last
    return _SLUG_JUNK.sub("-", stem).strip("-")
