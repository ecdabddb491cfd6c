"""A cheap pass before spaCy, the first stage of extraction: skip articles and sentences that cannot hold a claim.

One Aho-Corasick automaton over lowercase text finds five kinds of cue:

- triggers: every trigger verb and noun of ``lexicons/triggers.yaml`` as a
  stem ("supply" -> "suppl", "provide" -> "provid") followed only by one of
  its inflections ("supplies", "provided", "shipped": not "army" for "arm",
  nor "handle" for "hand"), the irregular forms the spaCy lemmatizer maps back
  to a trigger ("sold", "sent", "bought"), the trigger phrases and the joint
  adverbs;
- actors: every form of the gazetteer (names, capitals, demonyms and
  nationality adjectives, seats, organisations), and organisation words that
  may name a side the gazetteer does not list ("the government", "rebels",
  "militias": ``organisation_words`` of ``lexicons/prefilter.yaml``);
- goods: catalogued systems (exact case), the catalogue's generic terms,
  people sent, and goods heads the catalogue does not list ("equipment",
  "boats", "chemicals": ``goods_heads``), since the extractor reads goods
  beyond the catalogue; help ("aid", "assistance", "support": ``generic_help``)
  counts only beside a military word ("military aid", "security assistance").

A claim needs a trigger and two actors, so an article without a trigger and
two actors (or one actor and a catalogued system, whose maker can be the
other) is skipped whole. In the rest, a sentence is a candidate when it has a
trigger and its window (itself and its neighbours) an actor cue and a goods
cue; the candidates are parsed with their neighbours (attribution can come
from the next sentence, an antecedent from the previous one) and with the
sentences up to ``LOOKBACK`` before them that name an actor (roles and
pronouns resolve against the actors named before). Matching stays lenient
(lowercase, plurals, every inflection): a false cue costs a parse, a missed
one would cost a claim.

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

from entente.data.catalogue import load_catalogue, load_goods_heads
from entente.data.gazetteer import load_gazetteer
from entente.errors import DataError, EntenteError
from entente.extract.lexicon import load_lexicon
from entente.extract.lexicon import read_file as read_lexicon_file
from entente.extract.pipeline import EachExtractor, Extractor, Outcome, in_input_order
from entente.model import Claim, Document
from entente.nlp.lemmas import lemmatizer_of

if TYPE_CHECKING:
    from spacy.language import Language

TRIGGER = 1
ACTOR = 2
ITEM = 4  # a catalogued system, in its exact case
GOODS = 8  # a word for what flows: generic items, people sent, goods heads
ORG = 16  # a word for an organisation or armed group that may be a side: "the government", "rebels"
SUPPORT = 32  # help with no goods ("aid", "assistance"): a goods cue only beside a military word
MILITARY = 64  # "military", "defence", "security", "weapons": what makes aid military
# A trigger that needs no goods cue between two named sides: one that always moves goods ("supplied",
# "sold": open goods have no cue of their own) or one whose claim needs no item ("supported", "trained").
TRADE = 128

# How many sentences before a candidate are kept when they name an actor.
LOOKBACK = 3

# Inflections a trigger stem may take, by how its lemma ends ("suppl" + "ies",
# "provid" + "ed", "ship" + "ped"); a stem followed by anything else ("hand" in
# "handle", "arm" in "army") is no cue.
_SUFFIXES = {
    "y": frozenset({"y", "ies", "ied", "ying", "ier", "iers"}),
    "e": frozenset({"e", "es", "ed", "ing", "er", "ers", "en"}),
    "": frozenset({"", "s", "es", "ed", "ing", "er", "ers", "en"}),
}
_DOUBLED = frozenset({"ed", "ing", "er", "ers"})


@dataclass(frozen=True)
class CueWords:
    """The prefilter's own cue words (``data/lexicons/prefilter.yaml``): wider than the catalogue."""

    goods_heads: frozenset[str]  # goods the catalogue does not list ("boats", "chemicals")
    generic_help: frozenset[str]  # help that is military only beside a military word
    organisation_words: frozenset[str]  # sides the gazetteer does not name ("the government", "rebels")


