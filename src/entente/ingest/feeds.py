"""RSS and Atom feeds: each entry is an article.

feedparser reads both (and is lenient with broken XML: it recovers what it
can). Entries recovered from a malformed feed are still given, followed by a
``BadMarkup`` saying where the XML broke, so nothing is lost silently. An
entry with only a summary whose link is a local page (``file://`` or a path
relative to the feed) is read from that page instead: that is how a local
mirror of a site publishes whole articles. Feeds fetched over the network
never follow local links.
"""

from __future__ import annotations

import datetime as dt
import io
import xml.sax
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import feedparser

from entente.errors import BadDate, BadMarkup, EmptyInput, ReadError
from entente.ingest.decode import check_binary
from entente.ingest.html import Page, extract_page, html_to_text
from entente.ingest.ids import slug
from entente.ingest.limits import read_capped, too_large
from entente.model import Document


def read_feed(
    data: bytes,
    where: str,
    *,
    date: dt.date | None,
    max_bytes: int,
    base_dir: Path | None,
) -> Iterator[Document | ReadError]:
    """Every entry of an RSS or Atom feed. ``base_dir`` (None for remote feeds) resolves local links."""
    problem = check_binary(data, where)
    if problem is not None:
        yield problem
        return
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser's own guard misses some malformed inputs
        yield BadMarkup(where, f"the feed cannot be parsed ({type(exc).__name__}: {exc})")
        return
    broken = _xml_problem(parsed)
    if not parsed.entries:
        if broken is not None:
            yield BadMarkup(where, broken)
        elif not parsed.get("version"):
            yield BadMarkup(where, "not an RSS or Atom feed")
        else:
            yield EmptyInput(where, "the feed has no entries")
        return
    feed_title = parsed.feed.get("title") or None
    ids: set[str] = set()
    for number, entry in enumerate(parsed.entries, start=1):
        entry_where = f"{where}#{number}"
        doc_id = _entry_id(entry, where, number, ids)
        yield _entry(entry, entry_where, doc_id, feed_title, date=date, max_bytes=max_bytes, base_dir=base_dir)
    if broken is not None:
        count = len(parsed.entries)
        yield BadMarkup(where, f"{broken}; {count} {'entry' if count == 1 else 'entries'} before it recovered")


def _xml_problem(parsed: Any) -> str | None:
    exc = parsed.get("bozo_exception")
    if not parsed.get("bozo") or not isinstance(exc, xml.sax.SAXException):
        return None  # encoding overrides and the like are not damage
    line = exc.getLineNumber() if isinstance(exc, xml.sax.SAXParseException) else None
    at = f" at line {line}" if line else ""
    return f"the feed is not well-formed XML{at}: {exc.getMessage()}"


def _entry_id(entry: Any, where: str, number: int, taken: set[str]) -> str:
    base = slug(entry.get("id") or "") or slug(entry.get("link") or "")
    if not base:
        base = f"{slug(Path(where).name) or 'feed'}-{number}"
    doc_id = base if base not in taken else f"{base}-{number}"
    taken.add(doc_id)
    return doc_id


def _entry(
    entry: Any,
    where: str,
    doc_id: str,
    feed_title: str | None,
    *,
    date: dt.date | None,
    max_bytes: int,
    base_dir: Path | None,
) -> Document | ReadError:
    link = entry.get("link") or None
    title = entry.get("title") or None
    entry_date = _entry_date(entry)
    content = entry.get("content") or []
    text = html_to_text(content[0].get("value", "")) if content else ""
    page_date = None
    if not text:
        local = _local_page(link, base_dir)
        if local is not None:
            page = _read_local_page(local, where, max_bytes)
            if isinstance(page, ReadError):
                return page
            text, title, page_date = page.text, title or page.title, page.date
        else:
            text = html_to_text(entry.get("summary") or "")
    if not text:
        return EmptyInput(where, "the entry has no content and no summary")
    chosen = entry_date or page_date or date
    if chosen is None:
        return BadDate(where, "the entry has no published or updated date and no date was given")
    return Document(id=doc_id, date=chosen, text=text, title=title, url=link, source=feed_title, origin=where)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _local_page(link: str | None, base_dir: Path | None) -> Path | None:
    if not link or base_dir is None:
        return None
    parsed = urlparse(link)
    if parsed.scheme == "file":
        path = Path(url2pathname(parsed.path))
    elif parsed.scheme == "" and not parsed.netloc:
        path = base_dir / unquote(parsed.path)
    else:
        return None
    try:
        return path if path.is_file() else None
    except OSError:
        return None


def _read_local_page(path: Path, where: str, max_bytes: int) -> Page | ReadError:
    page_where = f"{where} ({path})"
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return too_large(page_where, size, max_bytes)
        with path.open("rb") as stream:
            data = read_capped(stream, page_where, max_bytes)
    except OSError as exc:
        return BadMarkup(page_where, f"the linked page cannot be read: {exc.strerror or exc}")
    if isinstance(data, ReadError):
        return data
    return extract_page(data, page_where)
