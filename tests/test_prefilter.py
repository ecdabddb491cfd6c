"""The prefilter skips what cannot hold a claim and loses no claim that the full parse finds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from entente.extract.prefilter import FilteredExtractor, Prefilter, split_sentences
from entente.model import Document

DEV = Path("/work/shared/eval/dev")
OWN_GOLD = Path(__file__).parent / "data" / "heldout" / "usgov.jsonl"  # government texts: another genre
DAY = dt.date(2024, 5, 2)


@pytest.fixture(scope="module")
def filtered() -> FilteredExtractor:
    return FilteredExtractor.load()


@pytest.fixture(scope="module")
def prefilter(filtered: FilteredExtractor) -> Prefilter:
    return filtered.prefilter


def _dev_docs() -> list[Document]:
    docs = []
    for path in [*sorted(DEV.glob("*.jsonl")), OWN_GOLD]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                docs.append(Document(row["id"], dt.date.fromisoformat(row["date"]), row["text"]))
    return docs


def test_prefilter_loses_no_claim_on_the_dev_gold(filtered: FilteredExtractor) -> None:
    docs = _dev_docs()
    if not docs:
        pytest.skip("no dev gold under /work/shared/eval/dev")
    full = [[c.to_dict() for c in claims] for _, claims in filtered.extractor.extract_many(docs)]
    narrow = [[c.to_dict() for c in claims] for _, claims in filtered.extract_many(docs)]
    assert [d.id for d in docs] == [d.id for d, _ in zip(docs, narrow, strict=True)]
    for doc, want, got in zip(docs, full, narrow, strict=True):
        assert got == want, doc.id


@pytest.mark.parametrize(
    "text",
    [
        "Real Madrid beat Sevilla 3-1 on Saturday, with two late goals from the bench. "
        "The coach praised the defence after the match.",
        "Heavy rain is expected across the north on Tuesday, forecasters said. "
        "Temperatures will drop to five degrees overnight.",
        "Retail sales rose 0.4 percent in March as shoppers spent more on clothing, "
        "the statistics office said on Friday.",
    ],
)
def test_sports_weather_and_economy_articles_are_skipped(filtered: FilteredExtractor, text: str) -> None:
    assert not filtered.prefilter.article_may_hold_claim(text)
    assert filtered.extract(Document("x", DAY, text)) == []


def test_an_irregular_trigger_form_keeps_the_article(prefilter: Prefilter) -> None:
    assert prefilter.article_may_hold_claim("Moscow sold the jets to Cairo, officials said.")
    assert prefilter.article_may_hold_claim("Iran supplied drones to Russia.")


def test_an_article_with_a_trigger_but_no_actor_is_skipped(prefilter: Prefilter) -> None:
    assert not prefilter.article_may_hold_claim("The club sold its striker for a record fee.")


def test_candidate_regions_keep_the_next_sentence_for_attribution(prefilter: Prefilter) -> None:
    text = (
        "The weather was mild. Rain fell on the coast. "
        "Russia delivered S-400 air defence systems to India in 2021. "
        "That is according to two senior officials. The harvest was good."
    )
    ranges = prefilter.candidate_sentences(text)
    kept = "".join(text[s:e] for s, e in ranges)
    assert "Russia delivered" in kept
    assert "according to two senior officials" in kept
    assert "The weather was mild" not in kept
    assert "The harvest was good" not in kept


def test_blanking_keeps_length_and_newlines(prefilter: Prefilter) -> None:
    text = "Stocks fell.\n\nIran sent drones to Russia, officials said.\nMarkets closed."
    blanked = prefilter.blank(text)
    assert blanked is not None
    assert len(blanked) == len(text)
    assert blanked.count("\n") == text.count("\n")
    assert "Iran sent drones to Russia" in blanked


def test_sentence_split_does_not_break_at_initialisms() -> None:
    text = "The U.S. State Department warned Gen. Smith. Talks resumed."
    assert [text[s:e].strip() for s, e in split_sentences(text)] == [
        "The U.S. State Department warned Gen. Smith.",
        "Talks resumed.",
    ]


def test_filtered_claims_point_into_the_full_body(filtered: FilteredExtractor) -> None:
    text = (
        "Markets were calm on Monday. Football fans gathered downtown. "
        "Russia delivered S-400 air defence systems to India in 2021, the Indian defence ministry said."
    )
    claims = filtered.extract(Document("s400", DAY, text))
    assert claims
    for claim in claims:
        assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text


def test_one_actor_is_enough_only_with_a_catalogued_system(prefilter: Prefilter) -> None:
    assert prefilter.article_may_hold_claim("The S-400 was delivered to India in 2021.")
    assert not prefilter.article_may_hold_claim("The new goalkeeper was sold to a club in Nepal.")
    assert prefilter.article_may_hold_claim("Nepal sold rice to India.")  # two actors: parse, then judge


def _kept(prefilter: Prefilter, text: str) -> str:
    return "".join(text[s:e] for s, e in prefilter.candidate_sentences(text))


def test_a_trigger_stem_needs_one_of_its_inflections(prefilter: Prefilter) -> None:
    assert "army" not in _kept(prefilter, "The Mexican army marched north with its cannons. It rained.")
    assert "handled" not in _kept(prefilter, "France handled the weapons file with care. It rained.")
    for text in ("France shipped rifles to Chad.", "France supplies rifles to Chad.",
                 "France has given rifles to Chad.", "France is arming Chad with rifles."):
        assert _kept(prefilter, text) == text, text


def test_a_trigger_sentence_without_goods_or_a_side_nearby_is_not_parsed(prefilter: Prefilter) -> None:
    text = (
        "Kenya sent a delegation to the Paris book fair last week. "
        "The writers read from their new novels. The hall was full. The weather was warm. "
        "Visitors queued for hours.\n\n"
        "Separately, Kenyan officials said Uganda had received armoured vehicles from Turkey."
    )
    kept = _kept(prefilter, text)
    assert "armoured vehicles from Turkey" in kept
    assert "book fair" not in kept


def test_open_vocabulary_goods_and_organisation_words_are_cues(prefilter: Prefilter) -> None:
    # goods the catalogue does not list, sides the gazetteer does not name
    for text in ("The rebels received boats and chemicals from abroad.",
                 "The government delivered military aid to the militia.",
                 "The Iranian navy supplied equipment to the fighters."):
        assert _kept(prefilter, text) == text, text


def test_humanitarian_help_is_no_goods_cue(prefilter: Prefilter) -> None:
    text = "The country will provide help to families after the floods, the mayor said."
    assert _kept(prefilter, text) == ""


def test_support_in_general_words_is_no_goods_cue_without_a_military_word(prefilter: Prefilter) -> None:
    # the catalogue lists "support" as a generic item; the prefilter still wants a military word beside it
    assert _kept(prefilter, "The mayor gave her support to the French bid for the Games. It rained.") == ""
    text = "France gave military support to Chad."
    assert _kept(prefilter, text) == text


def test_a_mixed_case_acronym_is_an_actor_cue_in_its_own_case_only(prefilter: Prefilter) -> None:
    # "LeT" (Lashkar-e-Taiba) must not fire on every "let"; "DoD" not on "dod"
    def actors(text: str) -> set[str]:
        return {actor for _, _, _, actor in prefilter._cues(text) if actor}

    assert actors("Let them send rifles, he said.") == set()
    assert actors("LeT militants received rifles from Pakistan.") >= {"PAK"}
    assert len(actors("LeT militants received rifles from Pakistan.")) == 2
