"""Bytes to article text, with the reason in words when they are not text."""

from __future__ import annotations

from entente.errors import EmptyInput, NotText, ReadError

_BOM = b"\xef\xbb\xbf"


def check_binary(data: bytes, where: str) -> ReadError | None:
    """Empty or binary input, which no reader can make an article of."""
    if not data:
        return EmptyInput(where, "file is empty")
    if not data.strip():
        return EmptyInput(where, "file holds only whitespace")
    if b"\x00" in data:
        return NotText(where, "binary content (NUL bytes)")
    return None


def decode_utf8(data: bytes, where: str, *, offset: int = 0) -> str | ReadError:
    """Strict UTF-8 (a leading BOM is dropped); ``offset`` places bytes of a line in the file."""
    problem = check_binary(data, where)
    if problem is not None:
        return problem
    if data.startswith(_BOM):
        data = data[len(_BOM):]
        offset += len(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return NotText(where, f"not valid UTF-8 at byte {offset + exc.start}")


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF, so offsets do not depend on the platform that wrote the file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
