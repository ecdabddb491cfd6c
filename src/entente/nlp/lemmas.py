"""Component ``entente_lemmas``: the English model's ``lemmatizer``, same lemmas, less time.

The stock rule lemmatizer walks the document from Python, a ``Token`` object
and a string setter per token, and caches its rules' result by the token's
text, POS and morphology. It was 14% of entente's parse time on military
news (``entente bench``'s component shares), half as much as the parser.

This component keeps the model's own lemmatizer (its tables, its mode, its
``lemmatize``) and replaces the walk: the columns ORTH, POS, MORPH and
LEMMA come out of the ``Doc`` at once (``Doc.to_array``), each distinct
(text, POS, morphology) is lemmatized once by the stock ``lemmatize`` and
remembered, and the lemmas go back in one ``Doc.from_array``. A lemma is a
function of those three alone: the stock rules read nothing else, and what
they leave out of their own cache (space, untagged and base-form tokens) is
as much a function of them. The rules look each candidate form up in the
model's word index, a list of 57,000 nouns scanned at every lookup (about
0.1 ms a word): the component hands the lemmatizer that index as sets, which
answer the same. Tokens that already have a lemma (the attribute
ruler's exceptions) keep it, unless the lemmatizer is set to overwrite, as
the stock one does. ``tests/test_nlp_attributes.py`` compares every token's
lemma with the stock pipeline on all dev gold texts.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

_COLUMNS = [ORTH, POS, MORPH, LEMMA]


@Language.factory("entente_lemmas")
def make_lemmas(nlp: Language, name: str) -> FastLemmas:
    return FastLemmas(name)


class FastLemmas:
    """The stock lemmatizer's lemmas, set by columns; give it the lemmatizer with :meth:`take`."""

    def __init__(self, name: str = "entente_lemmas") -> None:
        self.name = name
        self.stock: Lemmatizer | None = None
        # (orth, pos, morph) -> the lemma's hash; as unbounded as the stock lemmatizer's own cache
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def take(self, lemmatizer: Lemmatizer) -> None:
        """Lemmatize as ``lemmatizer`` does, from now on in this component's place."""
        # The rules test every candidate form for membership in the word index of its POS, which the
        # model stores as a list (57,000 nouns): a set answers alike, without a scan per candidate.
        index = lemmatizer.lookups.get_table("lemma_index", None)
        if index is not None:
            for pos, words in list(index.items()):
                if isinstance(words, list):
                    index[pos] = frozenset(words)
        self.stock = lemmatizer
        self._lemmas.clear()

    def __call__(self, doc: Doc) -> Doc:
        stock = self.stock
        if stock is None:
            raise ValueError("entente_lemmas has no lemmatizer: call take() first")
        if not stock._validated:  # noqa: SLF001  (the stock component's own check, E1004)
            stock._validate_tables(Errors.E1004)  # noqa: SLF001
        if not len(doc):
            return doc
        columns = doc.to_array(_COLUMNS)
        lemmas = columns[:, 3].copy()
        todo = range(len(doc)) if stock.overwrite else np.flatnonzero(lemmas == 0).tolist()
        known = self._lemmas
        strings = doc.vocab.strings
        for i in todo:
            orth, pos, morph = int(columns[i, 0]), int(columns[i, 1]), int(columns[i, 2])
            key = (orth, pos, morph)
            lemma = known.get(key)
            if lemma is None:
                lemma = known[key] = strings.add(stock.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]  # uint64, as to_array gave it
        return doc


def use_fast_lemmas(nlp: Language) -> bool:
    """Put ``entente_lemmas`` in the place of ``nlp``'s ``lemmatizer``; False if it kept the stock one."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("lemmatizer")
    if not isinstance(stock, Lemmatizer) or stock.mode not in ("rule", "lookup"):
        return False  # a lemmatizer whose lemmas may read more than the token's text, POS and morphology
    fast = nlp.add_pipe("entente_lemmas", before="lemmatizer")
    assert isinstance(fast, FastLemmas)
    fast.take(stock)
    nlp.remove_pipe("lemmatizer")
    return True


def lemmatizer_of(nlp: Language) -> Lemmatizer | None:
    """The model's lemmatizer, in its own place or inside ``entente_lemmas`` (for its tables)."""
    for name in ("lemmatizer", "entente_lemmas"):
        if name in nlp.pipe_names:
            component = nlp.get_pipe(name)
            found = component.stock if isinstance(component, FastLemmas) else component
            if isinstance(found, Lemmatizer):
                return found
    return None
