"""From what the user names (files, directories, globs, ``.gz`` files, ``-``) to readers.

The format comes from the extension, looking through ``.gz``; where the
extension says nothing (or says ``.xml``) the first bytes decide. Directories
are walked recursively in sorted order and only files of a known format are
read there (hidden files and ``README.md`` beside the data are not articles);
a file named explicitly is always tried. Every failure becomes a
``ReadError`` value, so one bad file never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from entente.errors import EmptyInput, NotText, ReadError, Truncated, UnknownFormat, Unreadable
from entente.ingest.dated import read_text
from entente.ingest.feeds import read_feed
from entente.ingest.html import read_html
from entente.ingest.jsonl import read_jsonl
from entente.ingest.limits import MAX_ARTICLE_BYTES, ByteStream, read_capped, too_large
from entente.ingest.normalise import normalise_document, normalise_error
from entente.ingest.warc import OnSkip, read_warc
from entente.model import Document

STDIN = "-"
_GZIP_MAGIC = b"\x1f\x8b"
_KIND_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "xml",
    ".warc": "warc", ".arc": "warc",
}
_GLOB_CHARS = re.compile(r"[*?\[]")
_DATED_HEAD = re.compile(rb"\A(?:\xef\xbb\xbf)?[ \t]*date[ \t]+\d")


def read_documents(
    paths: Iterable[str | Path],
    *,
    date: dt.date | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    on_skip: OnSkip | None = None,
) -> Iterator[Document | ReadError]:
    """Every article in ``paths``, and a ``ReadError`` value for everything unreadable.

    ``date`` dates articles that carry none (plain text, HTML pages, feed
    entries); without it plain text falls back to the file's mtime.
    ``on_skip(where, why)`` hears of each crawl record that is not an article
    (a redirect, an empty body, an image): skipped, not an error.
    """
    for item in _read_all(paths, date=date, max_bytes=max_bytes, on_skip=on_skip):
        yield normalise_error(item) if isinstance(item, ReadError) else normalise_document(item)


def _read_all(
    paths: Iterable[str | Path], *, date: dt.date | None, max_bytes: int, on_skip: OnSkip | None
) -> Iterator[Document | ReadError]:
    for item in expand(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            if item == STDIN:
                yield from _read_stdin(max_bytes=max_bytes)
            else:
                yield from _read_file(Path(item), date=date, max_bytes=max_bytes, on_skip=on_skip)
        except Exception as exc:  # noqa: BLE001 - a reader's bug costs this file, not the batch
            yield ReadError("<stdin>" if item == STDIN else item, f"the reader failed ({type(exc).__name__}: {exc})")


def expand(paths: Iterable[str | Path]) -> Iterator[str | ReadError]:
    """Files to read, in order: each path as given, directories walked, globs matched."""
    for given in paths:
        name = str(given)
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield name
        elif _GLOB_CHARS.search(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield Unreadable(name, "no file matches the pattern")
            for match in matches:
                yield from _walk(Path(match)) if Path(match).is_dir() else iter([match])
        else:
            yield Unreadable(name, "no such file or directory")


def _walk(directory: Path) -> Iterator[str]:
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and kind_by_name(path.name) is not None:
            yield str(path)


def kind_by_name(name: str) -> str | None:
    """The format a file name promises (``text``, ``jsonl``, ``html``, ``feed``, ``xml``, ``warc``)."""
    inner = _strip_gz(name.lower())
    return _KIND_BY_SUFFIX.get(Path(inner).suffix)


def sniff(head: bytes) -> str | None:
    """The format the first bytes of a file show, if any."""
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if _DATED_HEAD.match(head):
        return "text"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    lowered = stripped[:4096].lower()
    if any(tag in lowered for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if any(tag in lowered for tag in (b"<!doctype html", b"<html", b"<head", b"<body")):
        return "html"
    return None


def _strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def _doc_id(path: Path) -> str:
    inner = Path(_strip_gz(path.name))
    return inner.stem if inner.suffix else inner.name


def _read_file(
    path: Path, *, date: dt.date | None, max_bytes: int, on_skip: OnSkip | None = None
) -> Iterator[Document | ReadError]:
    where = str(path)
    try:
        stat = path.stat()
        if stat.st_size == 0:
            yield EmptyInput(where, "file is empty")
            return
        with path.open("rb") as raw:
            compressed = raw.peek(2)[:2] == _GZIP_MAGIC
            if path.name.lower().endswith(".gz") and not compressed:
                yield UnknownFormat(where, "the name ends in .gz but the content is not gzip data")
                return
            if kind_by_name(path.name) == "warc":
                yield from read_warc(raw, where, date=date, max_bytes=max_bytes, on_skip=on_skip)  # warcio reads gzip
                return
            stream: ByteStream = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
            kind = _kind(path.name, stream)
            if isinstance(kind, ReadError):
                yield kind.__class__(where, kind.reason)
                return
            size = None if compressed else stat.st_size
            yield from _read_kind(
                kind, stream, where, doc_id=_doc_id(path), size=size, mtime=stat.st_mtime,
                base_dir=path.parent, date=date, max_bytes=max_bytes, on_skip=on_skip,
            )
    except EOFError:
        yield Truncated(where, "gzip stream ends early")
    except gzip.BadGzipFile as exc:
        yield NotText(where, f"gzip data is corrupt ({exc})")
    except zlib.error as exc:
        yield NotText(where, f"gzip data is corrupt ({exc})")
    except OSError as exc:
        yield Unreadable(where, f"cannot be read: {exc.strerror or exc}")


def _kind(name: str, stream: ByteStream) -> str | ReadError:
    by_name = kind_by_name(name)
    if by_name not in (None, "xml"):
        return by_name
    head = _peek(stream)
    by_content = sniff(head)
    if by_name == "xml":
        if by_content == "feed":
            return "feed"
        return UnknownFormat(name, "XML that is neither an RSS nor an Atom feed")
    if by_content is not None:
        return by_content
    if not Path(_strip_gz(name)).suffix:
        return "text"  # a bare file name: take it as plain text
    return UnknownFormat(name, f"unknown file type {Path(_strip_gz(name)).suffix!r} and the content is not recognised")


def _peek(stream: ByteStream) -> bytes:
    peek = getattr(stream, "peek", None)
    return bytes(peek(4096)[:4096]) if peek is not None else b""


def _read_kind(
    kind: str,
    stream: ByteStream,
    where: str,
    *,
    doc_id: str,
    size: int | None,
    mtime: float | None,
    base_dir: Path | None,
    date: dt.date | None,
    max_bytes: int,
    on_skip: OnSkip | None = None,
) -> Iterator[Document | ReadError]:
    if kind == "jsonl":
        yield from read_jsonl(stream, where, max_bytes=max_bytes)
        return
    if kind == "warc":
        yield from read_warc(stream, where, date=date, max_bytes=max_bytes, on_skip=on_skip)
        return
    # One article (or one feed document) a file: refuse an oversized file before reading it.
    if size is not None and size > max_bytes:
        yield too_large(where, size, max_bytes)
        return
    data = read_capped(stream, where, max_bytes)
    if isinstance(data, ReadError):
        yield data
    elif kind == "text":
        yield from read_text(data, where, doc_id=doc_id, date=date, mtime=mtime)
    elif kind == "html":
        yield from read_html(data, where, doc_id=doc_id, date=date)
    else:
        yield from read_feed(data, where, date=date, max_bytes=max_bytes)


def _read_stdin(*, max_bytes: int) -> Iterator[Document | ReadError]:
    """Standard input is JSON Lines (gzipped or not), as in ``cat *.jsonl | entente ...``."""
    where = "<stdin>"
    # sys.stdin.buffer normally; tests and embedders may swap in a bare binary stream.
    source: Any = getattr(sys.stdin, "buffer", sys.stdin)
    buffered: Any = source if hasattr(source, "peek") else io.BufferedReader(source)
    stream: ByteStream = buffered
    try:
        if _peek(buffered)[:2] == _GZIP_MAGIC:
            stream = gzip.GzipFile(fileobj=buffered, mode="rb")
        yield from read_jsonl(stream, where, max_bytes=max_bytes)
    except EOFError:
        yield Truncated(where, "gzip stream ends early")
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield NotText(where, f"gzip data is corrupt ({exc})")
    except OSError as exc:
        yield Unreadable(where, f"cannot be read: {exc.strerror or exc}")
