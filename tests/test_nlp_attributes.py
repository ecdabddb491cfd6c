"""``entente_attributes`` and ``entente_lemmas`` give every token what the model's own attribute ruler
and lemmatizer give it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from entente.nlp.attributes import FastAttributes, use_fast_attributes
from entente.nlp.lemmas import FastLemmas, use_fast_lemmas
from entente.nlp.pipeline import load_base, load_parser

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"

# Written for this test, in the styles news uses; they exercise the ruler's exceptions:
# auxiliaries, "there is", contractions, "gonna", "let's", determiners used as pronouns,
# subordinating "that"/"if", double spaces and line breaks (space tokens).
SENTENCES = [
    "There were reports that Iran had sent drones, but Tehran said it wasn't gonna confirm that.",
    "\"Let's be clear,\" the minister said.  \"We ain't buying those jets.\"\n\nThat is all.",
    "Officials asked whether Moscow would deliver the S-400 if Tehran paid in advance; this was denied.",
    "Those who supplied the rockets, and that includes two firms, have been sanctioned.\n",
    "The U.S. is providing Ukraine with HIMARS launchers , and   more are coming .",
    "Both sides gotta keep talking, he said; each of them has its own reasons.",
]


def _signature(doc: Doc) -> list[tuple[str, str, str, str, str, int]]:
    return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.head.i) for t in doc]


def _dev_texts() -> list[str]:
    return [json.loads(line)["text"] for path in sorted(DEV.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    stock = load_base(exclude=("ner",))
    stock.add_pipe("entente_paragraphs", before="parser")
    return stock, load_parser()


def test_the_parser_runs_entente_attributes_instead_of_the_ruler(pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    assert "attribute_ruler" in stock.pipe_names
    assert "attribute_ruler" not in fast.pipe_names
    assert fast.pipe_names.index("entente_attributes") == stock.pipe_names.index("attribute_ruler")


def test_the_parser_runs_entente_lemmas_instead_of_the_lemmatizer(pipelines: tuple[Language, Language]) -> None:
    stock, fast = pipelines
    assert "lemmatizer" not in fast.pipe_names
    assert fast.pipe_names.index("entente_lemmas") == stock.pipe_names.index("lemmatizer")


def test_lemmas_of_a_word_met_twice_in_two_senses_are_the_stock_ones(pipelines: tuple[Language, Language]) -> None:
    """Remembered by text, POS and morphology, not by text alone: "supplies" as a verb and as a noun."""
    stock, fast = pipelines
    texts = ["Iran supplies drones to Russia, and the supplies arrive by sea.",
             "The supplies were shipped; Iran supplies more every month.", "Russia has been buying shells."]
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    doc = fast(texts[0])
    assert (doc[1].lemma_, doc[8].lemma_) == ("supply", "supply")
    assert (doc[1].pos_, doc[8].pos_) == ("VERB", "NOUN")
    assert doc[2].lemma_ == "drone"


def test_every_token_is_annotated_as_the_stock_ruler_annotates_it(pipelines: tuple[Language, Language]) -> None:
    if not DEV.is_dir():
        pytest.skip(f"no dev gold at {DEV}")  # a clone outside the folder beside ../shared
    stock, fast = pipelines
    texts = SENTENCES + _dev_texts()
    assert len(texts) > 50, "the dev gold is read from ../shared/eval/dev"
    for text, a, b in zip(texts, stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _signature(a) == _signature(b), text[:80]


def test_an_exception_overrides_the_tag_map(pipelines: tuple[Language, Language]) -> None:
    _, fast = pipelines
    doc = fast("We ain't gonna sell them.")
    assert [t.lemma_ for t in doc][:4] == ["we", "be", "not", "go"]  # two-token exceptions, index 0 and 1
    assert doc[1].pos_ == "AUX"


def test_a_ruler_with_a_pattern_it_cannot_apply_is_kept() -> None:
    nlp = load_base(exclude=("ner",))
    nlp.get_pipe("attribute_ruler").add([[{"SHAPE": "dd"}]], {"POS": "NUM"})
    assert use_fast_attributes(nlp) is False
    assert "attribute_ruler" in nlp.pipe_names
    with pytest.raises(ValueError, match="SHAPE"):
        FastAttributes(nlp.vocab).take(nlp.get_pipe("attribute_ruler"))


def test_a_lemmatizer_of_another_kind_is_kept() -> None:
    nlp = load_base(exclude=("ner",))
    nlp.replace_pipe("lemmatizer", "sentencizer")  # keeps the name: no Lemmatizer where the lemmatizer was
    assert use_fast_lemmas(nlp) is False
    with pytest.raises(ValueError, match="take"):
        FastLemmas()(nlp.make_doc("Drones were sent."))
