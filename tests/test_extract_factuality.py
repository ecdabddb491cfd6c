"""``entente_factuality``: stage, modality and polarity from the words around the trigger."""

from __future__ import annotations

import pytest
from extract_helpers import nlp_fixture, only_frame  # noqa: F401  (fixture)
from spacy.language import Language


def factuality(nlp: Language, text: str) -> tuple[str, str, str]:
    frame = only_frame(nlp(text))
    return (frame.stage, frame.modality, frame.polarity)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran has delivered ballistic missiles to Russia.", ("occurred", "certain", "positive")),
        ("Iran could deliver ballistic missiles to Russia.", ("planned", "possible", "positive")),
        ("Russia may supply Su-35 jets to Iran next year.", ("planned", "possible", "positive")),
        ("Iran intends to provide ballistic missiles to Russia.", ("planned", "probable", "positive")),
        ("Russia is considering supplying Su-35 fighter jets to Iran.", ("planned", "possible", "positive")),
        ("If Russia decides to provide Su-35 jets to Iran, the balance would shift.", ("planned", "possible", "positive")),
        ("Iran denied supplying attack drones to Russia.", ("occurred", "certain", "negative")),
        ("Russia did not supply Su-35 jets to Iran.", ("occurred", "certain", "negative")),
        ("Russia rejected Iran's request for S-400 systems.", ("refused", "certain", "positive")),
        ("Tehran refused to supply ballistic missiles to Russia.", ("refused", "certain", "positive")),
        ("Iran asked Russia for Su-35 fighter jets.", ("requested", "certain", "positive")),
        ("Moscow has asked Tehran for hundreds of drones.", ("requested", "certain", "positive")),
        ("Iran agreed to supply attack drones to Russia.", ("agreed", "certain", "positive")),
        ("Iran signed a contract with Russia to supply attack drones.", ("agreed", "certain", "positive")),
        ("Iran offered to sell attack drones to Russia.", ("offered", "certain", "positive")),
        ("Germany's pledge of 14 Leopard tanks to Ukraine was welcomed.", ("offered", "certain", "positive")),
        ("Kazakhstan has no plans to send weapons to Ukraine.", ("planned", "certain", "negative")),
        ("Egypt scrapped plans to send rockets to Russia.", ("refused", "certain", "positive")),
        ("Tehran had promised to provide Moscow with surface-to-surface missiles.", ("offered", "certain", "positive")),
        ("Russia may have sold Su-35 jets to Iran.", ("occurred", "possible", "positive")),
        ("By 2025, Russia will have delivered all S-400 systems to India.", ("planned", "certain", "positive")),
        ("Russian officials denied reports that Moscow had asked China for military equipment.",
         ("requested", "certain", "negative")),
        ("Germany has pressed Ukraine for weeks, and Berlin urged France to send Leopard tanks to Kyiv.",
         ("planned", "possible", "positive")),
    ],
)
def test_the_words_around_the_trigger_set_stage_modality_and_polarity(
    nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert factuality(nlp, text) == expected


def test_reportedly_sets_the_source_not_the_modality(nlp: Language) -> None:
    assert factuality(nlp, "Iran has reportedly sent attack drones to Russia.") == ("occurred", "certain", "positive")


def test_the_trace_names_the_factuality_cue(nlp: Language) -> None:
    frame = only_frame(nlp("Iran denied supplying attack drones to Russia."))
    assert "denied" in frame.trace["factuality"]


def test_willingness_to_provide_is_a_probable_plan_of_every_named_state(nlp: Language) -> None:
    # the parser may read "X to provide" after a noun as a relative clause; the cue still holds
    doc = nlp("Analysts point to the willingness of the DPRK, China, and Russia to provide Iran with missiles.")
    got = {(f.provider, f.stage, f.modality) for f in doc._.frames}
    assert got == {(p, "planned", "probable") for p in ("PRK", "CHN", "RUS")}


def test_calling_for_lethal_aid_is_a_possible_plan_to_transfer_goods(nlp: Language) -> None:
    doc = nlp("The U.S. backs Ukraine. Lawmakers in Washington called for lethal aid for Ukraine's army.")
    flows = [(f.kind, f.provider, f.recipient, f.stage, f.modality) for f in doc._.frames if f.item is not None]
    assert flows == [("transfer", "USA", "UKR", "planned", "possible")]
