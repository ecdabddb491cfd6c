"""A cheap pass before spaCy: skip articles and sentences that cannot hold a claim.

One Aho-Corasick automaton over lowercase text finds two kinds of cue:

- trigger stems: every trigger verb and noun of ``lexicons/triggers.yaml``
  cut to the part its inflections share ("supply" -> "suppl", "provide" ->
  "provid"), plus the irregular forms the spaCy lemmatizer maps back to a
  trigger ("sold", "sent", "bought"), plus the multi-word trigger phrases;
- actor forms: every form of the gazetteer (names, capitals, demonyms, seats).

A claim needs a trigger and two actors, so an article with no trigger or no
actor is skipped whole. In the rest only sentences with a trigger and their
neighbours are parsed (attribution can come from the next sentence, an
antecedent from the previous one). Matching is lenient on purpose (lowercase,
prefixes, a word boundary on the left only): a false cue costs a parse, a
missed one would cost a claim.

:class:`FilteredExtractor` wraps an ``Extractor`` (``extract/pipeline.py``), as a stage of extraction: it blanks every character
outside the candidate regions with a space (newlines are kept), so offsets into
the body stay what they were and claims come out exactly as the full parse
gives them.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import ahocorasick

from entente.data.catalogue import load_catalogue
from entente.data.gazetteer import load_gazetteer
from entente.errors import EntenteError
from entente.extract.lexicon import load_lexicon
from entente.extract.pipeline import EachExtractor, Extractor, Outcome, in_input_order
from entente.model import Claim, Document

if TYPE_CHECKING:
    from spacy.language import Language

TRIGGER = 1
ACTOR = 2
ITEM = 4

# A sentence ends after ., ! or ? (with closing quotes or brackets) before
# whitespace, and at every newline: cheap and generous, since the candidate
# regions are widened by a neighbour anyway.
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+|\n+")
# A period after a short capitalised word or an initialism ("Gen.", "Mr.",
# "U.S.") usually ends no sentence: no split there (a merged pair is safe).
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Za-z](?:\.[A-Za-z])+)$")


def trigger_stem(word: str) -> str:
    """The prefix every inflection of ``word`` starts with: "supply" -> "suppl", "provide" -> "provid"."""
    word = word.lower()
    if len(word) > 3 and word[-1] in "ey":
        return word[:-1]
    return word


def irregular_forms(lemmas: set[str], nlp: Language | None = None) -> set[str]:
    """Inflected forms that do not start with their lemma's stem ("sold" for "sell").

    Read from the lemmatizer's exception table of the English model, the same
    table that turns "sold" into the lemma the trigger component looks up.
    """
    if nlp is None:
        from entente.nlp.pipeline import load_base

        nlp = load_base(exclude=("tok2vec", "tagger", "parser", "attribute_ruler", "ner"))
    if "lemmatizer" not in nlp.pipe_names:
        return set()
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    if not lookups.has_table("lemma_exc"):
        return set()
    table = lookups.get_table("lemma_exc")
    forms: set[str] = set()
    for pos in ("verb", "noun"):
        for form, targets in table.get(pos, {}).items():
            if any(t in lemmas for t in targets):
                forms.add(form.lower())
    return forms


@dataclass
class Prefilter:
    """The compiled automaton; build it once with :meth:`build`."""

    automaton: Any  # ahocorasick.Automaton: the stubs are not typed

    @classmethod
    def build(cls, nlp: Language | None = None) -> Prefilter:
        """The prefilter over the bundled lexicon and gazetteer (cached per process)."""
        return _build(nlp)

    def _hits(self, text: str) -> Iterator[tuple[int, int, int]]:
        """(start, end, kind) of every cue in ``text`` that starts at a word boundary.

        Trigger stems need a boundary on the left only (they are prefixes);
        actor forms on both sides, and an acronym ("UN", "IS") its exact case.
        """
        for start, end, kind, _ in self._cues(text):
            yield start, end, kind

    def _cues(self, text: str) -> Iterator[tuple[int, int, int, str | None]]:
        """Like :meth:`_hits`, with the actor id of an actor cue."""
        lowered = text.lower()
        for last, (kind, length, exact, actor, system) in self.automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            if start > 0 and lowered[start - 1].isalnum():
                continue
            right_open = end < len(text) and lowered[end].isalnum()
            if kind & ACTOR and (right_open or (exact and text[start:end] != exact)):
                kind &= ~ACTOR
            if kind & ITEM and (right_open or text[start:end] != system):
                kind &= ~ITEM
            if kind:
                yield start, end, kind, actor if kind & ACTOR else None

    def article_may_hold_claim(self, text: str) -> bool:
        """False when the text cannot name both sides of a flow.

        A claim needs a trigger and two actors: two named ones, or one named
        and the maker of a catalogued system ("The S-400 was delivered to India").
        """
        trigger = item = False
        actors: set[str] = set()
        for _, _, kind, actor in self._cues(text):
            trigger |= bool(kind & TRIGGER)
            item |= bool(kind & ITEM)
            if actor:
                actors.add(actor)
            if trigger and (len(actors) >= 2 or (actors and item)):
                return True
        return False

    def candidate_sentences(self, text: str) -> list[tuple[int, int]]:
        """Merged (start, end) ranges of trigger sentences, their neighbours and sentences naming an actor."""
        sentences = split_sentences(text)
        if not sentences:
            return []
        starts = [s for s, _ in sentences]
        marked: set[int] = set()
        named: set[int] = set()
        for start, _, kind in self._hits(text):
            index = _index_of(starts, start)
            if kind & TRIGGER:
                marked.add(index)
            if kind & ACTOR:
                named.add(index)
        if not marked:
            return []
        # Sentences that name an actor stay too: the extractor resolves pronouns
        # and implicit roles against the actors the whole article names.
        keep = sorted({j for i in marked for j in (i - 1, i, i + 1) if 0 <= j < len(sentences)} | named)
        ranges: list[tuple[int, int]] = []
        for i in keep:
            start, end = sentences[i]
            if ranges and ranges[-1][1] >= start:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
        return ranges

    def regions(self, text: str) -> list[tuple[int, int]] | None:
        """The ranges of ``text`` worth parsing; None when the article cannot hold a claim."""
        if not self.article_may_hold_claim(text):
            return None
        return self.candidate_sentences(text) or None

    def blank(self, text: str) -> str | None:
        """``text`` with everything outside the candidate regions turned into spaces.

        Same length and the same newlines, so every offset stays valid; None
        when the article cannot hold a claim.
        """
        ranges = self.regions(text)
        return None if ranges is None else blank_outside(text, ranges)


def blank_outside(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with every character outside ``ranges`` (sorted, disjoint) a space, newlines kept."""
    parts: list[str] = []
    cursor = 0
    for start, end in ranges:
        parts.append(_spaces(text[cursor:start]))
        parts.append(text[start:end])
        cursor = end
    parts.append(_spaces(text[cursor:]))
    return "".join(parts)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence by punctuation and newlines; blank stretches are dropped."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(text):
        if text[match.start()] == "." and _ABBREVIATION.search(text, max(0, match.start() - 12), match.start()):
            continue
        if text[cursor:match.end()].strip():
            out.append((cursor, match.end()))
        cursor = match.end()
    if text[cursor:].strip():
        out.append((cursor, len(text)))
    return out


