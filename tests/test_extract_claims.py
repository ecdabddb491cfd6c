"""End to end through ``entente.api.extract_text``: a short wire story in, spec claims out."""

from __future__ import annotations

import datetime as dt

import pytest

from entente.api import extract_text
from entente.model import Claim

DATE = dt.date(2022, 12, 14)

# Written for this test in wire style: a lead with anonymous sourcing, a quote
# attributed after it, a statement dated by the speaker, an expert forecast,
# and sentences that must give nothing (humanitarian aid, use of weapons).
ARTICLE = """Iran has sent Shahed-136 drones and ballistic missiles to Russia, US officials said on Friday.

"Iran is now one of Russia's main military backers," Pentagon spokesman John Kirby said. Kirby said on Friday that Tehran had also trained Russian drone operators in Crimea.

Russia could deliver Su-35 fighter jets to Iran within the next year, analysts say.

Germany sent humanitarian aid to Turkey after the earthquake. Ukraine shot down dozens of the drones over Kyiv."""


@pytest.fixture(scope="module")
def claims() -> list[Claim]:
    return extract_text(ARTICLE, date=DATE, doc_id="wire-1")


def _find(claims: list[Claim], kind: str, category: str | None) -> Claim:
    found = [c for c in claims if c.kind == kind and (c.item.category if c.item else None) == category]
    assert len(found) == 1, f"expected one {kind}/{category} claim, got {[c.to_dict() for c in claims]}"
    return found[0]


def test_the_article_gives_exactly_its_five_claims(claims: list[Claim]) -> None:
    # "one of Russia's main military backers" is support (spec: "Military backer of" gives support)
    got = sorted((c.kind, c.provider, c.recipient, c.item.category if c.item else None) for c in claims)
    assert got == [
        ("support", "IRN", "RUS", None),
        ("training", "IRN", "RUS", None),
        ("transfer", "IRN", "RUS", "missile"),
        ("transfer", "IRN", "RUS", "uav"),
        ("transfer", "RUS", "IRN", "aircraft"),
    ]


def test_the_lead_splits_its_items_and_keeps_the_anonymous_source(claims: list[Claim]) -> None:
    drones = _find(claims, "transfer", "uav")
    missiles = _find(claims, "transfer", "missile")
    assert drones.item is not None and drones.item.id == "shahed-136"
    for claim in (drones, missiles):
        assert (claim.stage, claim.modality, claim.polarity) == ("occurred", "certain", "positive")
        assert claim.source is not None and claim.source.kind == "anonymous"
        assert claim.source.text == "US officials"


def test_said_on_friday_dates_the_statement_not_the_flow(claims: list[Claim]) -> None:
    assert _find(claims, "transfer", "uav").time is None
    training = _find(claims, "training", None)
    assert training.time is None
    assert training.source is not None and training.source.kind == "official"


def test_an_expert_forecast_is_planned_possible_and_dated_from_the_document(claims: list[Claim]) -> None:
    jets = _find(claims, "transfer", "aircraft")
    assert jets.item is not None and jets.item.id == "su-35"
    assert (jets.stage, jets.modality, jets.polarity) == ("planned", "possible", "positive")
    assert jets.source is not None and jets.source.kind == "expert"
    assert jets.time is not None
    assert (jets.time.start, jets.time.anchor) == (DATE, "document")


def test_evidence_offsets_point_at_the_evidence_text(claims: list[Claim]) -> None:
    assert claims
    for claim in claims:
        ev = claim.evidence
        assert ARTICLE[ev.start:ev.end] == ev.text
        assert ev.text == ev.text.strip() and ev.text


def test_every_claim_serialises_to_the_spec_fields(claims: list[Claim]) -> None:
    for claim in claims:
        data = claim.to_dict()
        assert data["doc_id"] == "wire-1"
        assert {"kind", "provider", "recipient", "item", "stage", "modality", "polarity",
                "source", "time", "evidence"} <= set(data)


def test_a_story_with_no_flow_gives_no_claim() -> None:
    text = "The home side won 2-1 on Saturday. Fans celebrated in the streets of Tehran until late."
    assert extract_text(text, date=DATE) == []


def test_a_dated_flow_carries_its_interval() -> None:
    (claim,) = extract_text("In early November, Iran sent more attack drones to Russia.", date=DATE)
    assert claim.time is not None
    assert (claim.time.text, claim.time.start, claim.time.end) == (
        "In early November", dt.date(2022, 11, 1), dt.date(2022, 11, 11)
    )


def test_what_a_deal_provides_for_takes_the_date_of_the_deal() -> None:
    text = ("In March 2021, Egypt signed a contract with France for Rafale jets. "
            "The contract also called for the supply of Exocet missiles.")
    claims = extract_text(text, date=DATE)
    exocet = [c for c in claims if c.item is not None and c.item.id == "exocet"]
    assert [(c.provider, c.recipient, c.stage) for c in exocet] == [("FRA", "EGY", "agreed")]
    assert exocet[0].time is not None and exocet[0].time.start == dt.date(2021, 3, 1)


def test_an_undated_sentence_after_a_dated_one_stays_undated() -> None:
    text = "In 2015, Russia delivered S-300 systems to Iran. Russia also trains Iranian pilots."
    training = [c for c in extract_text(text, date=DATE) if c.kind == "training"]
    assert [c.time for c in training] == [None]


def test_it_is_believed_does_not_take_the_time_of_the_flow_away() -> None:
    (claim,) = extract_text("In 1998, it is believed, that China agreed to sell C-802 missiles to Iran.", date=DATE)
    assert claim.time is not None and claim.time.start == dt.date(1998, 1, 1)


def test_a_denial_by_the_provider_is_negative_and_a_party_source() -> None:
    (claim,) = extract_text("Iran denied supplying any weapons to Russia.", date=DATE)
    assert (claim.provider, claim.recipient, claim.polarity) == ("IRN", "RUS", "negative")
    assert claim.source is not None and (claim.source.actor, claim.source.kind) == ("IRN", "party")


def test_a_headline_gives_one_claim_per_item() -> None:
    # spaCy tags "ship" a noun here; with "to" and an object of its own it is read as the verb
    claims = extract_text("Tehran to ship drones, rockets to Moscow\n\nThe talks went on.", date=DATE)
    assert sorted(c.item.category for c in claims if c.item) == ["missile", "uav"]


def test_a_capital_denying_a_supply_gives_a_negative_claim() -> None:
    # spaCy parses "supplying" as an adjective of "weapons" here; roles read it back as the verb
    claims = extract_text("Tehran denied supplying weapons to Moscow.", date=DATE)
    assert [(c.provider, c.recipient, c.polarity) for c in claims] == [("IRN", "RUS", "negative")]
