"""Extracting a batch so that one article's failure is that article's alone.

The extractor parses in batches (spaCy is faster that way). When something in
a batch raises, the articles already returned keep their outcome, and the rest
are extracted one at a time so the article that fails is found and reported
as an ``ExtractionFailed`` value (E110) with its origin; the others go on.
An article's own error (``TookTooLong``, E150) is placed at its origin too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

from entente.errors import ExtractionFailed, ReadError
from entente.model import Document

T = TypeVar("T")


def extract_isolated(
    docs: Sequence[Document],
    many: Callable[[Sequence[Document]], Iterable[tuple[Document, T]]],
    one: Callable[[Document], T],
) -> Iterator[tuple[Document, T | ReadError]]:
    """``(document, outcome)`` for each of ``docs`` in order; an exception becomes that document's error."""
    done = 0
    try:
        for doc, outcome in many(docs):
            yield doc, at_origin(outcome, doc) if isinstance(outcome, ReadError) else outcome
            done += 1
        return
    except Exception:  # noqa: BLE001, S110 - the culprit is found one by one below
        pass
    for doc in docs[done:]:
        try:
            outcome = one(doc)
        except ReadError as exc:
            yield doc, at_origin(exc, doc)
        except Exception as exc:  # noqa: BLE001 - reported with the article's origin, the batch goes on
            yield doc, extraction_failed(doc, exc)
        else:
            yield doc, at_origin(outcome, doc) if isinstance(outcome, ReadError) else outcome


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most ``size`` documents (itertools.batched from Python 3.12)."""
    stream = iter(docs)
    while batch := list(islice(stream, size)):
        yield batch


def extraction_failed(doc: Document, exc: BaseException) -> ExtractionFailed:
    """The error for ``doc`` when extraction raised ``exc``."""
    return ExtractionFailed(doc.origin or doc.id, f"extraction failed on {doc.id!r}: {type(exc).__name__}: {exc}")


def at_origin(error: ReadError, doc: Document) -> ReadError:
    """``error`` placed at the file and line ``doc`` came from, when it names only the id."""
    if doc.origin is None or error.where != doc.id:
        return error
    return type(error)(doc.origin, f"{error.reason} ({doc.id!r})")
