"""Ingest: read articles, extract their claims, save them a batch at a time.

The articles stream to the extractor (a runner's pool keeps parsing while this
process saves) and every :data:`BATCH_SIZE` extracted articles are saved in
one transaction (``Store.save_articles``: each article in its own savepoint,
the relations they touch re-fused once at the end). A killed ingest loses at
most the batch it had not committed; a rerun saves it, since saving is idempotent.

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
from pathlib import Path
from typing import Protocol

from entente.errors import EntenteError, ReadError
from entente.isolate import at_origin, batches, extract_isolated
from entente.model import Claim, Document
from entente.store.repository import Store

SLOW_ENV = "ENTENTE_TEST_SLOW_MS"
BATCH_SIZE = 16  # articles extracted together (spaCy batches, memory stays flat) and saved in one transaction


class ClaimExtractor(Protocol):
    def extract(self, doc: Document) -> list[Claim]: ...

    def extract_many(
        self, docs: Iterable[Document], *, batch_size: int = ...
    ) -> Iterator[tuple[Document, list[Claim]]]: ...


@dataclass(frozen=True)
class Failure:
    """An article (or file) that was not stored: where it is, why, and the error's code."""

    where: str
    reason: str
    code: str = "E100"

    @classmethod
    def of(cls, error: ReadError) -> Failure:
        return cls(error.where, error.reason, error.code)

    def __str__(self) -> str:
        return f"{self.code}: {self.where}: {self.reason}"


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    claims: int = 0
    failed: list[Failure] = field(default_factory=list)
    dates_assumed: list[tuple[str, dt.date]] = field(default_factory=list)  # (where, date) of undated articles
    skipped: dict[str, int] = field(default_factory=dict)  # crawl records that are not articles, by why
    started: float = field(default_factory=time.monotonic)

    def skip(self, _where: str, why: str) -> None:
        """Count a record that holds no article (a redirect, an empty body): not a failure."""
        self.skipped[why] = self.skipped.get(why, 0) + 1

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
    report: IngestReport | None = None,
) -> IngestReport:
    """Read ``paths``, extract and save every article; one failing article never stops the rest.

    Articles already stored with the same content are not extracted again.
    ``workers`` > 1 is passed to an extractor whose ``extract_many`` takes ``n_process``; a
    runner (``api.open_extractor(workers)``) runs its own pool and gets the whole stream.
    """
    from entente.ingest import read_documents

    report = report or IngestReport()  # the caller's, to print even if something fails half-way
    documents = read_documents(paths, date=date, on_skip=report.skip)
    return ingest_documents(documents, store, extractor, on_progress, workers=workers, report=report)


def ingest_documents(
    documents: Iterable[Document | ReadError],
    store: Store,
    extractor: ClaimExtractor,
    on_progress: Callable[[IngestReport], None] | None = None,
    *,
    workers: int = 1,
    report: IngestReport | None = None,
) -> IngestReport:
    """:func:`ingest_paths` over documents (and read errors) that are already read.

    One stream: the articles not stored yet go to the extractor as they are read (a
    pool of workers keeps parsing while this process saves), and every
    :data:`BATCH_SIZE` extracted articles are saved in one transaction.
    """
    report = report or IngestReport()
    slow = int(os.environ.get(SLOW_ENV, "0") or 0) / 1000

    def to_extract() -> Iterator[Document]:
        for entry in documents:
            if isinstance(entry, ReadError):
                report.failed.append(Failure.of(entry))
            elif store.has_document(entry.id, entry.content_hash):
                report.unchanged += 1
            else:
                if entry.date_assumed:
                    report.dates_assumed.append((entry.origin or entry.id, entry.date))
                yield entry
                continue
            _tell(on_progress, report)

    extracted: list[tuple[Document, list[Claim]]] = []
    for doc, result in _extract(extractor, to_extract(), workers):
        if isinstance(result, Failure):
            report.failed.append(result)
            _tell(on_progress, report)
            continue
        if slow:
            time.sleep(slow)
        extracted.append((doc, result))
        if len(extracted) >= BATCH_SIZE:
            _save(store, extracted, report, on_progress)
            extracted = []
    if extracted:
        _save(store, extracted, report, on_progress)
    return report


def _extract(
    extractor: ClaimExtractor, docs: Iterable[Document], workers: int
) -> Iterator[tuple[Document, list[Claim] | Failure]]:
    """Claims of each document, in order; an article's failure is that article's alone.

    A runner (``entente.scale.runner``: it says ``isolates_failures``) takes the whole
    stream, so a pool keeps parsing while this process saves, and gives each article's
    error as a value. Any other extractor gets batches, and after a failure in one the
    rest of it one by one to find the culprit.
    """
    if getattr(extractor, "isolates_failures", False):
        outcomes: Iterable[tuple[Document, object]] = _streamed(extractor, docs)
    else:
        each = getattr(extractor, "extract_each", None)  # gives an article's own error (E150) as a value
        many = each if each is not None else extractor.extract_many
        outcomes = (
            pair
            for batch in batches(docs, BATCH_SIZE)
            for pair in extract_isolated(
                batch, lambda b: many(b, **_batch_options(extractor, len(b), workers)), extractor.extract)
        )
    for doc, result in outcomes:
        if isinstance(result, ReadError):
            yield doc, Failure.of(result)
        elif isinstance(result, EntenteError):
            yield doc, Failure(doc.origin or doc.id, result.message, result.code)
        else:
            yield doc, result  # type: ignore[misc]


def _streamed(extractor: ClaimExtractor, docs: Iterable[Document]) -> Iterator[tuple[Document, object]]:
    """A runner's ``extract_each`` over the whole stream, an article's error placed at its origin."""
    for doc, outcome in extractor.extract_each(docs, batch_size=BATCH_SIZE):  # type: ignore[attr-defined]
        yield doc, at_origin(outcome, doc) if isinstance(outcome, ReadError) else outcome


def _batch_options(extractor: ClaimExtractor, n: int, workers: int) -> dict[str, int]:
    options = {"batch_size": max(1, n)}
    if workers > 1 and "n_process" in inspect.signature(extractor.extract_many).parameters:
        options["n_process"] = workers
    return options


def _save(
    store: Store,
    batch: list[tuple[Document, list[Claim]]],
    report: IngestReport,
    on_progress: Callable[[IngestReport], None] | None,
) -> None:
    """One transaction for the batch; an article that fails (an id collision, E111) costs only itself."""
    for (doc, _), result in zip(batch, store.save_articles(batch), strict=True):
        if isinstance(result, ReadError):  # an id collision: the stored article stays
            report.failed.append(Failure.of(result))
        elif isinstance(result, EntenteError):
            report.failed.append(Failure(doc.origin or doc.id, result.message, result.code))
        else:
            if result.outcome == "added":
                report.added += 1
            elif result.outcome == "replaced":
                report.replaced += 1
            else:
                report.unchanged += 1
            report.claims += result.n_claims
        _tell(on_progress, report)


def _tell(on_progress: Callable[[IngestReport], None] | None, report: IngestReport) -> None:
    if on_progress is not None:
        on_progress(report)
