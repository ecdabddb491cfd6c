"""Reading articles in every format they arrive in.

``read_documents`` takes files, directories, globs, ``.gz`` files and ``-``
(standard input, JSON Lines) and yields ``Document`` values, and a
``ReadError`` value (never an exception) for anything it cannot read, with
``where`` (``feed.jsonl:12``, ``crawl.warc.gz#3``) and ``reason`` in words.
One reader a format: ``dated`` (dated and plain text), ``jsonl``, ``html``,
``feeds`` (RSS, Atom), ``warc``; ``sources`` finds files and picks the reader;
``watch`` polls feeds for new entries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from entente.ingest.limits import MAX_ARTICLE_BYTES

if TYPE_CHECKING:
    from entente.ingest.sources import read_documents

__all__ = ["MAX_ARTICLE_BYTES", "read_documents"]


def __getattr__(name: str) -> Any:
    """``read_documents`` loads the readers (trafilatura, feedparser...) when first used, so a command
    that only lists the store, and imports ``entente.ingest.normalise``, does not pay for them."""
    if name == "read_documents":
        from entente.ingest.sources import read_documents

        return read_documents
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
