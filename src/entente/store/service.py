"""Ingest: read articles, extract their claims, save each one in its own transaction.

The plain function behind ``entente ingest`` (and ``entente.api``): it knows no
terminal; the CLI passes ``on_progress`` to draw its progress bar.

Test hook: ``ENTENTE_TEST_SLOW_MS`` (milliseconds, default 0) sleeps before each
article is saved, so a test can kill an ingest half-way (tests/test_ingest_kill.py).
"""

from __future__ import annotations

import datetime as dt
import inspect
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Protocol

from entente.errors import EntenteError, ReadError
from entente.model import Claim, Document
from entente.store.repository import Store

SLOW_ENV = "ENTENTE_TEST_SLOW_MS"
BATCH_SIZE = 16  # articles handed to the extractor at once: spaCy batches, memory stays flat


class ClaimExtractor(Protocol):
    def extract(self, doc: Document) -> list[Claim]: ...

    def extract_many(
        self, docs: Iterable[Document], *, batch_size: int = ...
    ) -> Iterator[tuple[Document, list[Claim]]]: ...


@dataclass(frozen=True)
class Failure:
    """An article (or file) that was not stored: where it is and why."""

    where: str
    reason: str


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    claims: int = 0
    failed: list[Failure] = field(default_factory=list)
    dates_assumed: list[tuple[str, dt.date]] = field(default_factory=list)  # (where, date) of undated articles
    started: float = field(default_factory=time.monotonic)

    @property
    def articles(self) -> int:
        """Articles handled so far, stored or failed."""
        return self.added + self.replaced + self.unchanged + len(self.failed)

    @property
    def rate(self) -> float:
        """Articles a second since the start."""
        elapsed = time.monotonic() - self.started
        return self.articles / elapsed if elapsed > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    extractor: ClaimExtractor,
    date: dt.date | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
    *,
    workers: int = 1,
) -> IngestReport:
    """Read ``paths``, extract and save every article; one failing article never stops the rest.

    Articles already stored with the same content are not extracted again.
    ``workers`` > 1 is passed to the extractor as ``n_process`` when it takes one.
    """
    from entente.ingest import read_documents

    return ingest_documents(read_documents(paths, date=date), store, extractor, on_progress, workers=workers)


def ingest_documents(
    documents: Iterable[Document | ReadError],
    store: Store,
    extractor: ClaimExtractor,
    on_progress: Callable[[IngestReport], None] | None = None,
    *,
    workers: int = 1,
) -> IngestReport:
    """:func:`ingest_paths` over documents (and read errors) that are already read."""
    report = IngestReport()
    slow = int(os.environ.get(SLOW_ENV, "0") or 0) / 1000
    stream = iter(documents)
    while batch := list(islice(stream, BATCH_SIZE)):
        pending: list[Document] = []
        for entry in batch:
            if isinstance(entry, ReadError):
                report.failed.append(Failure(entry.where, entry.reason))
            elif store.has_document(entry.id, entry.content_hash):
                report.unchanged += 1
            else:
                pending.append(entry)
                if entry.date_assumed:
                    report.dates_assumed.append((entry.origin or entry.id, entry.date))
                continue
            _tell(on_progress, report)
        for doc, result in _extract(extractor, pending, workers):
            if isinstance(result, Failure):
                report.failed.append(result)
            else:
                if slow:
                    time.sleep(slow)
                _save(store, doc, result, report)
            _tell(on_progress, report)
    return report


def _extract(
    extractor: ClaimExtractor, docs: list[Document], workers: int
) -> Iterator[tuple[Document, list[Claim] | Failure]]:
    """Claims of each document, batched; after a failure, the rest one by one to find the culprit."""
    done = 0
    try:
        for doc, claims in extractor.extract_many(docs, **_batch_options(extractor, len(docs), workers)):
            yield doc, claims
            done += 1
        return
    except Exception:  # noqa: BLE001 - any extractor bug is one article's failure, found below
        pass
    for doc in docs[done:]:
        try:
            yield doc, extractor.extract(doc)
        except Exception as exc:  # noqa: BLE001 - reported with the article's id, batch goes on
            yield doc, Failure(doc.id, f"extraction failed: {type(exc).__name__}: {exc}")


def _batch_options(extractor: ClaimExtractor, n: int, workers: int) -> dict[str, int]:
    options = {"batch_size": max(1, n)}
    if workers > 1 and "n_process" in inspect.signature(extractor.extract_many).parameters:
        options["n_process"] = workers
    return options


def _save(store: Store, doc: Document, claims: list[Claim], report: IngestReport) -> None:
    try:
        result = store.save_article(doc, claims)
    except EntenteError as exc:
        report.failed.append(Failure(doc.id, str(exc)))
        return
    if result.outcome == "added":
        report.added += 1
    elif result.outcome == "replaced":
        report.replaced += 1
    else:
        report.unchanged += 1
    report.claims += result.n_claims


def _tell(on_progress: Callable[[IngestReport], None] | None, report: IngestReport) -> None:
    if on_progress is not None:
        on_progress(report)
