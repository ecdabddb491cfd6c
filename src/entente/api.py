"""entente's Python API: every CLI command is a few lines over a function here.

    >>> import datetime as dt, entente
    >>> claims = entente.extract_text("Iran supplied drones to Russia.", date=dt.date(2022, 11, 5))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from entente.errors import EntenteError, ReadError
from entente.evaluate import GoldDocument, Scores, load_gold, read_predictions, score
from entente.model import Claim, Document

__all__ = [
    "clear_cache",
    "extract_on_dask",
    "extract_documents",
    "extract_paths",
    "extract_text",
    "evaluate",
    "evaluate_files",
    "load_extractor",
    "open_extractor",
]


def load_extractor() -> Any:
    """The extractor with its spaCy pipeline, behind the prefilter (loaded once per process).

    The prefilter skips articles and sentences that cannot hold a claim before
    spaCy parses anything; it loses no claim on the dev gold (a test says so).
    """
    return _cached_extractor()


@lru_cache(maxsize=1)
def _cached_extractor() -> Any:
    from entente.extract.prefilter import FilteredExtractor

    return FilteredExtractor.load()


def clear_cache() -> None:
    """Forget the loaded extractor (after the data files changed, or in tests)."""
    _cached_extractor.cache_clear()


def open_extractor(workers: int = 1) -> Any:
    """The runner for a whole run: this process (``workers <= 1``) or one pool of ``workers`` processes.

    A context manager with the extractor's interface (``extract``,
    ``extract_many``, ``extract_each``); leaving it stops the pool.
    """
    from entente.scale.runner import open_runner

    return open_runner(workers, extractor=load_extractor() if workers <= 1 else None)


def extract_documents(
    docs: Iterable[Document], *, batch_size: int = 16, workers: int = 1
) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims of each document, in order, parsed in batches (in ``workers`` processes if > 1)."""
    with open_extractor(workers) as runner:
        yield from runner.extract_many(docs, batch_size=batch_size)


def extract_paths(
    paths: Iterable[str | Path], *, date: dt.date | None = None, batch_size: int = 16, workers: int = 1,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[Document, list[Claim]] | ReadError]:
    """Read files in any supported format and extract; unreadable articles come out as ``ReadError`` values.

    One runner (one pool of ``workers`` processes) for the whole run; the
    articles are streamed to it and come out in input order, read errors and
    articles over their time budget (E150) in their place, and articles whose
    extraction fails (``ExtractionFailed``, E110): never an exception.
    ``on_skip(where, why)`` hears of crawl records that hold no article (redirects, empty bodies).
    """
    from entente.extract.pipeline import in_input_order
    from entente.ingest import read_documents

    with open_extractor(workers) as runner:
        results = in_input_order(
            read_documents(paths, date=date, on_skip=on_skip),
            lambda item: isinstance(item, Document),
            lambda docs: runner.extract_each(docs, batch_size=batch_size),
        )
        for result in results:
            if isinstance(result, ReadError):
                yield result
                continue
            doc, outcome = result
            if isinstance(outcome, ReadError):
                yield outcome
            elif isinstance(outcome, EntenteError):
                yield ReadError(doc.id, str(outcome))
            else:
                yield doc, outcome


def extract_on_dask(paths: Iterable[str | Path], *, scheduler: str, out: str, partition_size: int = 64) -> Any:
    """Extraction partitioned over a Dask cluster; claims go to Parquet partitions or PostgreSQL."""
    from entente.scale.dask_runner import extract_with_dask

    return extract_with_dask(paths, scheduler=scheduler, out=out, partition_size=partition_size)


def extract_text(text: str, *, date: dt.date, doc_id: str = "text") -> list[Claim]:
    """Claims of one article given as a string."""
    from entente.ingest.normalise import normalise_document

    return load_extractor().extract(normalise_document(Document(id=doc_id, date=date, text=text)))


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


def evaluate_files(gold_paths: list[str | Path]) -> dict[str, Scores]:
    """Score the extractor on several gold files at once: ``"all"`` first, then each file by its name.

    The extractor runs once over every document; the per-file figures are the same predictions
    scored against each file's documents, so a rule that helps one file and hurts another shows.
    """
    files = {str(p): load_gold(p) for p in gold_paths}
    everything = [doc for docs in files.values() for doc in docs]
    predictions = [c.to_dict() for _, claims in extract_documents(gold_documents(everything)) for c in claims]
    out = {"all": score(everything, predictions)}
    for name, docs in files.items():
        ids = {d.id for d in docs}
        out[Path(name).stem] = score(docs, [p for p in predictions if p["doc_id"] in ids])
    return out
