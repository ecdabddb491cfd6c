"""The extractor: the spaCy pipeline with entente's components, documents in, claims out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from entente.extract.claims import claims_from_doc
from entente.model import Claim, Document
from entente.nlp.pipeline import load_pipeline


class Extractor:
    """Turn documents into claims. Load once (``Extractor.load()``), reuse."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    @classmethod
    def load(cls) -> Extractor:
        return cls(load_pipeline())

    def extract(self, doc: Document) -> list[Claim]:
        return claims_from_doc(self.nlp(doc.text), doc)

    def extract_many(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, list[Claim]]]:
        pairs = ((d.text, d) for d in docs)
        for parsed, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield document, claims_from_doc(parsed, document)
