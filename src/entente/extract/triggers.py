"""Component ``entente_triggers``: the words that name a flow.

Verbs by lemma, nouns by lemma or form, multi-word phrases ("in exchange
for") by their lowercase text; all from ``lexicons/triggers.yaml``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from entente.extract import syntax
from entente.extract.frames import Trigger
from entente.extract.lexicon import load_lexicon


def _headline(token: Token) -> bool:
    """A sentence in title case (a headline), where every noun looks like a name."""
    words = [t for t in token.sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) >= 0.6 * len(words)


@Language.factory("entente_triggers")
def make_triggers(nlp: Language, name: str) -> TriggersComponent:
    return TriggersComponent(nlp)


class TriggersComponent:
    def __init__(self, nlp: Language) -> None:
        self.lexicon = load_lexicon()
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for text in self.lexicon.phrases:
            self.phrases.add(text, [nlp.make_doc(text)])

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicon
        found: list[Trigger] = []
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ == "NOUN" and token.lower_ in lex.verbs and syntax.used_as_verb(token):
                # headlines: "Tehran to ship drones to Moscow" tags "ship" a noun with "to" and an object
                found.append(Trigger(token.i, token.i + 1, token.lower_, lex.verbs[token.lower_], nominal=False))
            elif syntax.noun_tagged_verb(token) and token.lower_ in lex.nouns:
                # "Help from China and North Korea was not limited to ...": a noun the tagger took for a verb
                found.append(Trigger(token.i, token.i + 1, token.lower_, lex.nouns[token.lower_], nominal=True))
            elif token.pos_ in ("VERB",) and lemma in lex.verbs:
                found.append(Trigger(token.i, token.i + 1, lemma, lex.verbs[lemma], nominal=False))
            elif token.pos_ == "VERB" and lemma in lex.joint_adverb_verbs \
                    and any(c.dep_ == "advmod" and c.lower_ in lex.joint_adverbs for c in token.children):
                found.append(Trigger(token.i, token.i + 1, lemma, lex.joint_adverb_verbs[lemma], nominal=False))
            elif token.pos_ in ("NOUN", "PROPN") and (lemma in lex.nouns or token.lower_ in lex.nouns) \
                    and not (token.pos_ == "PROPN" and not _headline(token)):  # "Service for Military-Technical Cooperation"
                key = token.lower_ if token.lower_ in lex.nouns else lemma
                found.append(Trigger(token.i, token.i + 1, key, lex.nouns[key], nominal=True))
        for match_id, start, end in self.phrases(doc):
            text = doc.vocab.strings[match_id]
            found.append(Trigger(start, end, text, lex.phrases[text], nominal=False))
        doc._.triggers = sorted(found, key=lambda t: t.i)
        return doc
