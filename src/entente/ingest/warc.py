"""WARC and ARC crawls: each HTML ``response`` (or ``resource``) record is an article.

warcio reads plain and gzipped WARC alike, and ARC files (converted to WARC
records as it goes). A record's id is its target URI, normalised
(``ids.normalise_uri``), so two crawls of different sites never share an id.
Records that are not articles are skipped without an error and counted
through ``on_skip`` (what kind of record, and why): redirects, empty bodies,
non-HTML content. warcio does not complain when a file ends inside a record,
so the reader checks that each record's body was read to its declared length
and reports the rest as ``Truncated``. The date is the page's own, else the
``date`` given, else the crawl time (``WARC-Date``, marked assumed: a crawl is
not a publication).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from entente.errors import BadMarkup, ReadError, TooLarge, Truncated
from entente.ingest.html import read_html
from entente.ingest.ids import content_id, normalise_uri
from entente.ingest.limits import ByteStream
from entente.model import Document

OnSkip = Callable[[str, str], None]  # (where, why) of a record that is not an article

_ARTICLE_RECORDS = ("response", "resource")


def read_warc(
    stream: ByteStream, where: str, *, date: dt.date | None, max_bytes: int, on_skip: OnSkip | None = None
) -> Iterator[Document | ReadError]:
    """Every HTML response or resource of a WARC (or ARC) stream; requests and metadata pass unremarked."""
    from warcio.archiveiterator import ArchiveIterator  # here, not at the top: only WARC input needs it

    number = 0
    skip = on_skip or (lambda _where, _why: None)
    records = iter(ArchiveIterator(stream, arc2warc=True))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises its own and plain errors on damaged input
            yield _damaged(where, number + 1, exc)
            return
        number += 1
        record_where = f"{where}#{number}"
        try:
            yield from _record(record, record_where, number, date=date, max_bytes=max_bytes, skip=skip)
        except Exception as exc:  # a body that fails to decode (chunking, content encoding)
            yield _damaged(where, number, exc)
            return
    if number == 0:
        yield BadMarkup(where, "no WARC or ARC records in the file")


def _damaged(where: str, number: int, exc: Exception) -> ReadError:
    if isinstance(exc, EOFError):
        return Truncated(f"{where}#{number}", "the file ends in the middle of a record")
    said = " ".join(str(exc).split())  # warcio's messages run over several lines
    if "non-chunked gzip" in said:
        said = "the file is one gzip stream, not one gzip member a record; `warcio recompress` fixes it"
    return BadMarkup(f"{where}#{number}", f"record {number} cannot be read ({type(exc).__name__}: {said[:300]})")


def _record(
    record: Any, where: str, number: int, *, date: dt.date | None, max_bytes: int, skip: OnSkip
) -> Iterator[Document | ReadError]:
    if record.rec_type not in _ARTICLE_RECORDS:
        return
    why = _not_an_article(record)
    if why is not None:
        skip(where, why)
        return
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        yield TooLarge(where, f"record {number} is over the {max_bytes}-byte cap")
        return
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        yield Truncated(where, f"record {number} ends early: {missing} of its bytes are missing")
        return
    if not body.strip():
        skip(where, "empty body")
        return
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    source = where.rsplit("#", 1)[0]
    doc_id = normalise_uri(uri) if uri.strip() else content_id(source, body.decode("utf-8", "replace"))
    yield from read_html(
        body, where, doc_id=doc_id, date=date, url=uri or None,
        fallback_date=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )


def _not_an_article(record: Any) -> str | None:
    """Why a response or resource record holds no article (None when it may hold one)."""
    if record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
        return None if "html" in content_type.lower() else "not HTML"
    if record.http_headers is None:
        return "no HTTP headers"
    status = record.http_headers.get_statuscode() or ""
    if status.startswith("3"):
        return "redirect"
    if status and not status.startswith("2"):
        return f"HTTP status {status}"
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return "not HTML"
    return None


def _warc_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
