"""Fusion rules: grouping, counting, strongest evidence and status, on hand-made claims."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_claim, stored

from entente.fuse import fuse, fuse_one, relation_key, source_key, status_of, strongest_of

PARTY_IRN = ("Iran's foreign minister", "IRN", "party")
KIRBY = ("John Kirby", "USA", "official")
OFFICIALS = ("officials", None, "anonymous")


def test_cooperation_partners_fuse_in_either_order() -> None:
    a = make_claim(kind="cooperation", provider="RUS", recipient="IRN", item=None)
    b = make_claim(kind="cooperation", provider="IRN", recipient="RUS", item=None)
    assert relation_key(a) == relation_key(b) == ("IRN", "RUS", "kind:cooperation")


def test_transfer_keeps_its_direction() -> None:
    a = make_claim(provider="RUS", recipient="IRN")
    b = make_claim(provider="IRN", recipient="RUS")
    assert relation_key(a) != relation_key(b)


def test_item_key_falls_back_to_category_then_kind() -> None:
    assert relation_key(make_claim(item=("drones", None, "uav")))[2] == "category:uav"
    assert relation_key(make_claim(kind="support", item=None))[2] == "kind:support"


def test_fuse_groups_by_key_and_counts_articles_sources_and_dates() -> None:
    claims = [
        stored(make_claim("a", time=("2022-08-01", "2022-08-31")), "2022-09-01", outlet="Wire"),
        stored(make_claim("b", source=KIRBY, time=("2022-10-01", None)), "2022-10-20", outlet="Wire"),
        stored(make_claim("b", source=KIRBY), "2022-10-20", outlet="Wire"),
        stored(make_claim("c", item=("tanks", None, "armoured_vehicle")), "2022-12-01"),
    ]
    drones, tanks = sorted(fuse(claims), key=lambda r: r.item_key, reverse=True)
    assert drones.item_key == "shahed-136" and tanks.item_key == "category:armoured_vehicle"
    assert drones.n_claims == 3 and drones.n_articles == 2
    assert drones.n_sources == 2  # the outlet "Wire" (unattributed) and John Kirby's USA
    assert drones.first_seen == dt.date(2022, 9, 1) and drones.last_seen == dt.date(2022, 10, 20)
    assert drones.event_start == dt.date(2022, 8, 1) and drones.event_end == dt.date(2022, 8, 31)
    assert drones.category == "uav" and tanks.item_label == "armoured vehicle"


def test_timeline_is_ordered_by_event_time_then_article_date() -> None:
    late_event = stored(make_claim("a", time=("2022-10-01", None)), "2022-09-01")
    early_event = stored(make_claim("b", time=("2022-01-01", None)), "2022-12-01")
    undated = stored(make_claim("c"), "2022-05-01")
    relation = fuse_one([late_event, early_event, undated])
    assert [s.claim.doc_id for s in relation.timeline] == ["b", "c", "a"]


def test_unattributed_claims_from_two_outlets_are_two_voices() -> None:
    a = stored(make_claim("a"), outlet="Reuters")
    b = stored(make_claim("b"), outlet="AP")
    c = stored(make_claim("c"), outlet="reuters")
    assert source_key(a) != source_key(b)
    assert source_key(a) == source_key(c)


def test_fuse_one_refuses_claims_of_two_relations() -> None:
    with pytest.raises(ValueError):
        fuse_one([stored(make_claim(provider="RUS")), stored(make_claim(provider="CHN"))])


# ---------------------------------------------------------------- status, one test each


def test_party_admission_is_confirmed_and_strongest() -> None:
    claims = [stored(make_claim("a", source=PARTY_IRN))]
    assert status_of(claims) == "confirmed"
    assert strongest_of(claims) == "party_admission"


def test_two_independent_factual_reports_are_confirmed() -> None:
    claims = [stored(make_claim("a"), outlet="Reuters"), stored(make_claim("b"), outlet="AP")]
    assert status_of(claims) == "confirmed"
    assert strongest_of(claims) == "independent_sources"


def test_two_reports_from_one_outlet_are_only_reported() -> None:
    claims = [stored(make_claim("a"), outlet="Reuters"), stored(make_claim("b"), outlet="Reuters")]
    assert status_of(claims) == "reported"
    assert strongest_of(claims) == "unnamed_sources"


def test_one_named_official_is_reported() -> None:
    claims = [stored(make_claim("a", source=KIRBY))]
    assert status_of(claims) == "reported"
    assert strongest_of(claims) == "named_official"


def test_probable_occurrence_from_anonymous_sources_is_reported() -> None:
    claims = [stored(make_claim("a", source=OFFICIALS, modality="probable"))]
    assert status_of(claims) == "reported"
    assert strongest_of(claims) == "unnamed_sources"


def test_agreed_deal_is_expected() -> None:
    claims = [stored(make_claim("a", stage="agreed", source=KIRBY))]
    assert status_of(claims) == "expected"


def test_probable_plan_is_expected_but_speculation_as_evidence() -> None:
    claims = [stored(make_claim("a", stage="planned", modality="probable"))]
    assert status_of(claims) == "expected"
    assert strongest_of(claims) == "speculation"


def test_only_possible_claims_are_speculated() -> None:
    claims = [
        stored(make_claim("a", stage="planned", modality="possible")),
        stored(make_claim("b", stage="occurred", modality="possible")),
    ]
    assert status_of(claims) == "speculated"
    assert strongest_of(claims) == "speculation"


def test_latest_refusal_makes_it_refused() -> None:
    claims = [
        stored(make_claim("a", stage="requested", provider="RUS", recipient="IRN"), "2019-01-10"),
        stored(make_claim("b", stage="refused", provider="RUS", recipient="IRN"), "2019-06-01"),
    ]
    assert status_of(claims) == "refused"


def test_an_offer_after_a_refusal_is_expected_again() -> None:
    claims = [
        stored(make_claim("a", stage="refused"), "2019-06-01"),
        stored(make_claim("b", stage="offered"), "2021-03-01"),
    ]
    assert status_of(claims) == "expected"


def test_only_denials_are_denied() -> None:
    claims = [stored(make_claim("a", polarity="negative", source=PARTY_IRN))]
    assert status_of(claims) == "denied"
    assert strongest_of(claims) == "denial"


def test_admission_and_denial_are_contested() -> None:
    claims = [
        stored(make_claim("a", polarity="negative", source=PARTY_IRN), "2022-09-01"),
        stored(make_claim("b", source=PARTY_IRN), "2022-11-05"),
    ]
    assert status_of(claims) == "contested"
    assert strongest_of(claims) == "party_admission"


def test_denial_against_an_official_report_leaves_it_reported() -> None:
    claims = [
        stored(make_claim("a", source=KIRBY)),
        stored(make_claim("b", polarity="negative", source=PARTY_IRN)),
    ]
    assert status_of(claims) == "reported"


def test_status_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        status_of([])
