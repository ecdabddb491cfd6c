"""What every reader's output goes through before it reaches spaCy, hashing or SQL.

JSON can carry lone surrogates (``"\\ud800"``) and NUL characters, and file
names from the disk can carry undecodable bytes (as surrogates): UTF-8
encoders, spaCy and PostgreSQL refuse them. Each becomes U+FFFD, one
character for one, so evidence offsets into the text stay where they were.
Ids are capped at ``MAX_ID_CHARS``: a longer one keeps its start and ends in
a hash of the whole, so two long ids that differ late still differ.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from entente.errors import ReadError
from entente.model import Document

MAX_ID_CHARS = 200
_HASH_CHARS = 16
_UNENCODABLE = re.compile("[\ud800-\udfff\x00]")


def clean_text(text: str) -> str:
    """``text`` with lone surrogates and NUL replaced by U+FFFD (same length)."""
    return _UNENCODABLE.sub("\ufffd", text) if _UNENCODABLE.search(text) else text


def clean_id(doc_id: str) -> str:
    """A document id that any encoder, URL and index takes: cleaned, at most ``MAX_ID_CHARS`` long."""
    cleaned = clean_text(doc_id)
    if len(cleaned) <= MAX_ID_CHARS:
        return cleaned
    digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]
    return f"{cleaned[: MAX_ID_CHARS - _HASH_CHARS - 1]}~{digest}"


def normalise_document(doc: Document) -> Document:
    """``doc`` with a clean, capped id and clean text fields (the same object when nothing changes)."""
    changes: dict[str, str] = {}
    doc_id = clean_id(doc.id)
    if doc_id != doc.id:
        changes["id"] = doc_id
    for name in ("text", "title", "url", "source", "origin"):
        value = getattr(doc, name)
        if value is not None and _UNENCODABLE.search(value):
            changes[name] = clean_text(value)
    return dataclasses.replace(doc, **changes) if changes else doc  # type: ignore[arg-type]


def normalise_error(error: ReadError) -> ReadError:
    """``error`` with its place and reason printable (a file name may carry undecodable bytes)."""
    where, reason = clean_text(error.where), clean_text(error.reason)
    if (where, reason) == (error.where, error.reason):
        return error
    return type(error)(where, reason)
