"""``--workers N``: extraction in N processes on one machine, in input order.

Each worker process loads the extractor once (pool initializer) and takes
batches of documents; ``Pool.imap`` hands results back in submission order,
so the output is the input order whatever worker finishes first.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice

from entente.model import Claim, Document
from entente.nlp.prefilter import ClaimExtractor

# One extractor per worker process, set by the pool initializer.
_worker_extractor: ClaimExtractor | None = None


def load_extractor(filtered: bool = True) -> ClaimExtractor:
    """The extractor a worker uses: with the prefilter unless asked otherwise."""
    from entente.extract.pipeline import Extractor
    from entente.nlp.prefilter import FilteredExtractor

    extractor = Extractor.load()
    return FilteredExtractor(extractor) if filtered else extractor


def _init_worker(filtered: bool) -> None:
    global _worker_extractor
    _worker_extractor = load_extractor(filtered)


def _extract_batch(batch: list[Document]) -> list[tuple[Document, list[Claim]]]:
    assert _worker_extractor is not None, "the pool initializer loads the extractor"
    return list(_worker_extractor.extract_many(batch, batch_size=len(batch)))


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


def extract_parallel(
    docs: Iterable[Document], workers: int, batch_size: int = 16, *, filtered: bool = True
) -> Iterator[tuple[Document, list[Claim]]]:
    """(document, claims) for every document, in input order, parsed by ``workers`` processes.

    ``workers <= 1`` runs in this process (no pool to start). The pool uses the
    ``spawn`` context: a forked copy of a process that already holds spaCy and
    threads is not safe.
    """
    if workers <= 1:
        yield from load_extractor(filtered).extract_many(docs, batch_size=batch_size)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(filtered,)) as pool:
        # Documents are read lazily; imap keeps only a bounded window in flight.
        for results in pool.imap(_extract_batch, _batches(docs, batch_size)):
            yield from results


class ParallelExtractor:
    """An extractor whose ``extract_many`` runs in a pool of worker processes kept for its lifetime.

    ``entente ingest --workers N`` uses it: the store saves in this process,
    one transaction per article, while N processes parse.
    """

    def __init__(self, workers: int, *, filtered: bool = True) -> None:
        context = multiprocessing.get_context("spawn")
        self.workers = workers
        self.pool = context.Pool(workers, initializer=_init_worker, initargs=(filtered,))

    def extract(self, doc: Document) -> list[Claim]:
        return next(self.extract_many([doc]))[1]

    def extract_many(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, list[Claim]]]:
        size = max(1, batch_size // self.workers)
        for results in self.pool.imap(_extract_batch, _batches(docs, size)):
            yield from results

    def close(self) -> None:
        self.pool.close()
        self.pool.join()

    def __enter__(self) -> ParallelExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
