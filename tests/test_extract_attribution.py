"""``entente_attribution``: who asserts each frame, and what kind of source that is."""

from __future__ import annotations

import pytest
from extract_helpers import nlp_fixture, only_frame  # noqa: F401  (fixture)
from spacy.language import Language


def source(nlp: Language, text: str) -> tuple[str | None, str | None, str]:
    cue = only_frame(nlp(text)).source
    assert cue is not None
    return (cue.text, cue.actor, cue.kind)


def test_speaker_after_a_quotation_is_the_source(nlp: Language) -> None:
    text = '"Iran has sent attack drones to Russia," British Defence Secretary Ben Wallace said.'
    assert source(nlp, text) == ("British Defence Secretary Ben Wallace", "GBR", "official")


def test_speaker_before_the_reported_clause_is_the_source(nlp: Language) -> None:
    text = "British Defence Secretary Ben Wallace said Iran has sent attack drones to Russia."
    assert source(nlp, text) == ("British Defence Secretary Ben Wallace", "GBR", "official")


def test_according_to_a_seat_of_government_is_that_states_official_word(nlp: Language) -> None:
    text = "Iran has sent attack drones to Russia, according to the Pentagon."
    assert source(nlp, text) == ("the Pentagon", "USA", "official")


def test_reportedly_is_anonymous(nlp: Language) -> None:
    assert source(nlp, "Iran has reportedly sent attack drones to Russia.") == ("reportedly", None, "anonymous")


@pytest.mark.parametrize(
    ("text", "said_by"),
    [
        ("Iran has sent attack drones to Russia, officials said.", "officials"),
        ("Iran has sent attack drones to Russia, US officials said.", "US officials"),
    ],
)
def test_unnamed_officials_are_anonymous_whatever_their_government(
    nlp: Language, text: str, said_by: str
) -> None:
    text_, _, kind = source(nlp, text)
    assert (text_, kind) == (said_by, "anonymous")


def test_a_named_official_of_the_provider_is_a_party(nlp: Language) -> None:
    text = "Iranian Foreign Minister Hossein Amirabdollahian said Iran had sent a small number of drones to Russia."
    assert source(nlp, text) == ("Iranian Foreign Minister Hossein Amirabdollahian", "IRN", "party")


def test_the_providers_own_denial_is_a_party_source(nlp: Language) -> None:
    _, actor, kind = source(nlp, "Tehran denied supplying drones to Russia.")
    assert (actor, kind) == ("IRN", "party")


def test_analysts_are_experts(nlp: Language) -> None:
    text_, _, kind = source(nlp, "Analysts say Iran has sent attack drones to Russia.")
    assert (text_, kind) == ("Analysts", "expert")


def test_without_attribution_the_article_itself_asserts_the_claim(nlp: Language) -> None:
    assert source(nlp, "Iran has sent attack drones to Russia.") == (None, None, "author")


def test_a_named_speaker_beats_an_impersonal_passive(nlp: Language) -> None:
    doc = nlp("Russia is expected to deliver Su-35 jets to Iran early next year, a senior U.S. official said.")
    (frame,) = doc._.frames
    assert frame.source is not None
    assert (frame.source.text, frame.source.actor, frame.source.kind) == ("a senior U.S. official", "USA", "anonymous")
    assert frame.modality == "probable"  # "is expected" still hedges