def _index_of(starts: list[int], offset: int) -> int:
    """Index of the sentence that holds ``offset`` (binary search over sentence starts)."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _spaces(chunk: str) -> str:
    """Blank a stretch of text, keeping its newlines so paragraph breaks stay breaks."""
    return "".join(c if c == "\n" else " " for c in chunk)


@lru_cache(maxsize=1)
def _build(nlp: Language | None) -> Prefilter:
    lexicon = load_lexicon()
    lemmas = set(lexicon.verbs) | set(lexicon.nouns)
    triggers = {trigger_stem(w) for w in lemmas}
    triggers |= irregular_forms(lemmas, nlp)
    triggers |= set(lexicon.phrases)
    triggers |= set(lexicon.joint_adverbs)  # "jointly produce": the verb alone is no trigger
    actors: dict[str, tuple[str | None, str]] = {}
    for form in load_gazetteer().forms():
        # The actor matcher compares exact text; lowercase matching is lenient
        # except for acronyms, which would otherwise hit common words ("is", "un").
        acronym = form.text.isupper() and len(form.text) <= 4
        actors[form.text.lower()] = (form.text if acronym else None, form.actor)
    # Catalogued systems, in their exact case: with one actor named, a system's maker can be the other.
    systems = {f.text.lower(): f.text for f in load_catalogue().surface_forms() if f.system_id and len(f.text) > 2}
    automaton = ahocorasick.Automaton()
    for word in triggers | set(actors) | set(systems):
        kind = (TRIGGER if word in triggers else 0) | (ACTOR if word in actors else 0) | (ITEM if word in systems else 0)
        exact, actor = actors.get(word, (None, None))
        automaton.add_word(word, (kind, len(word), exact, actor, systems.get(word)))
    automaton.make_automaton()
    return Prefilter(automaton)


def clear_cache() -> None:
    """Forget the built prefilter (after the lexicon or gazetteer changed)."""
    _build.cache_clear()


class FilteredExtractor(EachExtractor):
    """An ``Extractor`` that parses only what may hold a claim; same interface, same claims.

    Skipped documents come out with no claims, in their place.
    """

    def __init__(self, extractor: Extractor, prefilter: Prefilter | None = None) -> None:
        self.extractor = extractor
        self.prefilter = prefilter or Prefilter.build(extractor.nlp)
        self.skipped = 0  # articles never parsed, for reports
        self.chars_in = 0  # characters of the articles seen
        self.chars_parsed = 0  # characters in the candidate regions, what the parser reads

    @classmethod
    def load(cls) -> FilteredExtractor:
        return cls(Extractor.load())

    def _narrow(self, doc: Document) -> Document | None:
        self.chars_in += len(doc.text)
        ranges = self.prefilter.regions(doc.text)
        if ranges is None:
            self.skipped += 1
            return None
        self.chars_parsed += sum(end - start for start, end in ranges)
        return replace(doc, text=blank_outside(doc.text, ranges))

    def extract_each(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, Outcome]]:
        """Like ``Extractor.extract_each``: claims (or the article's error) in input order."""

        def parse(chosen: Iterator[tuple[Document, Document | None]]) -> Iterator[tuple[Document, Outcome]]:
            originals: deque[Document] = deque()

            def narrowed() -> Iterator[Document]:
                for original, narrow in chosen:
                    assert narrow is not None, "only narrowed articles are chosen"
                    originals.append(original)
                    yield narrow

            for _, outcome in self.extractor.extract_each(narrowed(), batch_size=batch_size):
                original = originals.popleft()
                if isinstance(outcome, EntenteError):
                    yield original, outcome
                else:
                    yield original, [_restore(claim, original) for claim in outcome]

        pairs = ((doc, self._narrow(doc)) for doc in docs)
        for original, outcome in in_input_order(pairs, lambda pair: pair[1] is not None, parse):
            yield original, [] if outcome is None else outcome


def _restore(claim: Claim, original: Document) -> Claim:
    """Evidence text from the original body (the blanked copy has the same offsets)."""
    ev = claim.evidence
    claim.evidence = replace(ev, text=original.text[ev.start:ev.end])
    return claim
