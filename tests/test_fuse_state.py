"""Incremental fusion (entente.fuse.state) gives exactly the row fusing every claim gives.

The property: for a relation's claims in id order, cut anywhere into a prefix
and appended batches, the state of the prefix given each batch in turn
(through its JSON form) has ``fuse_one``'s row, whenever every ``add``
accepted. Checked on claims hypothesis builds (stories, reprints, outlets,
near-copy sentences), and on the dev gold's extracted claims, read from
``../shared/eval/dev`` (skipped without it).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entente.fuse import fuse, fuse_one, independence, relation_id
from entente.fuse.state import RelationState, states_of
from entente.model import Claim, Document, Evidence, Item, Source, StoredClaim, TimeSpan
from entente.store import rows

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"

# Outlet-voiced sentences: near copies of one wire sentence (grouped by the LSH), a second one, short ones.
WIRE = ("Iran has delivered a new batch of Shahed drones to Russia through the Caspian Sea this month, "
        "officials in Kyiv said on {day}.")
SENTENCES = (
    WIRE.format(day="Monday"),
    WIRE.format(day="Tuesday"),
    WIRE.format(day="Tuesday").replace("new batch", "fresh batch"),
    "Russia received hundreds of Iranian attack drones over the summer, according to a report seen by reporters.",
    "Russia received hundreds of Iranian attack drones over the summer, according to a report seen by journalists.",
    "Iran sent drones to Russia.",
    "Drones came from Iran.",
)
SOURCES = (
    None,
    Source(None, None, "author"),
    Source(None, None, "anonymous"),
    Source("state media", None, "media"),
    Source("US officials", None, "official"),
    Source(None, "IRN", "party"),
    Source(None, "RUS", "party"),
    Source("analysts", None, "expert"),
)


@st.composite
def relation_claims(draw: st.DrawFn) -> list[StoredClaim]:
    """Claims of one relation (IRN -> RUS, shahed-136) from a few articles, some reprints of others."""
    n_docs = draw(st.integers(1, 8))
    originals: list[str] = []
    docs = []
    for i in range(n_docs):
        doc_id = f"d{i}"
        reprint_of = draw(st.sampled_from([None, *originals])) if originals else None
        if reprint_of is None:
            originals.append(doc_id)
        day = dt.date(2022, 10, 1) + dt.timedelta(days=draw(st.integers(0, 4)))
        docs.append((doc_id, reprint_of, day, draw(st.sampled_from([None, "Outlet A", "outlet b", "Wire"]))))
    order = draw(st.permutations(range(n_docs)))  # the order the store saved them in
    found: list[StoredClaim] = []
    next_id = draw(st.integers(1, 50))
    for i in order:
        doc_id, reprint_of, day, outlet = docs[i]
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.one_of(st.none(), st.integers(0, 60)))
            end = draw(st.one_of(st.none(), st.integers(0, 90)))
            claim = Claim(
                doc_id=doc_id,
                kind=draw(st.sampled_from(["transfer", "sale", "support"])),
                provider="IRN",
                recipient="RUS",
                item=Item("", "shahed-136", draw(st.sampled_from(["uav", "munition", "missile"]))),
                stage=draw(st.sampled_from(["occurred", "agreed", "offered", "planned", "requested", "refused"])),
                modality=draw(st.sampled_from(["certain", "certain", "probable", "possible"])),
                polarity=draw(st.sampled_from(["positive", "positive", "positive", "negative"])),
                source=draw(st.sampled_from(SOURCES)),
                time=(TimeSpan(None,
                               dt.date(2022, 8, 1) + dt.timedelta(days=start) if start is not None else None,
                               dt.date(2022, 8, 1) + dt.timedelta(days=end) if end is not None else None)
                      if start is not None or end is not None else None),
                evidence=Evidence(0, 0, draw(st.sampled_from(SENTENCES))),
            )
            found.append(StoredClaim(next_id, claim, day, doc_source=outlet, reprint_of=reprint_of))
            next_id += draw(st.integers(1, 3))
    return found


def relation_of(state: RelationState) -> dict[str, Any]:
    return rows.relation_row(state.relation())


def in_batches(claims: Sequence[StoredClaim], cuts: Sequence[int]) -> tuple[RelationState, bool]:
    """A state of ``claims[:cuts[0]]`` given the rest cut at ``cuts``, through JSON; and whether all were accepted."""
    bounds = [*sorted(set(cuts)), len(claims)]
    state = RelationState.from_claims(claims[:bounds[0]])
    for start, end in zip(bounds, bounds[1:], strict=False):
        loaded = RelationState.from_json(state.to_json())
        assert loaded is not None
        if not loaded.add(claims[start:end]):
            return state, False
        state = loaded
    return state, True


def full_row(claims: Sequence[StoredClaim]) -> dict[str, Any]:
    return rows.relation_row(fuse_one(claims))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claims=relation_claims(), data=st.data())
def test_a_state_given_the_rest_in_batches_has_the_row_of_all_the_claims(
    claims: list[StoredClaim], data: st.DataObject
) -> None:
    full = full_row(claims)
    assert relation_of(RelationState.from_claims(claims)) == full
    if len(claims) < 2:
        return
    cuts = data.draw(st.lists(st.integers(1, len(claims) - 1), min_size=1, max_size=4))
    state, accepted = in_batches(claims, cuts)
    if accepted:
        assert relation_of(state) == full


@settings(max_examples=200, deadline=None)
@given(claims=relation_claims(), data=st.data())
def test_a_refused_add_leaves_the_state_as_it_was(claims: list[StoredClaim], data: st.DataObject) -> None:
    if len(claims) < 2:
        return
    cut = data.draw(st.integers(1, len(claims) - 1))
    state = RelationState.from_claims(claims[:cut])
    before = state.to_json()
    if not state.add(claims[cut:]):
        assert state.to_json() == before


def _claim(doc: str, evidence: str = "Iran sent drones to Russia.", **kw: Any) -> Claim:
    return Claim(doc_id=doc, kind="transfer", provider="IRN", recipient="RUS", item=Item("", "shahed-136", "uav"),
                 stage=kw.pop("stage", "occurred"), modality="certain", polarity="positive",
                 source=kw.pop("source", Source(None, None, "anonymous")), time=None,
                 evidence=Evidence(0, 0, evidence), **kw)


def test_articles_of_new_stories_and_later_reprints_are_applied() -> None:
    day = dt.date(2022, 11, 1)
    first = [StoredClaim(1, _claim("a"), day, doc_source="A")]
    later = [
        StoredClaim(2, _claim("b"), day, doc_source="B"),
        StoredClaim(3, _claim("a-copy"), day, doc_source="C", reprint_of="a"),  # a reprint: not its story's pick
    ]
    state = RelationState.from_claims(first)
    assert state.add(later)
    assert relation_of(state) == full_row(first + later)
    assert state.relation().n_reprints == 1 and state.relation().n_sources == 2


def test_a_first_copy_after_its_reprint_is_refused() -> None:
    day = dt.date(2022, 11, 1)
    reprint = StoredClaim(1, _claim("copy"), day, doc_source="B", reprint_of="orig")
    state = RelationState.from_claims([reprint])
    assert not state.add([StoredClaim(2, _claim("orig"), day, doc_source="A")])  # it becomes the story's pick
    assert not state.add([StoredClaim(1, _claim("other"), day)])  # an id already seen
    assert not state.add([StoredClaim(3, replace(_claim("x"), recipient="UKR"), day)])  # another relation
    assert relation_of(state) == full_row([reprint])


def _wire(n: int, words: int = 12) -> str:
    return " ".join(f"w{n}x{i}" for i in range(words))


def test_crossing_the_near_copy_limit_is_refused_once_sentences_merged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(independence, "NEAR_COPY_LIMIT", 3)
    day = dt.date(2022, 11, 1)
    copy = WIRE.format(day="Monday")
    merged = [StoredClaim(1, _claim("a", copy), day, doc_source="A"),
              StoredClaim(2, _claim("b", copy.replace("Monday", "Tuesday")), day, doc_source="B")]
    state = RelationState.from_claims(merged)
    assert relation_of(state) == full_row(merged) and state.relation().n_sources == 1  # one wire sentence
    more = [StoredClaim(3 + i, _claim(f"c{i}", _wire(i)), day, doc_source=f"C{i}") for i in range(2)]
    assert not state.add(more)  # 4 sentences: identical ones only, the copy group splits
    apart = [StoredClaim(1 + i, _claim(f"a{i}", _wire(i)), day, doc_source=f"A{i}") for i in range(3)]
    state = RelationState.from_claims(apart)
    extra = [StoredClaim(10, _claim("z", _wire(9)), day, doc_source="Z")]
    assert state.add(extra)  # no group of several sentences: grouping identical ones is the same
    assert relation_of(state) == full_row(apart + extra)


def test_the_stored_form_is_json_and_reads_back_the_same() -> None:
    day = dt.date(2022, 11, 1)
    claims = [StoredClaim(1, _claim("a", WIRE.format(day="Monday")), day, doc_source="A"),
              StoredClaim(2, _claim("b", WIRE.format(day="Friday")), day + dt.timedelta(days=1), doc_source="B")]
    text = RelationState.from_claims(claims).to_json()
    assert json.loads(text)["n"] == 2
    loaded = RelationState.from_json(text)
    assert loaded is not None and loaded.to_json() == text
    assert RelationState.from_json(json.dumps({**json.loads(text), "v": 0})) is None  # another version


# ---------------------------------------------------------------- the dev gold's claims


@pytest.fixture(scope="module")
def dev_claims() -> list[StoredClaim]:
    """The dev gold texts' extracted claims, each text stored three times: once as itself, twice as reprints."""
    files = sorted(DEV.glob("*.jsonl"))
    if not files:
        pytest.skip(f"no dev gold at {DEV}")
    from entente.api import load_extractor

    docs = [
        Document(id=d["id"], date=dt.date.fromisoformat(d["date"]), text=d["text"], source=path.stem)
        for path in files
        for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    ]
    rng = random.Random(5)
    saved: list[tuple[Document, str | None, list[Claim]]] = []
    for doc, found in load_extractor().extract_many(docs, batch_size=16):
        saved.append((doc, None, found))
        for n in range(2):
            copy = replace(doc, id=f"{doc.id}~{n}", source=f"reprinter {n}", date=doc.date + dt.timedelta(days=n))
            saved.append((copy, doc.id, [replace(c, doc_id=copy.id) for c in found]))
    rng.shuffle(saved)  # some reprints are stored before their first copy
    out, next_id = [], 1
    for doc, reprint_of, found in saved:
        for claim in found:
            out.append(StoredClaim(next_id, claim, doc.date, doc_source=doc.source, reprint_of=reprint_of))
            next_id += 1
    return out


def test_dev_gold_relations_fuse_the_same_whole_and_in_batches(dev_claims: list[StoredClaim]) -> None:
    by_relation: dict[str, list[StoredClaim]] = {}
    for s in dev_claims:
        by_relation.setdefault(relation_id(s.claim), []).append(s)
    states = states_of(dev_claims)
    assert {r.id: rows.relation_row(r) for r in fuse(dev_claims)} == {
        rid: relation_of(state) for rid, state in states.items()}
    rng = random.Random(11)
    accepted = 0
    for claims in by_relation.values():
        full = full_row(claims)
        for _ in range(5 if len(claims) > 1 else 0):
            cuts = rng.sample(range(1, len(claims)), min(len(claims) - 1, rng.randint(1, 4)))
            state, ok = in_batches(claims, cuts)
            if ok:
                accepted += 1
                assert relation_of(state) == full
    assert accepted > 100  # most splits append new stories or later reprints: the check is not vacuous
