"""RSS and Atom feeds: each entry is an article.

feedparser reads both (and is lenient with broken XML: it recovers what it
can). Entries recovered from a malformed feed are still given, followed by a
``BadMarkup`` saying where the XML broke, so nothing is lost silently. An
entry's text is its content, else its summary. Its link is metadata only:
it is never opened, so a feed cannot make entente read a local file
(``<link>/etc/passwd</link>``, ``../x.html``, ``file://``). An entry's id is
its guid, else its link, whole; with neither, a hash of the feed and the
entry's text.
"""

from __future__ import annotations

import datetime as dt
import io
import xml.sax
from collections.abc import Iterator
from typing import Any

from entente.errors import BadDate, BadMarkup, EmptyInput, ReadError
from entente.ingest.decode import check_binary
from entente.ingest.html import html_to_text
from entente.ingest.ids import content_id
from entente.model import Document


def read_feed(
    data: bytes,
    where: str,
    *,
    date: dt.date | None,
    max_bytes: int,
) -> Iterator[Document | ReadError]:
    """Every entry of an RSS or Atom feed (the caller has held the feed to ``max_bytes``)."""
    problem = check_binary(data, where)
    if problem is not None:
        yield problem
        return
    import feedparser  # here, not at the top: only feeds need it

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
        yield _entry(entry, where, number, ids, feed_title, date=date)
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


def _entry_id(entry: Any, feed: str, text: str, number: int, taken: set[str]) -> str:
    """The guid, else the link, whole; else a hash of the feed and the text. Repeats get ``-N``."""
    base = str(entry.get("id") or "").strip() or str(entry.get("link") or "").strip()
    if not base:
        base = content_id(feed, text)
    doc_id = base if base not in taken else f"{base}-{number}"
    taken.add(doc_id)
    return doc_id


def _entry(
    entry: Any, feed: str, number: int, taken: set[str], feed_title: str | None, *, date: dt.date | None
) -> Document | ReadError:
    where = f"{feed}#{number}"
    link = entry.get("link") or None
    title = entry.get("title") or None
    content = entry.get("content") or []
    text = html_to_text(content[0].get("value", "")) if content else ""
    if not text:
        text = html_to_text(entry.get("summary") or "")
    if not text:
        return EmptyInput(where, "the entry has no content and no summary")
    chosen = _entry_date(entry) or date
    if chosen is None:
        return BadDate(where, "the entry has no published or updated date and no date was given")
    doc_id = _entry_id(entry, feed, text, number, taken)
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
