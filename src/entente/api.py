"""entente's Python API: every CLI command is a few lines over a function here.

    >>> import datetime as dt, entente
    >>> claims = entente.extract_text("Iran supplied drones to Russia.", date=dt.date(2022, 11, 5))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from entente.errors import ReadError
from entente.evaluate import GoldDocument, Scores, load_gold, read_predictions, score
from entente.model import Claim, Document

__all__ = [
    "extract_documents",
    "extract_paths",
    "extract_text",
    "evaluate",
    "load_extractor",
]


def load_extractor() -> Any:
    """The extractor with its spaCy pipeline (loaded once per process)."""
    from entente.extract.pipeline import Extractor

    return _cached_extractor(Extractor)


_EXTRACTOR: Any = None


def _cached_extractor(factory: Any) -> Any:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = factory.load()
    return _EXTRACTOR


def extract_documents(docs: Iterable[Document], *, batch_size: int = 16) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, in order, parsed in batches."""
    yield from load_extractor().extract_many(docs, batch_size=batch_size)


def extract_paths(
    paths: Iterable[str | Path], *, date: dt.date | None = None, batch_size: int = 16
) -> Iterator[tuple[Document, list[Claim]] | ReadError]:
    """Read files in any supported format and extract; unreadable articles come out as ``ReadError`` values."""
    from entente.ingest import read_documents

    pending: list[Document] = []
    for item in read_documents(paths, date=date):
        if isinstance(item, ReadError):
            yield from extract_documents(pending, batch_size=batch_size)
            pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            yield from extract_documents(pending, batch_size=batch_size)
            pending = []
    yield from extract_documents(pending, batch_size=batch_size)


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
