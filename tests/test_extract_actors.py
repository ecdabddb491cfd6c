"""``entente_actors``: capitals, seats of power, demonyms, formal names and groups resolve to actors."""

from __future__ import annotations

import pytest
from extract_helpers import nlp_fixture  # noqa: F401  (fixture)
from spacy.language import Language


def actors(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(doc[m.start:m.end].text, m.actor) for m in doc._.actors]


@pytest.mark.parametrize(
    ("text", "form", "actor"),
    [
        ("Tehran denied the report on Tuesday.", "Tehran", "IRN"),
        ("The Kremlin declined to comment.", "Kremlin", "RUS"),
        ("Iranian drones struck the port overnight.", "Iranian", "IRN"),
        ("Investigators found Iran-sourced parts in the wreckage.", "Iran", "IRN"),
        ("Shelling hit Russian-occupied towns in the south.", "Russian", "RUS"),
        ("The Islamic Republic of Iran issued a statement.", "Islamic Republic of Iran", "IRN"),
        ("Hezbollah fighters crossed the border.", "Hezbollah", "org:hezbollah"),
        ("The IRGC runs the programme.", "IRGC", "IRN"),
        ("Moscow and Beijing held talks.", "Moscow", "RUS"),
    ],
)
def test_forms_of_a_state_resolve_to_its_actor(nlp: Language, text: str, form: str, actor: str) -> None:
    assert (form, actor) in actors(nlp, text)


def test_a_sentence_without_a_named_actor_has_none(nlp: Language) -> None:
    assert actors(nlp, "He went to the market.") == []


def test_the_islamic_republic_is_one_mention_not_a_bare_iran(nlp: Language) -> None:
    # the longest form wins: one mention over the whole name, not "Iran" alone
    assert actors(nlp, "The Islamic Republic of Iran issued a statement.") == [
        ("Islamic Republic of Iran", "IRN")
    ]


def test_every_actor_of_a_sentence_is_found_in_order(nlp: Language) -> None:
    found = actors(nlp, "Ukraine shot down Iranian drones over Kyiv.")
    assert found == [("Ukraine", "UKR"), ("Iranian", "IRN"), ("Kyiv", "UKR")]
