"""The size cap on one article, and reading a stream under it.

A news article is a few kilobytes; anything past ``MAX_ARTICLE_BYTES`` is a
mistake (a dump, a video, a log) and is refused without being read whole.
"""

from __future__ import annotations

from typing import Protocol

from entente.errors import TooLarge

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
_CHUNK = 1 << 16


class ByteStream(Protocol):
    """What the readers need of a file, a gzip stream or standard input."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


def too_large(where: str, size: int, max_bytes: int) -> TooLarge:
    return TooLarge(where, f"article is {size} bytes, over the {max_bytes}-byte cap")


def read_capped(stream: ByteStream, where: str, max_bytes: int) -> bytes | TooLarge:
    """Read at most one byte past the cap, so a huge stream is never held in memory.

    Chunked, because ``read(n)`` allocates ``n`` bytes up front even for a small file.
    """
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        return TooLarge(where, f"article is over the {max_bytes}-byte cap (stopped reading there)")
    return b"".join(chunks)
