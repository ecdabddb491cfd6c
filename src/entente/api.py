"""entente's Python API: every CLI command is a few lines over a function here.

    >>> import datetime as dt, entente
    >>> claims = entente.extract_text("Iran supplied drones to Russia.", date=dt.date(2022, 11, 5))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from entente.errors import ReadError
from entente.evaluate import GoldDocument, Scores, load_gold, read_predictions, score
from entente.model import Claim, Document

__all__ = [
    "clear_cache",
    "extract_on_dask",
    "extract_documents",
    "extract_paths",
    "extract_text",
    "evaluate",
    "load_extractor",
]


def load_extractor() -> Any:
    """The extractor with its spaCy pipeline, behind the prefilter (loaded once per process).

    The prefilter skips articles and sentences that cannot hold a claim before
    spaCy parses anything; it loses no claim on the dev gold (a test says so).
    """
    return _cached_extractor()


@lru_cache(maxsize=1)
def _cached_extractor() -> Any:
    from entente.nlp.prefilter import FilteredExtractor

    return FilteredExtractor.load()


def clear_cache() -> None:
    """Forget the loaded extractor (after the data files changed, or in tests)."""
    _cached_extractor.cache_clear()


def extract_documents(
    docs: Iterable[Document], *, batch_size: int = 16, workers: int = 1
) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, in order, parsed in batches (in ``workers`` processes if > 1)."""
    if workers > 1:
        from entente.scale.workers import extract_parallel

        yield from extract_parallel(docs, workers, batch_size)
        return
    yield from load_extractor().extract_many(docs, batch_size=batch_size)


def extract_paths(
    paths: Iterable[str | Path], *, date: dt.date | None = None, batch_size: int = 16, workers: int = 1
) -> Iterator[tuple[Document, list[Claim]] | ReadError]:
    """Read files in any supported format and extract; unreadable articles come out as ``ReadError`` values."""
    from entente.ingest import read_documents

    chunk = batch_size * max(1, workers)
    pending: list[Document] = []
    for item in read_documents(paths, date=date):
        if isinstance(item, ReadError):
            yield from extract_documents(pending, batch_size=batch_size, workers=workers)
            pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= chunk:
            yield from extract_documents(pending, batch_size=batch_size, workers=workers)
            pending = []
    yield from extract_documents(pending, batch_size=batch_size, workers=workers)


def extract_on_dask(paths: Iterable[str | Path], *, scheduler: str, out: str) -> Any:
    """Extraction partitioned over a Dask cluster; claims go to Parquet partitions or PostgreSQL."""
    from entente.scale.dask_runner import extract_with_dask

    return extract_with_dask(paths, scheduler=scheduler, out=out)


def extract_text(text: str, *, date: dt.date, doc_id: str = "text") -> list[Claim]:
    """Claims of one article given as a string."""
    return load_extractor().extract(Document(id=doc_id, date=date, text=text))


def gold_documents(gold: list[GoldDocument]) -> list[Document]:
    return [Document(id=g.id, date=g.date, text=g.text, title=g.title) for g in gold]


def evaluate(gold_path: str | Path | Any, predictions_path: str | Path | None = None) -> Scores:
    """Score predictions (a JSONL file of claims, or entente's own extraction) against a gold file."""
    gold = load_gold(gold_path)
    if predictions_path is not None:
        predictions = read_predictions(predictions_path)
    else:
        predictions = [c.to_dict() for _, claims in extract_documents(gold_documents(gold)) for c in claims]
    return score(gold, predictions)
