"""The extractor: loads the spaCy pipeline with entente's components once,
and turns documents into claims.

(Interface fixed early so ingest, store and scale can build against it; the
components land in this package one by one.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from entente.model import Claim, Document


class Extractor:
    """Turn documents into claims. Load once (``Extractor.load()``), reuse."""

    def __init__(self) -> None:
        pass

    @classmethod
    def load(cls) -> Extractor:
        return cls()

    def extract(self, doc: Document) -> list[Claim]:
        return []

    def extract_many(
        self, docs: Iterable[Document], *, batch_size: int = 32
    ) -> Iterator[tuple[Document, list[Claim]]]:
        for doc in docs:
            yield doc, self.extract(doc)
