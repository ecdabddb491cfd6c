"""Document ids that cannot collide across files and sites.

A crawled page is named by its address, normalised (``normalise_uri``); a feed
entry by its guid, else its link, whole; where a source gives nothing stable,
by a hash of the source and the content (``content_id``). Ids are capped in
length later, with the others (``normalise.clean_id``).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_uri(uri: str) -> str:
    """``uri`` as one page's name: scheme and host lowercased, default port and fragment dropped.

    ``HTTP://Example.org:80/a#top`` and ``http://example.org/a`` name the same page.
    Anything that does not parse as a URL is kept as given (stripped).
    """
    text = uri.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    if not parts.scheme or not parts.netloc:
        return text
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (f"{userinfo}@" if userinfo else "") + host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def content_id(source: str, text: str) -> str:
    """An id for an article whose source names it nowhere: a hash of where it came from and what it says."""
    digest = hashlib.sha256(f"{source}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"sha256-{digest[:24]}"
