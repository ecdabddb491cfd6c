"""Component ``entente_actors``: find states, capitals, demonyms and organisations.

Matching is case-sensitive on the gazetteer's forms (proper nouns), compiled
once into a ``PhraseMatcher``. Hyphen compounds ("Iran-sourced",
"Russian-occupied") need no extra rule: spaCy splits them at the hyphen, so
the first part matches on its own.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from entente.data.gazetteer import load_gazetteer
from entente.extract.frames import ActorMention
from entente.extract.lexicon import Lexicon, load_lexicon

# Lowercase words that look like gazetteer forms at a sentence start but are not actors.
_SENTENCE_START_ONLY = frozenset({"Chad", "Jordan", "Georgia", "Guinea", "Turkey", "China"})


@lru_cache(maxsize=4)
def _matcher(nlp: Language) -> tuple[PhraseMatcher, dict[str, tuple[str, str]]]:
    gazetteer = load_gazetteer()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    labels: dict[str, tuple[str, str]] = {}
    patterns = []
    for form in gazetteer.forms():
        key = f"{form.actor}|{form.form}"
        labels[key] = (form.actor, form.form)
        patterns.append((key, nlp.make_doc(form.text)))
        if "'" in form.text:  # news typesets "People’s Republic" with a curly apostrophe
            patterns.append((key, nlp.make_doc(form.text.replace("'", "\u2019"))))
    by_key: dict[str, list[Doc]] = {}
    for key, pattern in patterns:
        by_key.setdefault(key, []).append(pattern)
    for key, docs in by_key.items():
        matcher.add(key, docs)
    return matcher, labels


@Language.factory("entente_actors")
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp)


class ActorsComponent:
    def __init__(self, nlp: Language) -> None:
        self.matcher, self.labels = _matcher(nlp)

    def __call__(self, doc: Doc) -> Doc:
        vocab = doc.vocab
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            span.label_ = vocab.strings[match_id]
            spans.append(span)
        mentions = []
        for span in filter_spans(spans):
            actor, form = self.labels[span.label_]
            # "the Russian military" is a state; "Russian" in "Russian-made" is one too.
            mentions.append(ActorMention(span.start, span.end, actor, form))
        mentions = [self._agentive(doc, m) for m in mentions] + self._fused_compounds(doc, mentions)
        doc._.actors = sorted(mentions + self._ties(doc, mentions), key=lambda m: m.start)
        return doc

    def _fused_compounds(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """ "U.S.-led", "U.S.-made": spaCy keeps a hyphen compound after an abbreviation as one
        token, so the matcher never sees "U.S." in it; the gazetteer reads its first part."""
        gazetteer = load_gazetteer()
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out = []
        for token in doc:
            if "-" not in token.text or token.i in taken:
                continue
            first, _, rest = token.text.rpartition("-")
            form = gazetteer.lookup(first) if first and rest.isalpha() else None
            if form is not None:
                kind = "agentive" if rest.lower().endswith("ed") else form.form
                out.append(ActorMention(token.i, token.i + 1, form.actor, kind))
        return out

    @staticmethod
    def _agentive(doc: Doc, mention: ActorMention) -> ActorMention:
        """ "Russian-backed separatists", "U.S.-trained forces": the state did something to the noun,
        it is not the noun (form ``agentive``; roles take it as the giver of a flow noun only)."""
        after = doc[mention.end:mention.end + 2]
        if len(after) == 2 and after[0].text == "-" and after[1].tag_ in ("VBN", "VBD") \
                and after[1].lower_.endswith("ed"):
            return ActorMention(mention.start, mention.end, mention.actor, "agentive")
        return mention

    def _ties(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """Organisations and people that stand for the state named beside them (spec: a firm stands
        for its state): "the State Trading Corporation of India", "Abdul Qadeer Khan of Pakistan",
        "a company registered in Poland", "a firm based in Osaka, Japan", "a network run by a
        Pakistani scientist". Each gives a mention of the state on the organisation's head noun,
        with form ``tie``, so roles read the organisation as the state."""
        lexicon = load_lexicon()
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out: list[ActorMention] = []
        for mention in mentions:
            if mention.actor.startswith("org:"):
                continue
            root = doc[mention.start:mention.end].root
            owner = self._tied_owner(root, lexicon)
            if owner is None or owner.i in taken:
                continue
            if owner.pos_ != "PROPN" and owner.lower_ not in lexicon.org_nouns:
                continue
            taken.add(owner.i)
            out.append(ActorMention(owner.i, owner.i + 1, mention.actor, "tie"))
        return out

    @staticmethod
    def _tied_owner(root: Token, lexicon: Lexicon) -> Token | None:
        """The noun a state's name is tied to by "of", or by a participle such as "registered in"."""
        if root.dep_ == "conj":  # "a firm based in Osaka, Japan"
            root = root.head
        if root.dep_ != "pobj":
            return None
        prep = root.head
        if prep.lower_ == "of" and prep.head.pos_ in ("PROPN", "NOUN"):
            return prep.head
        participle = prep.head
        if prep.lower_ in ("in", "by", "out") and participle.dep_ == "acl" \
                and participle.lemma_.lower() in lexicon.tie_verbs and participle.head.pos_ in ("PROPN", "NOUN"):
            return participle.head
        return None
