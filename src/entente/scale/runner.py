"""The runners: extraction in this process, or in a pool of worker processes, in input order.

``entente.api`` is the only way in (``api.open_extractor``,
``api.extract_documents``, ``api.extract_paths``); Dask is the third runner
(``scale.dask_runner``). Every runner has the extractor's interface
(``extract``, ``extract_many``, ``extract_each``).

A :class:`PoolRunner` starts one ``spawn`` pool for its lifetime (a fork of a
process that already holds spaCy and its threads is not safe); each worker
loads the extractor once (pool initializer). Documents are streamed: at most
``WINDOW_PER_WORKER x workers`` batches are in flight, so a reader of a million articles
never holds more than a few batches, and results come back in submission
order whatever worker finishes first.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Any

from entente import errors
from entente.errors import EntenteError, ReadError
from entente.extract.pipeline import ClaimExtractor, EachExtractor, Outcome
from entente.isolate import batches, extract_isolated
from entente.model import Claim, Document

# Tasks in flight per worker: results come back in input order, so a long article at the head of
# the window must not leave the other workers without work (news and 50-page profiles mix).
WINDOW_PER_WORKER = 4

# One extractor per worker process, set by the pool initializer.
_worker_extractor: ClaimExtractor | None = None


def load_extractor(filtered: bool = True) -> ClaimExtractor:
    """A fresh extractor for this process: behind the prefilter unless asked otherwise."""
    from entente.extract.pipeline import Extractor
    from entente.extract.prefilter import FilteredExtractor

    extractor = Extractor.load()
    return FilteredExtractor(extractor) if filtered else extractor


def each(extractor: Any, docs: Iterable[Document], batch_size: int) -> Iterator[tuple[Document, Outcome]]:
    """``extract_each`` of any extractor, in batches; what raises becomes its article's error (E110)."""
    for batch in batches(docs, max(1, batch_size)):
        yield from extract_isolated(
            batch, lambda docs: _each(extractor, docs, batch_size),
            lambda doc: next(iter(_each(extractor, [doc], 1)))[1],
        )


def _each(extractor: Any, docs: Iterable[Document], batch_size: int) -> Iterator[tuple[Document, Outcome]]:
    if hasattr(extractor, "extract_each"):
        yield from extractor.extract_each(docs, batch_size=batch_size)
    else:
        yield from extractor.extract_many(docs, batch_size=batch_size)


class LocalRunner(EachExtractor):
    """Extraction in this process, with the extractor it is given."""

    isolates_failures = True  # an article that raises comes out as its own error (E110): ingest streams to it

    def __init__(self, extractor: Any) -> None:
        self.extractor = extractor

    def extract_each(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, Outcome]]:
        return each(self.extractor, docs, batch_size)

    def close(self) -> None:
        pass

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# An article's error crosses the process boundary as (class name, where, reason):
# ReadError's constructor takes two arguments, which pickle does not restore.
Packed = list[Claim] | tuple[str, str, str]


def _init_worker(filtered: bool) -> None:
    global _worker_extractor
    _worker_extractor = load_extractor(filtered)


def _extract_batch(batch: list[Document]) -> list[Packed]:
    """The outcome of each article of ``batch``, in order (the articles stay with the caller:
    sending their texts back would double what crosses the process boundary)."""
    assert _worker_extractor is not None, "the pool initializer loads the extractor"
    return [_pack(outcome) for _, outcome in each(_worker_extractor, batch, len(batch))]


def _pack(outcome: Outcome) -> Packed:
    if isinstance(outcome, ReadError):
        return (type(outcome).__name__, outcome.where, outcome.reason)
    if isinstance(outcome, EntenteError):
        return ("EntenteError", "", outcome.message)
    return outcome


def _unpack(packed: Packed) -> Outcome:
    if isinstance(packed, tuple):
        name, where, reason = packed
        if name == "EntenteError":
            return EntenteError(reason)
        kind = getattr(errors, name, ReadError)
        return kind(where, reason) if isinstance(kind, type) and issubclass(kind, ReadError) else ReadError(where, reason)
    return packed


class PoolRunner(EachExtractor):
    """Extraction in ``workers`` processes kept for the runner's lifetime (one pool per run)."""

    isolates_failures = True  # as LocalRunner, in each worker

    def __init__(self, workers: int, *, filtered: bool = True) -> None:
        context = multiprocessing.get_context("spawn")
        self.workers = workers
        self.pool = context.Pool(workers, initializer=_init_worker, initargs=(filtered,))

    def extract_each(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, Outcome]]:
        """Batches of ``batch_size`` to the workers, a bounded window in flight, results in order."""
        # A task is a whole batch: spaCy parses 8 documents at a time about 10% slower than 16, and
        # callers (extract, ingest) stream all their documents, so every worker gets tasks anyway.
        size = max(1, batch_size)
        window: deque[tuple[list[Document], AsyncResult[list[Packed]]]] = deque()
        for batch in batches(docs, size):
            window.append((batch, self.pool.apply_async(_extract_batch, (batch,))))
            if len(window) >= WINDOW_PER_WORKER * self.workers:
                yield from _unpacked(*window.popleft())
        while window:
            yield from _unpacked(*window.popleft())

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def __enter__(self) -> PoolRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _unpacked(batch: list[Document], result: AsyncResult[list[Packed]]) -> Iterator[tuple[Document, Outcome]]:
    for doc, packed in zip(batch, result.get(), strict=True):
        yield doc, _unpack(packed)


Runner = LocalRunner | PoolRunner


def open_runner(workers: int = 1, *, extractor: Any = None, filtered: bool = True) -> Runner:
    """The runner for ``workers`` processes: this one (with ``extractor`` if given) when ``workers <= 1``."""
    if workers <= 1:
        return LocalRunner(extractor if extractor is not None else load_extractor(filtered))
    return PoolRunner(workers, filtered=filtered)


def extract_parallel(
    docs: Iterable[Document], workers: int, batch_size: int = 16, *, filtered: bool = True
) -> Iterator[tuple[Document, list[Claim]]]:
    """(document, claims) for every document, in input order, parsed by ``workers`` processes."""
    with open_runner(workers, filtered=filtered) as runner:
        yield from runner.extract_many(docs, batch_size=batch_size)
