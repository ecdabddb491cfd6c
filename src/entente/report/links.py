"""Which article URLs may become links: only http(s), never ``javascript:`` or ``data:``."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_web_url(url: object) -> bool:
    """True for an absolute http or https URL with a host; an article's URL is data, not trusted."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)
