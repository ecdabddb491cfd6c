"""Saves update relations from their stored fusion state and the new claims, and end where a rebuild would.

``Store.save_articles`` updates a relation whose only change is new claims from
its row of ``relation_states`` (``entente.fuse.state``), after checking the
state's claim count and largest id against the claims table; every other
touched relation is fused from all its claims, which writes its state. Each
test ends with the relations fusing every stored claim gives, and a rebuild
that finds nothing to change.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from conftest import make_claim, make_doc
from test_store_batch import STORY, WIRE, _corpus, _fused_from_full_rows, _relation_rows

from entente.fuse.state import RelationState
from entente.model import Claim, Document
from entente.store import Store, refresh, rows
from entente.store.schema import claims, relation_states


@pytest.fixture
def full_refreshes(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The relation ids each save fused from all their claims (the rest were updated from their states)."""
    calls: list[set[str]] = []
    real = refresh.refresh_relations

    def spy(conn: sa.Connection, ids: Any) -> refresh.RefreshCounts:
        calls.append(set(ids))
        return real(conn, ids)

    monkeypatch.setattr(refresh, "refresh_relations", spy)
    return calls


def _wire(i: int) -> tuple[Document, list[Claim]]:
    doc = make_doc(f"more-{i}", f"{WIRE} Late report {i}, with its own words.", source=f"Late outlet {i}",
                   origin=f"late.jsonl:{i}")
    return doc, [make_claim(doc.id, evidence=f"{WIRE} Late report {i}.", source=(None, None, "anonymous"))]


SHAHED = rows.claim_row(make_claim("x"), "x")["relation_id"]  # IRN -> RUS, shahed-136: most of the corpus


def _assert_as_rebuilt(store: Store) -> None:
    """The relations are what fusing every stored claim gives; each state saw its relation's claims; a rebuild
    changes nothing."""
    got = _relation_rows(store)
    assert {rid: {k: v for k, v in row.items() if k != "kind_rows"} for rid, row in got.items()} == \
        _fused_from_full_rows(store)
    with store.engine.connect() as conn:
        guards = {rid: (n, top) for rid, n, top in conn.execute(refresh.guard_select(sorted(got)))}
        for rid, n, top, text in conn.execute(sa.select(relation_states)):
            state = RelationState.from_json(text)
            assert state is not None and (state.n_claims, state.last_id) == (n, top) == guards[rid]
            assert rows.relation_row(state.relation()) == {k: v for k, v in got[rid].items() if k != "kind_rows"}
    counts = store.rebuild_relations()
    assert (counts.changed, counts.added, counts.removed, counts.unchanged) == (0, 0, 0, len(got))


def test_batches_update_relations_from_their_states(store: Store, full_refreshes: list[set[str]]) -> None:
    articles = _corpus()
    for start in range(0, len(articles), 3):
        store.save_articles(articles[start:start + 3])
    assert SHAHED not in full_refreshes[1]  # the second batch of wire copies: updated from the state
    store.save_articles([_wire(i) for i in range(3)])
    assert SHAHED not in full_refreshes[-1]
    _assert_as_rebuilt(store)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(relation_states)).scalar_one() == \
            len(store.relations())


def test_a_replaced_article_refuses_its_relations_from_all_their_claims(
    store: Store, full_refreshes: list[set[str]]
) -> None:
    store.save_articles([_wire(i) for i in range(3)])
    doc, _ = _wire(1)
    changed = make_doc(doc.id, doc.text + " Corrected.", source=doc.source, origin=doc.origin)
    (result,) = store.save_articles([(changed, [make_claim(doc.id, evidence=STORY, stage="planned",
                                                           source=(None, "IRN", "party"))])])
    assert result.outcome == "replaced"  # type: ignore[union-attr]
    assert SHAHED in full_refreshes[-1]  # it lost a claim: fused again
    _assert_as_rebuilt(store)


def test_deleting_a_first_copy_promotes_its_reprint_and_refuses_the_relation(store: Store) -> None:
    articles = _corpus()
    store.save_articles(articles[:7])  # the wire copies and the first copy of the story
    store.save_articles(articles[7:9])  # its two reprints: later articles of a story held, added to the state
    assert store.reprints_of("story-0") == ["story-1", "story-2"]
    _assert_as_rebuilt(store)
    store.delete_document("story-0")
    assert store.reprint_of("story-2") == "story-1"
    _assert_as_rebuilt(store)
    store.delete_document("wire-3")
    _assert_as_rebuilt(store)


def test_a_store_whose_states_are_gone_fuses_in_full_then_keeps_them(
    store: Store, full_refreshes: list[set[str]]
) -> None:
    store.save_articles(_corpus())
    with store.engine.begin() as conn:
        conn.execute(sa.delete(relation_states))
    store.save_articles([_wire(0)])
    assert SHAHED in full_refreshes[-1]
    store.save_articles([_wire(1)])
    assert SHAHED not in full_refreshes[-1]
    _assert_as_rebuilt(store)


@pytest.mark.parametrize("tamper", ["count", "max id", "claim behind its back"])
def test_a_state_whose_guard_disagrees_is_not_trusted(
    store: Store, full_refreshes: list[set[str]], tamper: str
) -> None:
    store.save_articles([_wire(i) for i in range(3)])
    with store.engine.begin() as conn:
        if tamper == "count":
            conn.execute(sa.update(relation_states).values(n_claims=relation_states.c.n_claims - 1))
        elif tamper == "max id":
            conn.execute(sa.update(relation_states).values(max_claim_id=relation_states.c.max_claim_id - 1))
        else:  # a claim written without its relation's state: another tool, or SQL by hand
            conn.execute(sa.insert(claims).values({**rows.claim_row(make_claim("more-0", stage="planned"), "more-0")}))
    store.save_articles([_wire(5)])
    assert SHAHED in full_refreshes[-1]
    _assert_as_rebuilt(store)


def test_the_guard_reads_the_relation_index_only(tmp_path: Any) -> None:
    with Store.open(str(tmp_path / "plan.db")) as store, store.engine.connect() as conn:
        query = refresh.guard_select(["a", "b"]).compile(conn, compile_kwargs={"literal_binds": True})
        steps = [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}")]
    assert any("USING COVERING INDEX ix_claims_relation_id" in s for s in steps), steps
