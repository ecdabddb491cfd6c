"""JSON Lines: one article object a line (``id``, ``date``, ``text``; ``title``, ``url``, ``source``).

Other keys are ignored, so gold files (which also carry ``claims``) read as
input. The text is kept exactly as given: gold evidence offsets index into it.
Lines are read one at a time, and a line over the cap is skipped without
being held whole, so one bad line costs only itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from entente.errors import BadDate, BadRecord, EmptyInput, NotText, ReadError, TooLarge
from entente.ingest.dated import parse_iso_date
from entente.ingest.limits import ByteStream
from entente.model import Document

_CHUNK = 1 << 16
_MAX_INT_DIGITS = 4000  # Python's int/str conversion limit is 4,300 digits
# A full timestamp is accepted: its calendar day is the article's date.
_DAY_PREFIX = re.compile(r"\A(\d{4}-\d{2}-\d{2})(?:[T ].*)?\Z")


def read_jsonl(stream: ByteStream, where: str, *, max_bytes: int) -> Iterator[Document | ReadError]:
    """Every article of a JSONL stream, and an error in place of each bad line."""
    offset = 0
    seen_record = False
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        number += 1
        start = offset
        offset += len(line)
        line_where = f"{where}:{number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            offset += _skip_rest_of_line(stream)
            yield TooLarge(line_where, f"line {number} is over the {max_bytes}-byte cap")
            seen_record = True
            continue
        if not line.strip():
            continue
        seen_record = True
        yield _record(line, line_where, number, start)
    if not seen_record:
        yield EmptyInput(where, "file is empty" if offset == 0 else "file has no records, only blank lines")


def _skip_rest_of_line(stream: ByteStream) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _record(line: bytes, where: str, number: int, offset: int) -> Document | ReadError:
    if b"\x00" in line:
        return NotText(where, f"line {number} holds binary content (NUL bytes)")
    try:
        raw = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return NotText(where, f"line {number} is not valid UTF-8 at byte {offset + exc.start}")
    try:
        obj = json.loads(raw.rstrip("\r\n"), parse_int=_int)  # columns then count within the line
    except json.JSONDecodeError as exc:
        return BadRecord(where, f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})")
    except ValueError as exc:  # beyond JSONDecodeError: numbers Python will not convert
        return BadRecord(where, f"line {number} cannot be read as JSON: {exc}")
    except RecursionError:
        return BadRecord(where, f"line {number} is nested too deeply to read")
    if not isinstance(obj, dict):
        return BadRecord(where, f"line {number} is not a JSON object")
    return _document(obj, where, number)


def _int(digits: str) -> int | str:
    """An integer, or its digits when Python refuses to convert that many (an id of 5,000 digits)."""
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


def _document(obj: dict[str, Any], where: str, number: int) -> Document | ReadError:
    for name in ("id", "date", "text"):
        if obj.get(name) is None:
            error = BadDate if name == "date" else BadRecord
            return error(where, f"line {number} lacks the required field {name!r}")
    doc_id = obj["id"]
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or str(doc_id) == "":
        return BadRecord(where, f"line {number}: 'id' must be a non-empty string")
    text = obj["text"]
    if not isinstance(text, str):
        return BadRecord(where, f"line {number}: 'text' must be a string")
    if not text.strip():
        return EmptyInput(where, f"line {number} has an empty 'text'")
    date = _date(obj["date"], where, number)
    if isinstance(date, ReadError):
        return date
    for name in ("title", "url", "source"):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            return BadRecord(where, f"line {number}: {name!r} must be a string")
    return Document(
        id=str(doc_id), date=date, text=text, origin=where,
        title=obj.get("title"), url=obj.get("url"), source=obj.get("source"),
    )


def _date(value: Any, where: str, number: int) -> dt.date | ReadError:
    if not isinstance(value, str):
        return BadDate(where, f"line {number}: 'date' must be a YYYY-MM-DD string")
    match = _DAY_PREFIX.match(value)
    parsed = parse_iso_date(match[1] if match else value)
    if isinstance(parsed, str):
        return BadDate(where, f"line {number}: {parsed}")
    return parsed