@lru_cache(maxsize=1)
def load_cue_words() -> CueWords:
    data = read_lexicon_file("prefilter.yaml")
    try:
        return CueWords(*(frozenset(str(w).lower() for w in data[key])
                          for key in ("goods_heads", "generic_help", "organisation_words")))
    except (KeyError, TypeError) as exc:
        raise DataError(f"lexicons/prefilter.yaml: needs lists goods_heads, generic_help and "
                        f"organisation_words ({exc})") from exc


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
    lemmatizer = lemmatizer_of(nlp)
    if lemmatizer is None:
        return set()
    lookups = lemmatizer.lookups
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
        for last, (kind, length, exact, actor, system, stem) in self.automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            if start > 0 and lowered[start - 1].isalnum():
                continue
            right_open = end < len(text) and lowered[end].isalnum()
            if right_open:
                kind &= ~(ACTOR | ITEM | GOODS | ORG | SUPPORT | MILITARY)
                if kind & TRIGGER and not (stem and _inflection(lowered, end, stem)):
                    kind &= ~TRIGGER
            if kind & ACTOR and exact and text[start:end] != exact:
                kind &= ~ACTOR
            if kind & ITEM and text[start:end] != system:
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
        """Merged (start, end) ranges of the candidate sentences and their neighbours.

        A sentence is a candidate when it has a trigger cue and, within it or
        its neighbours, an actor cue (a gazetteer form or an organisation
        word) and a goods cue (a catalogued system, a generic item, people
        sent, a goods head, or help beside a military word: "military aid"). Its neighbours stay with it: attribution
        can come from the next sentence, an antecedent from the previous one.
        """
        sentences = split_sentences(text)
        if not sentences:
            return []
        starts = [s for s, _ in sentences]
        kinds = [0] * len(sentences)
        actors: list[set[str]] = [set() for _ in sentences]
        for start, _, kind, actor in self._cues(text):
            index = _index_of(starts, start)
            kinds[index] |= kind
            if actor:
                actors[index].add(actor)
        last = len(sentences) - 1
        keep: set[int] = set()
        for i, kind in enumerate(kinds):
            if not kind & TRIGGER:
                continue
            near = kinds[max(0, i - 1)] | kind | kinds[min(last, i + 1)]
            goods = near & (GOODS | ITEM) or (near & SUPPORT and near & MILITARY)
            # goods in any words ("supplied Iran with 200,000 respirators") have no cue of their own:
            # a trigger between two named sides is a candidate without one
            if near & (ACTOR | ORG) and (goods or (kind & TRADE and len(actors[i]) >= 2)):
                keep.update(j for j in (i - 1, i, i + 1) if 0 <= j <= last)
        # Sentences that name an actor up to LOOKBACK sentences before a candidate stay
        # too: the extractor resolves pronouns, possessives and implicit roles
        # against the actors named before.
        for i in sorted(keep):
            keep.update(j for j in range(max(0, i - LOOKBACK), i) if kinds[j] & ACTOR)
        ranges: list[tuple[int, int]] = []
        for i in sorted(keep):
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


def _inflection(lowered: str, end: int, stem: tuple[str, frozenset[str]]) -> bool:
    """True when the letters after a trigger stem make an inflection of it ("ship" + "ped")."""
    word_end = end
    while word_end < len(lowered) and lowered[word_end].isalpha():
        word_end += 1
    suffix = lowered[end:word_end]
    word, suffixes = stem
    if suffix in suffixes:
        return True
    return "" in suffixes and len(suffix) > 1 and suffix[0] == word[-1] and suffix[1:] in _DOUBLED


