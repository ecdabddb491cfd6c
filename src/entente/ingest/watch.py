"""Polling feeds: each new entry is delivered once, ever, across restarts.

What has been delivered is kept at ``seen_path`` as JSON (entry ids and
content hashes), rewritten atomically after each feed so a crash loses at
most one feed's bookkeeping (and then re-delivers, never skips). An entry
counts as seen when either its id or its content was seen: a feed that
re-issues an article under a new id does not deliver it twice.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from entente.errors import CannotWrite, ReadError, Unreadable
from entente.ingest.feeds import read_feed
from entente.ingest.limits import MAX_ARTICLE_BYTES, read_capped, too_large
from entente.ingest.normalise import normalise_document, normalise_error
from entente.model import Document

_FETCH_TIMEOUT = 30.0


def watch_feeds(
    feeds: list[str],
    *,
    interval: float,
    seen_path: Path,
    on_document: Callable[[Document], None],
    on_error: Callable[[ReadError], None],
    rounds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Poll ``feeds`` (paths or http(s) URLs) every ``interval`` seconds; ``rounds=None`` runs forever."""
    seen = load_seen(seen_path)
    done = 0
    while rounds is None or done < rounds:
        for feed in feeds:
            _poll(feed, seen, on_document, on_error)
            save_seen(seen_path, seen)
        done += 1
        if rounds is None or done < rounds:
            sleep(interval)


def _poll(
    feed: str,
    seen: set[str],
    on_document: Callable[[Document], None],
    on_error: Callable[[ReadError], None],
) -> None:
    fetched = _fetch(feed)
    if isinstance(fetched, ReadError):
        on_error(fetched)
        return
    for read in read_feed(fetched, feed, date=None, max_bytes=MAX_ARTICLE_BYTES):
        if isinstance(read, ReadError):
            on_error(normalise_error(read))
            continue
        item = normalise_document(read)
        keys = {f"id:{item.url or item.id}", f"hash:{item.content_hash}"}
        if keys & seen:
            continue
        on_document(item)
        seen.update(keys)


def _fetch(feed: str) -> bytes | ReadError:
    """The feed's bytes, from a path the user named or an http(s) URL."""
    if feed.startswith(("http://", "https://")):
        return _fetch_url(feed)
    path = Path(feed)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            return too_large(feed, size, MAX_ARTICLE_BYTES)
        with path.open("rb") as stream:
            data = read_capped(stream, feed, MAX_ARTICLE_BYTES)
    except OSError as exc:
        return Unreadable(feed, f"cannot be read: {exc.strerror or exc}")
    return data


def _fetch_url(url: str) -> bytes | ReadError:
    import httpx  # only remote feeds need it

    try:
        response = httpx.get(url, timeout=_FETCH_TIMEOUT, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        return Unreadable(url, f"cannot be fetched: {exc}")
    if len(response.content) > MAX_ARTICLE_BYTES:
        return too_large(url, len(response.content), MAX_ARTICLE_BYTES)
    return response.content


def load_seen(path: Path) -> set[str]:
    """The keys delivered so far; a missing file means nothing was."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:
        raise Unreadable(str(path), f"the seen-entries file cannot be read: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("seen"), list):
        raise Unreadable(str(path), "the seen-entries file is not a JSON object with a 'seen' list")
    return {str(key) for key in raw["seen"]}


def save_seen(path: Path, seen: set[str]) -> None:
    """Write-then-rename, so a reader never finds half a file; :class:`CannotWrite` (E420) when it cannot be."""
    try:
        _write_seen(path, seen)
    except OSError as exc:
        raise CannotWrite(f"cannot write the seen-entries file {path}: {exc.strerror or exc}") from exc


def _write_seen(path: Path, seen: set[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"seen": sorted(seen)}, out, indent=0)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
