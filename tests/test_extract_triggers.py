"""``entente_triggers``: verbs, nouns and phrases that name a flow, with their sense."""

from __future__ import annotations

import pytest
from extract_helpers import nlp_fixture  # noqa: F401  (fixture)
from spacy.language import Language

from entente.extract.frames import Trigger


def triggers(nlp: Language, text: str) -> list[tuple[str, Trigger]]:
    doc = nlp(text)
    return [(doc[t.i:t.end].text, t) for t in doc._.triggers]


@pytest.mark.parametrize(
    ("text", "word", "frame", "stage"),
    [
        ("Moscow delivered the missiles last week.", "delivered", "give", "occurred"),
        ("Venezuela received attack helicopters from Russia.", "received", "get", "occurred"),
        ("Iran offered to sell drones to Russia.", "offered", "give", "offered"),
        ("Russia rejected the proposal outright.", "rejected", "refuse", "refused"),
    ],
)
def test_a_verb_trigger_carries_its_frame_and_stage(
    nlp: Language, text: str, word: str, frame: str, stage: str
) -> None:
    found = {w: t for w, t in triggers(nlp, text)}
    assert word in found
    assert (found[word].sense.frame, found[word].sense.stage, found[word].nominal) == (frame, stage, False)


def test_the_delivery_of_is_a_nominal_give_trigger(nlp: Language) -> None:
    found = {w: t for w, t in triggers(nlp, "Officials confirmed the delivery of the missiles.")}
    assert found["delivery"].nominal is True
    assert found["delivery"].sense.frame == "give"


def test_a_request_for_is_a_nominal_ask_trigger(nlp: Language) -> None:
    found = {w: t for w, t in triggers(nlp, "Diplomats discussed Tehran's request for fighter jets.")}
    assert found["request"].nominal is True
    assert (found["request"].sense.frame, found["request"].sense.stage) == ("ask", "requested")


def test_in_exchange_for_is_one_phrase_trigger(nlp: Language) -> None:
    found = triggers(nlp, "Iran gave drones to Russia in exchange for fighter jets.")
    phrase = [t for w, t in found if w == "in exchange for"]
    assert len(phrase) == 1
    assert phrase[0].sense.frame == "exchange"
    assert phrase[0].end - phrase[0].i == 3


def test_triggers_come_sorted_by_position(nlp: Language) -> None:
    found = triggers(nlp, "Tehran refused to supply ballistic missiles to Russia.")
    assert [w for w, _ in found] == ["refused", "supply"]


@pytest.mark.parametrize(
    "text",
    ["The weather was cold.", "Iranian drones struck the port overnight.", "He went to the market."],
)
def test_a_sentence_without_a_flow_word_has_no_trigger(nlp: Language, text: str) -> None:
    assert triggers(nlp, text) == []
