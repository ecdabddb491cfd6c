"""Text articles: dated (``date YYYY-MM-DD`` then the body) and plain.

The seed article is the model: `` date 2022-12-14 The United States ...``.
The body is everything after the date with the separating whitespace (spaces,
tabs, and the line break when the date stands alone on its line) removed, and
trailing whitespace dropped, so a file's final newline is not part of the
article. This matches the gold ``text`` of ``eval/dev/seed.jsonl`` byte for
byte. A file with no date line is plain text: its date comes from the
caller, else the file's modification time (``date_assumed=True``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from entente.errors import BadDate, EmptyInput, ReadError
from entente.ingest.decode import decode_utf8, normalise_newlines
from entente.model import Document

# A line that means to give a date: "date" then something that starts like a number.
_DATE_LINE = re.compile(r"\A[ \t]*date(?:[ \t]+(?P<value>\d[^\s]*))?(?=[ \t]*(?:\n|\Z)|[ \t])")
_ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")


def parse_iso_date(value: str) -> dt.date | str:
    """A ``YYYY-MM-DD`` date, or the reason in words why ``value`` is not one."""
    match = _ISO_DATE.match(value)
    if match is None:
        return f"date {value!r} is not in YYYY-MM-DD form"
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return f"date {value} is impossible"


def split_date_line(text: str) -> tuple[str | None, str] | None:
    """``(date value, body)`` when ``text`` opens with a date line, else None.

    The value is None when the line says ``date`` and nothing else.
    """
    match = _DATE_LINE.match(text)
    if match is None:
        return None
    value = match.group("value")
    body = text[match.end():]
    if value is None and body.lstrip(" \t")[:1] not in ("\n", ""):
        return None  # "date night was ...": prose that happens to start with the word
    return value, body.strip()


def read_text(
    data: bytes,
    where: str,
    *,
    doc_id: str,
    date: dt.date | None,
    mtime: float | None,
) -> Iterator[Document | ReadError]:
    """One article from the bytes of a ``.txt`` file (dated or plain)."""
    text = decode_utf8(data, where)
    if isinstance(text, ReadError):
        yield text
        return
    text = normalise_newlines(text)
    dated = split_date_line(text)
    if dated is not None:
        yield _dated(dated, where, doc_id)
        return
    body = text.strip()
    if date is not None:
        yield Document(id=doc_id, date=date, text=body, origin=where)
    elif mtime is not None:
        assumed = dt.date.fromtimestamp(mtime)
        yield Document(id=doc_id, date=assumed, text=body, date_assumed=True, origin=where)
    else:
        yield BadDate(where, "no date line, no date given, and no file time to fall back on")


def _dated(dated: tuple[str | None, str], where: str, doc_id: str) -> Document | ReadError:
    value, body = dated
    line_where = f"{where}:1"
    if value is None:
        return BadDate(line_where, "the date line has no date after 'date'")
    parsed = parse_iso_date(value)
    if isinstance(parsed, str):
        return BadDate(line_where, parsed)
    if not body:
        return EmptyInput(where, "no article text after the date line")
    return Document(id=doc_id, date=parsed, text=body, origin=where)
