"""WARC crawls: each HTML ``response`` record is an article, read by the HTML reader.

warcio reads plain and gzipped WARC alike. It does not complain when a file
ends inside a record, so the reader checks that each record's body was read
to its declared length and reports the rest as ``Truncated``. The date is the
page's own, else the ``date`` given, else the crawl time (``WARC-Date``,
marked assumed: a crawl is not a publication).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from entente.errors import BadMarkup, ReadError, TooLarge, Truncated
from entente.ingest.html import read_html
from entente.ingest.ids import slug
from entente.ingest.limits import ByteStream
from entente.model import Document


def read_warc(
    stream: ByteStream, where: str, *, date: dt.date | None, max_bytes: int
) -> Iterator[Document | ReadError]:
    """Every HTML response of a WARC stream; other records (requests, metadata) are skipped."""
    number = 0
    records = iter(ArchiveIterator(stream))
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
            yield from _record(record, record_where, number, date=date, max_bytes=max_bytes)
        except Exception as exc:  # a body that fails to decode (chunking, content encoding)
            yield _damaged(where, number, exc)
            return
    if number == 0:
        yield BadMarkup(where, "no WARC records in the file")


def _damaged(where: str, number: int, exc: Exception) -> ReadError:
    if isinstance(exc, EOFError):
        return Truncated(f"{where}#{number}", "the file ends in the middle of a record")
    return BadMarkup(f"{where}#{number}", f"record {number} cannot be read ({type(exc).__name__}: {exc})")


def _record(
    record: Any, where: str, number: int, *, date: dt.date | None, max_bytes: int
) -> Iterator[Document | ReadError]:
    if record.rec_type != "response" or record.http_headers is None:
        return
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        yield TooLarge(where, f"record {number} is over the {max_bytes}-byte cap")
        return
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        yield Truncated(where, f"record {number} ends early: {missing} of its bytes are missing")
        return
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    doc_id = f"{slug(uri) or 'record'}-{number}"
    yield from read_html(
        body, where, doc_id=doc_id, date=date, url=uri or None,
        fallback_date=_warc_date(record.rec_headers.get_header("WARC-Date")),
    )


def _warc_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
