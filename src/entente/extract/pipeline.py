"""The extractor: spaCy's parse (``entente.nlp``) with entente's components, documents in, claims out.

Cost per article is bounded:

- an article longer than ``PIECE_CHARS`` is cut into pieces on paragraph,
  line or sentence boundaries (``entente.nlp.pipeline.pieces``), each parsed as
  its own text and its claims shifted back to offsets into the whole body:
  nothing is refused for its length (spaCy alone refuses 1,000,000 characters,
  E088);
- batches are cut by characters as well as by documents (``BATCH_CHARS``), so
  the parse's memory does not grow with the articles' length;
- entente's own work on each piece (its components and the claims) runs under
  a time budget: ``ENTENTE_TIME_BUDGET`` seconds per 10,000 characters (default
  3, at least ``MIN_BUDGET`` seconds; 0 turns it off). An article over budget
  comes out as a ``TookTooLong`` error (E150), never a stalled batch. The
  budget is a ``SIGALRM`` timer, so it holds in the main thread of a process
  (the CLI, every ``--workers`` process); elsewhere (a Dask thread) it is off.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from entente.errors import EntenteError, TookTooLong
from entente.extract.claims import claims_from_doc
from entente.extract.syntax import TEXT_KEY, doc_text
from entente.model import Claim, Document
from entente.nlp.pipeline import BATCH_CHARS, PIECE_CHARS, load_parser, pieces

# The components entente adds after the parser, in order. Each is registered
# by name in its own module of ``entente.extract`` (imported by ``components``).
ENTENTE_COMPONENTS = (
    "entente_actors",
    "entente_items",
    "entente_triggers",
    "entente_roles",
    "entente_attribution",
    "entente_factuality",
    "entente_time",
)

BUDGET_ENV = "ENTENTE_TIME_BUDGET"
DEFAULT_BUDGET = 3.0  # seconds per 10,000 characters
MIN_BUDGET = 5.0  # seconds, whatever the length

# What an extraction gives for one document: its claims, or why there are none.
Outcome = list[Claim] | EntenteError
T = TypeVar("T")


class ClaimExtractor(Protocol):
    """What every extractor offers (``Extractor``, ``FilteredExtractor``, the runners in ``scale``)."""

    def extract(self, doc: Document) -> list[Claim]: ...

    def extract_many(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, list[Claim]]]: ...

    def extract_each(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, Outcome]]: ...


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The parse with entente's components; loaded once per process."""
    import entente.extract.components  # noqa: F401  (registers the components)

    nlp = load_parser()
    for name in ENTENTE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def budget_per_10k() -> float:
    """Seconds per 10,000 characters from ``ENTENTE_TIME_BUDGET`` (0: no budget)."""
    raw = os.environ.get(BUDGET_ENV, "").strip()
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_BUDGET
    except ValueError:
        return DEFAULT_BUDGET


class EachExtractor:
    """``extract`` and ``extract_many`` from a subclass's ``extract_each``."""

    def extract_each(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, Outcome]]:
        raise NotImplementedError

    def extract(self, doc: Document) -> list[Claim]:
        return next(self.extract_many([doc]))[1]

    def extract_many(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, list[Claim]]]:
        """Claims per document, in input order; an article's error (E150) is raised."""
        for doc, outcome in self.extract_each(docs, batch_size=batch_size):
            if isinstance(outcome, EntenteError):
                raise outcome
            yield doc, outcome


