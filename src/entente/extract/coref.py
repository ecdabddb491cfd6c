"""Who "it", "they" and "the article" are about: the little coreference the extractor needs.

A pronoun takes the last actor that was a subject before it; an article's main
actor is the one it names most often. Used by roles (implicit roles) and
attribution ("It fears that ...").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token


def document_focus(doc: Doc) -> str | None:
    """The actor an article is about: the one it names most often (first named wins ties)."""
    counts = Counter(m.actor for m in doc._.actors or [])
    if not counts:
        return None
    top = max(counts.values())
    for mention in doc._.actors or []:
        if counts[mention.actor] == top:
            return mention.actor
    return None


def resolve_pronoun(doc: Doc, pronoun: Token) -> str | None:
    """The actor "it" or "they" most plausibly names: the last actor that was a subject before it."""
    mentions = [m for m in doc._.actors or [] if m.end <= pronoun.i]
    for mention in reversed(mentions):
        if _in_subject(doc[mention.start:mention.end].root):
            return mention.actor
    if mentions:
        return mentions[-1].actor
    counts = Counter(m.actor for m in doc._.actors or [])
    return counts.most_common(1)[0][0] if counts else None


# Dependencies inside a noun phrase: a name there belongs to the phrase's head.
_NP_INTERNAL = frozenset({"amod", "compound", "nmod", "poss", "appos", "nummod"})


def _in_subject(root: Token) -> bool:
    """Whether a mention stands in a subject ("Pakistani nuclear scientist Dr. A. Q. Khan revealed"),
    climbing through the modifiers of the subject's noun phrase."""
    current = root
    for _ in range(6):
        if current.dep_ in ("nsubj", "nsubjpass"):
            return True
        if current.dep_ not in _NP_INTERNAL or current.head.i == current.i:
            return False
        current = current.head
    return False
