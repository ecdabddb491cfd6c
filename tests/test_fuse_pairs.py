"""Pairs: every relation from one actor to another as one edge, its sources counted as a relation's are."""

from __future__ import annotations

import dataclasses

from conftest import make_claim, stored

from entente.fuse import fuse
from entente.fuse.pairs import pairs

DRONES = "Iran has supplied Shahed-136 drones to Russia, the ministry said."
MISSILES = "Iran has also sent Fath-360 missiles to Russia, the ministry said."


def test_a_pair_holds_every_item_between_two_actors_in_one_direction() -> None:
    claims = [
        stored(make_claim("a", evidence=DRONES, source=("the ministry", "UKR", "official")), outlet="Wire"),
        stored(make_claim("a", item=("Fath-360 missiles", "fath-360", "missile"), evidence=MISSILES,
                          source=("the ministry", "UKR", "official")), outlet="Wire"),
        stored(make_claim("b", provider="RUS", recipient="IRN", item=("Su-35", "su-35", "aircraft")), outlet="Post"),
    ]
    found = {p.key: p for p in pairs(fuse(claims), claims)}
    assert set(found) == {("IRN", "RUS"), ("RUS", "IRN")}
    irn_rus = found[("IRN", "RUS")]
    assert sorted(irn_rus.items) == ["fath-360", "shahed-136"] and irn_rus.n_claims == 2
    assert irn_rus.n_sources == 1  # one ministry quoted on two items is one source of the pair


def test_a_reprint_adds_no_article_and_no_source_to_its_pair() -> None:
    first = stored(make_claim("wire", evidence=DRONES), date="2022-11-01", outlet="Wire")
    copy = dataclasses.replace(stored(make_claim("post", evidence=DRONES), date="2022-11-02", outlet="Post"),
                               reprint_of="wire")
    other = stored(make_claim("herald", evidence=MISSILES, item=("Fath-360 missiles", "fath-360", "missile")),
                   outlet="Herald")
    (pair,) = pairs(fuse([first, copy, other]), [first, copy, other])
    assert (pair.n_claims, pair.n_articles, pair.n_sources) == (3, 2, 2)


def test_the_pair_shows_its_best_supported_status() -> None:
    confirmed = stored(make_claim("a", evidence=DRONES, source=("Tehran", "IRN", "party")), outlet="Wire")
    speculated = stored(make_claim("b", item=("Fath-360 missiles", "fath-360", "missile"), modality="possible",
                                   stage="planned", evidence=MISSILES), outlet="Post")
    (pair,) = pairs(fuse([confirmed, speculated]), [confirmed, speculated])
    assert pair.status == "confirmed" and pair.by_status == {"confirmed": 1, "speculated": 1}