class Extractor(EachExtractor):
    """Turn documents into claims. Load once (``Extractor.load()``), reuse."""

    def __init__(self, nlp: Language, *, budget: float | None = None) -> None:
        self.nlp = nlp
        self.budget = budget_per_10k() if budget is None else budget
        # spaCy's own components run batched; entente's run per document, under the budget.
        self._late = [(name, proc) for name, proc in nlp.pipeline if name in ENTENTE_COMPONENTS]
        self._early = [(name, proc) for name, proc in nlp.pipeline if name not in ENTENTE_COMPONENTS]

    @classmethod
    def load(cls) -> Extractor:
        return cls(load_pipeline())

    def extract_each(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, Outcome]]:
        """(document, claims or the error that stopped it), in input order; never raises for one article."""
        claims: list[Claim] = []
        failure: EntenteError | None = None
        for parsed, (doc, offset, last) in self._parse(_units(docs), batch_size):
            if failure is None:
                try:
                    found = self._finish(parsed, doc)
                except TookTooLong as exc:
                    failure = exc
                else:
                    claims.extend(_shifted(c, offset) for c in found)
            if last:
                yield doc, failure if failure is not None else claims
                claims, failure = [], None

    def _parse(
        self, units: Iterable[tuple[str, tuple[Document, int, bool]]], batch_size: int
    ) -> Iterator[tuple[Doc, tuple[Document, int, bool]]]:
        """spaCy's components over the texts, batched by count and by characters, in order."""
        for batch in _char_batches(units, batch_size, BATCH_CHARS):
            docs: Iterable[Doc] = (_made(self.nlp, text) for text, _ in batch)
            for _, proc in self._early:
                pipe = getattr(proc, "pipe", None)
                docs = pipe(docs, batch_size=len(batch)) if pipe is not None else map(proc, docs)
            yield from zip(docs, (context for _, context in batch), strict=True)

    def _finish(self, parsed: Doc, doc: Document) -> list[Claim]:
        seconds = max(MIN_BUDGET, self.budget * len(doc_text(parsed)) / 10_000) if self.budget else 0.0
        with time_budget(seconds, doc.id, self.budget):
            for _, proc in self._late:
                parsed = proc(parsed)
            return claims_from_doc(parsed, doc)


def _made(nlp: Language, text: str) -> Doc:
    """The tokenized ``text``, knowing its text: spaCy's tokenizer keeps every character, so
    ``Doc.text`` (rebuilt from all tokens on each call) is ``text`` (see ``syntax.doc_text``)."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def _units(docs: Iterable[Document]) -> Iterator[tuple[str, tuple[Document, int, bool]]]:
    """(text to parse, (document, offset of the text in its body, last piece?)) for every piece."""
    for doc in docs:
        if len(doc.text) <= PIECE_CHARS:
            yield doc.text, (doc, 0, True)
            continue
        spans = pieces(doc.text, PIECE_CHARS)
        for k, (start, end) in enumerate(spans):
            yield doc.text[start:end], (doc, start, k == len(spans) - 1)


def _char_batches(items: Iterable[tuple[str, T]], size: int, chars: int) -> Iterator[list[tuple[str, T]]]:
    """Consecutive batches of at most ``size`` items and (but for a single item) ``chars`` characters."""
    batch: list[tuple[str, T]] = []
    total = 0
    for item in items:
        if batch and (len(batch) >= size or total + len(item[0]) > chars):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += len(item[0])
    if batch:
        yield batch


def _shifted(claim: Claim, offset: int) -> Claim:
    """A claim of a piece, with its offsets (evidence, the trigger in the trace) into the whole body."""
    if not offset:
        return claim
    ev = claim.evidence
    claim.evidence = replace(ev, start=ev.start + offset, end=ev.end + offset)
    for value in claim.trace.values():
        if isinstance(value, dict) and isinstance(value.get("start"), int):
            value["start"] += offset
    return claim


@contextmanager
def time_budget(seconds: float, doc_id: str, per_10k: float) -> Iterator[None]:
    """Raise ``TookTooLong`` in the block after ``seconds`` (main thread only; 0: no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise TookTooLong(doc_id, f"took longer than {seconds:.0f} s to extract "
                                  f"(budget {per_10k:g} s per 10,000 characters, {BUDGET_ENV})")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def in_input_order(
    items: Iterable[Any],
    is_work: Callable[[Any], bool],
    run: Callable[[Iterator[Any]], Iterator[Any]],
) -> Iterator[Any]:
    """``run`` over the items ``is_work`` picks; the other items come out as they are, in input order.

    ``run`` must give one result per item it takes, in order (like
    ``extract_many``); the items it does not take wait until every item before
    them has come back.
    """
    pending: deque[tuple[bool, Any]] = deque()

    def work() -> Iterator[Any]:
        for item in items:
            chosen = is_work(item)
            pending.append((chosen, item))
            if chosen:
                yield item

    for result in run(work()):
        while not pending[0][0]:
            yield pending.popleft()[1]
        pending.popleft()
        yield result
    for _, item in pending:
        yield item
