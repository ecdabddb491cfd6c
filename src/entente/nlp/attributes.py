"""Component ``entente_attributes``: the English model's ``attribute_ruler``, same output, less time.

The model's attribute ruler maps every fine-grained tag to its coarse POS and
morphology (its tag map: one single-token ``TAG`` pattern a tag), then applies
about 120 exceptions (``LOWER`` + ``TAG``, ``DEP``, two-token patterns). It
matches them all with one ``Matcher`` and sets each match from Python, a
``Span`` and a dict walk per match: 12-15% of entente's parse time on military
news (``entente bench``'s component shares), more than the tagger.

This component reads the ruler's own patterns (nothing is copied into entente)
and applies them to whole columns of the document at once with numpy
(``Doc.to_array``/``from_array``): the tag map as one table, each exception as
a mask over the token positions. Matches are computed on the document as the
parser left it and applied in pattern order, later patterns winning, as the
ruler does. :meth:`FastAttributes.take` refuses a ruler whose patterns use a
key or operator it does not implement, and :func:`use_fast_attributes` then
keeps the stock ruler. ``tests/test_nlp_attributes.py`` compares every token's
POS, morphology, lemma, tag and dependency with the stock pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as UNIVERSAL_POS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

# The token attributes a pattern may test, as columns of Doc.to_array.
_TESTED = {"LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
_TESTED_COLUMNS: list[int | str] = list(_TESTED.values())
# The attributes a pattern may set, in the order of the output columns.
_SET = {"POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "TAG": TAG, "DEP": DEP}


@dataclass(frozen=True)
class _Test:
    column: int  # index into _TESTED_COLUMNS
    operator: str  # "==", "IN", "NOT_IN", "REGEX"
    values: tuple[int, ...] | str  # hashes (or 0/1 for IS_SPACE); the pattern for REGEX


@dataclass(frozen=True)
class _Rule:
    tokens: tuple[tuple[_Test, ...], ...]  # the tests of each token of the pattern
    index: int  # which token of a match gets the attributes (0 <= index < len(tokens))
    attrs: tuple[tuple[int, int], ...]  # (output column, value)


@Language.factory("entente_attributes")
def make_attributes(nlp: Language, name: str) -> FastAttributes:
    return FastAttributes(nlp.vocab, name)


class FastAttributes:
    """An attribute ruler's patterns applied by columns; see the module's docstring."""

    def __init__(self, vocab: Vocab, name: str = "entente_attributes") -> None:
        self.vocab = vocab
        self.name = name
        self.rules: list[_Rule] = []
        self.columns: list[int | str] = []  # the attribute ids this ruler sets

    def take(self, ruler: AttributeRuler) -> None:
        """Compile ``ruler``'s patterns, in their order; ValueError for one this class cannot apply."""
        rules = []
        patterns: list[dict[str, Any]] = list(ruler.patterns)  # type: ignore[arg-type]  # spaCy's union type
        for pattern in patterns:
            for alternative in pattern["patterns"]:
                rules.append(self._rule(alternative, pattern["attrs"], pattern.get("index", 0)))
        self.rules = rules
        self.columns = sorted({column for rule in rules for column, _ in rule.attrs})

    def _rule(self, tokens: list[dict[str, Any]], attrs: dict[str, Any], index: int) -> _Rule:
        if not tokens or not -len(tokens) <= index < len(tokens):
            raise ValueError(f"pattern {tokens} with index {index}")
        compiled = tuple(tuple(self._test(key, value) for key, value in token.items()) for token in tokens)
        settings = []
        for name, value in attrs.items():
            if name not in _SET:
                raise ValueError(f"an attribute ruler pattern sets {name}")
            settings.append((_SET[name], self._value(name, value)))
        return _Rule(compiled, index % len(tokens), tuple(settings))

    def _test(self, key: str, value: Any) -> _Test:
        if key not in _TESTED:
            raise ValueError(f"an attribute ruler pattern tests {key}")
        column = list(_TESTED).index(key)
        if isinstance(value, dict):
            if len(value) != 1:
                raise ValueError(f"an attribute ruler test {value}")
            operator, operand = next(iter(value.items()))
            if operator == "REGEX" and key != "IS_SPACE":
                return _Test(column, "REGEX", str(operand))
            if operator in ("IN", "NOT_IN"):
                return _Test(column, operator, tuple(self._hash(key, v) for v in operand))
            raise ValueError(f"an attribute ruler test {key}: {value}")
        return _Test(column, "==", (self._hash(key, value),))

    def _hash(self, key: str, value: Any) -> int:
        if key == "IS_SPACE":
            if not isinstance(value, bool):
                raise ValueError(f"IS_SPACE: {value!r}")
            return int(value)
        return int(self.vocab.strings.add(str(value)))

    def _value(self, name: str, value: Any) -> int:
        if name == "POS":
            return int(UNIVERSAL_POS[value])
        if name == "MORPH":
            return int(self.vocab.morphology.add(value))
        return int(self.vocab.strings.add(value))

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n or not self.rules:
            return doc
        tested = doc.to_array(_TESTED_COLUMNS)
        out = doc.to_array(self.columns)
        where = {int(column): i for i, column in enumerate(self.columns)}
        present = [set(np.unique(tested[:, i]).tolist()) for i in range(len(_TESTED_COLUMNS))]
        for rule in self.rules:  # in pattern order: a later pattern overwrites an earlier one
            if not _possible(rule, present):
                continue  # most exceptions name a word the document does not have: no array work
            starts = self._matches(rule, tested, n)
            if starts.size:
                targets = starts + rule.index
                for column, value in rule.attrs:
                    out[targets, where[column]] = value
        doc.from_array(self.columns, out)  # type: ignore[arg-type]  # uint64, as to_array gave it
        return doc

    def _matches(self, rule: _Rule, tested: np.ndarray, n: int) -> np.ndarray:
        """The start positions where every token of ``rule`` passes its tests."""
        width = len(rule.tokens)
        if width > n:
            return np.empty(0, dtype=np.int64)
        mask = np.ones(n - width + 1, dtype=bool)
        for offset, tests in enumerate(rule.tokens):
            for test in tests:
                column = tested[offset : n - width + 1 + offset, test.column]
                mask &= self._passes(test, column)
                if not mask.any():
                    return np.empty(0, dtype=np.int64)
        return np.flatnonzero(mask)

    def _passes(self, test: _Test, column: np.ndarray) -> np.ndarray:
        if test.operator == "REGEX":
            strings = self.vocab.strings
            pattern = re.compile(str(test.values))
            found = [h for h in np.unique(column) if pattern.search(strings[int(h)])]
            return np.isin(column, np.array(found, dtype=column.dtype))
        values = np.array(test.values, dtype=column.dtype)
        if test.operator == "==":
            return column == values[0]
        hit = np.isin(column, values)
        return hit if test.operator == "IN" else ~hit


def _possible(rule: _Rule, present: list[set[int]]) -> bool:
    """False when a token test of ``rule`` asks for a value (== or IN) that no token of the document has."""
    for tests in rule.tokens:
        for test in tests:
            if test.operator in ("==", "IN") and present[test.column].isdisjoint(test.values):
                return False
    return True


def use_fast_attributes(nlp: Language) -> bool:
    """Put ``entente_attributes`` in the place of ``nlp``'s ``attribute_ruler``; False if it kept the stock one."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    fast = nlp.add_pipe("entente_attributes", before="attribute_ruler")
    assert isinstance(fast, FastAttributes)
    try:
        fast.take(ruler)
    except ValueError:
        nlp.remove_pipe("entente_attributes")  # a model whose patterns need the Matcher: the stock ruler stays
        return False
    nlp.remove_pipe("attribute_ruler")
    return True