def _stems(lemmas: set[str]) -> dict[str, tuple[str, frozenset[str]]]:
    """Each trigger stem with the suffixes its lemmas' inflections add to it."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for lemma in lemmas:
        stem = trigger_stem(lemma)
        ending = lemma[-1] if stem != lemma.lower() else ""
        suffixes = _SUFFIXES.get(ending, _SUFFIXES[""])
        previous = out.get(stem, (stem, frozenset()))[1]
        out[stem] = (stem, previous | suffixes)
    return out


@lru_cache(maxsize=1)
def _build(nlp: Language | None) -> Prefilter:
    lexicon = load_lexicon()
    lemmas = set(lexicon.verbs) | set(lexicon.nouns)
    stems = _stems(lemmas)
    exact_triggers = irregular_forms(lemmas, nlp) | set(lexicon.phrases)
    exact_triggers |= set(lexicon.joint_adverbs)  # "jointly produce": the verb alone is no trigger
    actors: dict[str, tuple[str | None, str]] = {}
    for form in load_gazetteer().forms():
        # The actor matcher compares exact text; lowercase matching is lenient
        # except for acronyms, which would otherwise hit common words ("is", "un",
        # and "let" for LeT, "dod" for DoD: two capitals in a short word make an acronym).
        acronym = (form.text.isupper() and len(form.text) <= 4) or (
            " " not in form.text and len(form.text) <= 5 and sum(c.isupper() for c in form.text) >= 2)
        actors[form.text.lower()] = (form.text if acronym else None, form.actor)
    catalogue = load_catalogue().surface_forms()
    # Catalogued systems, in their exact case: with one actor named, a system's maker can be the other.
    systems = {f.text.lower(): f.text for f in catalogue if f.system_id and len(f.text) > 2}
    goods = {f.text.lower() for f in catalogue if not f.system_id}
    cue_words = load_cue_words()
    goods |= set(lexicon.personnel) | set(lexicon.item_anaphora_heads) | cue_words.goods_heads
    # the open-vocabulary head nouns (data/goods_heads.csv: "cutters", "respirators") and help that is
    # military by itself ("sanctuaries", "expertise", "a military backer")
    heads = {h for h in load_goods_heads() if " " not in h}
    goods |= heads | {h + "s" for h in heads}
    goods |= set(lexicon.support_nouns)
    # help in general words ("support", "aid") is goods only beside a military word (SUPPORT and
    # MILITARY below), even where the catalogue lists it as a generic item
    goods -= cue_words.generic_help
    support = set(lexicon.support_nouns) | set(lexicon.joint_work) | set(lexicon.agent_nouns)
    military = set(lexicon.military_modifiers)
    orgs = cue_words.organisation_words | set(lexicon.actor_anaphora_heads)
    itemless = {v for v, sense in lexicon.verbs.items() if sense.frame in ("help", "train", "joint")}
    trade = {stem for stem in stems if _lemma_of(stem, lexicon.goods_verbs | itemless)} \
        | irregular_forms(set(lexicon.goods_verbs) | itemless, nlp)
    automaton = ahocorasick.Automaton()
    for word in set(stems) | exact_triggers | set(actors) | set(systems) | goods | support | military | orgs:
        kind = (TRIGGER if word in stems or word in exact_triggers else 0) | (ACTOR if word in actors else 0)
        kind |= (ITEM if word in systems else 0) | (GOODS if word in goods else 0) | (ORG if word in orgs else 0)
        kind |= (SUPPORT if word in support else 0) | (MILITARY if word in military else 0)
        kind |= TRADE if word in trade else 0
        exact, actor = actors.get(word, (None, None))
        automaton.add_word(word, (kind, len(word), exact, actor, systems.get(word), stems.get(word)))
    automaton.make_automaton()
    return Prefilter(automaton)


def _lemma_of(stem: str, lemmas: frozenset[str]) -> bool:
    """Whether a trigger stem is the stem of one of ``lemmas`` ("suppl" of "supply")."""
    return any(trigger_stem(lemma) == stem for lemma in lemmas)


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
