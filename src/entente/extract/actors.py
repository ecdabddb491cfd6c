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
from spacy.tokens import Doc
from spacy.util import filter_spans

from entente.data.gazetteer import load_gazetteer
from entente.extract.frames import ActorMention

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
        doc._.actors = mentions
        return doc
