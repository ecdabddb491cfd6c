"""Saving a batch of articles in one transaction: the same store as one at a time, failures cost only themselves.

``Store.save_articles`` (what ``entente ingest`` calls per batch) saves each
article in its own savepoint and re-fuses the touched relations once, from the
columns fusion reads (``entente.store.refresh``). The relations must be exactly
what one article a transaction, fused from the full claim rows, gives.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from conftest import make_claim, make_doc

from entente.errors import IdCollision, StoreError
from entente.fuse import fuse_one
from entente.model import Claim, Document
from entente.store import Store, refresh, rows
from entente.store.repository import _CLAIM_SELECT
from entente.store.schema import relation_kinds, relations

WIRE = ("Iran has shipped a further consignment of Shahed-136 attack drones to Russia by sea, "
        "according to people familiar with the matter.")
STORY = ("Tehran sent hundreds of Shahed-136 drones to Moscow last autumn, officials in Kyiv said on Monday, "
         "and more deliveries are expected before the winter, according to two people briefed on the plans.")
PARTY = ("Iran's foreign minister", "IRN", "party")
KIRBY = ("John Kirby", "USA", "official")


def _corpus() -> list[tuple[Document, list[Claim]]]:
    """Outlets printing one wire sentence, a reprinted story, a party admission and a denial, a refusal,
    a cooperation in both directions, and an article saved twice with new content (replaced)."""
    articles: list[tuple[Document, list[Claim]]] = []
    for i in range(6):
        doc = make_doc(f"wire-{i}", f"{WIRE} Report {i} of the day.", source=f"Outlet {i % 3}",
                       origin=f"feed.jsonl:{i}")
        articles.append((doc, [make_claim(doc.id, evidence=WIRE, source=(None, None, "media"),
                                          time=(f"2022-0{i + 1}-01", None))]))
    for i in range(3):  # the same story three times: a first copy and two reprints
        doc = make_doc(f"story-{i}", STORY, source=f"Paper {i}", origin=f"feed.jsonl:{10 + i}")
        articles.append((doc, [make_claim(doc.id, evidence=STORY, stage="occurred", modality="probable")]))
    admission = make_doc("admission", "Iran's foreign minister said Iran had sent drones.", origin="feed.jsonl:20")
    articles.append((admission, [make_claim(admission.id, source=PARTY, evidence=admission.text)]))
    denial = make_doc("denial", "Russia denied that Iran had sent it drones.", origin="feed.jsonl:21")
    articles.append((denial, [make_claim(denial.id, polarity="negative", evidence=denial.text)]))
    refused = make_doc("refused", "Moscow turned down Tehran's request for the S-400.", origin="feed.jsonl:22")
    articles.append((refused, [make_claim(
        refused.id, provider="RUS", recipient="IRN", item=("the S-400", "s-400", "air_defence"),
        stage="refused", source=KIRBY, evidence=refused.text)]))
    for name, (a, b) in (("coop-1", ("RUS", "IRN")), ("coop-2", ("IRN", "RUS"))):
        doc = make_doc(name, f"{a} and {b} will co-develop a satellite ({name}).", origin=f"feed.jsonl:{name}")
        articles.append((doc, [make_claim(doc.id, kind="cooperation", provider=a, recipient=b, item=None,
                                          stage="agreed", evidence=doc.text)]))
    again = make_doc("wire-0", f"{WIRE} Report 0, corrected.", source="Outlet 0", origin="feed.jsonl:0")
    articles.append((again, [make_claim(again.id, evidence=WIRE, source=(None, None, "media"), stage="planned")]))
    return articles


def _relation_rows(store: Store) -> dict[str, dict[str, Any]]:
    with store.engine.connect() as conn:
        found = {r["id"]: dict(r) for r in conn.execute(sa.select(relations)).mappings()}
        for rid, kind in conn.execute(sa.select(relation_kinds.c.relation_id, relation_kinds.c.kind)):
            found[rid].setdefault("kind_rows", set()).add(kind)
    return found


def _fused_from_full_rows(store: Store) -> dict[str, dict[str, Any]]:
    """Every relation fused as the store did before batches: all columns of every claim read."""
    grouped = defaultdict(list)
    with store.engine.connect() as conn:
        for row in conn.execute(_CLAIM_SELECT).mappings():
            grouped[row["relation_id"]].append(rows.stored_from_row(row))
    return {rid: rows.relation_row(fuse_one(group)) for rid, group in grouped.items()}


def test_a_batch_gives_the_relations_one_article_at_a_time_gives(store: Store, tmp_path: Path) -> None:
    articles = _corpus()
    with Store.open(str(tmp_path / "one-by-one.db")) as reference:
        for doc, found in articles:
            reference.save_article(doc, found)
        expected = _relation_rows(reference)
        full_read = _fused_from_full_rows(reference)
    results = [r for start in range(0, len(articles), 5) for r in store.save_articles(articles[start:start + 5])]
    assert [r.outcome for r in results] == ["added"] * (len(articles) - 1) + ["replaced"]  # type: ignore[union-attr]
    assert store.reprints_of("story-0") == ["story-1", "story-2"]
    got = _relation_rows(store)
    assert got == expected
    assert {rid: {k: v for k, v in row.items() if k != "kind_rows"} for rid, row in got.items()} == full_read
    statuses = {row["status"] for row in got.values()}
    assert {"contested", "refused", "expected"} <= statuses  # the corpus reaches the rules it is meant to


def test_an_id_collision_in_a_batch_costs_only_that_article(store: Store) -> None:
    store.save_article(make_doc("taken", "An article from one file.", origin="a.jsonl:1"), [])
    batch = [
        (make_doc("first", WIRE, origin="b.jsonl:1"), [make_claim("first", evidence=WIRE)]),
        (make_doc("taken", "Another article, from another file.", origin="b.jsonl:2"), []),
        (make_doc("last", STORY, origin="b.jsonl:3"), [make_claim("last", evidence=STORY)]),
    ]
    first, collision, last = store.save_articles(batch)
    assert isinstance(collision, IdCollision) and collision.code == "E111"
    assert (first.outcome, last.outcome) == ("added", "added")  # type: ignore[union-attr]
    assert store.document("taken").text == "An article from one file."
    assert sorted(store.document_ids()) == ["first", "last", "taken"]
    (relation,) = store.relations()
    assert relation.n_claims == 2 == len(store.relation(relation.id).timeline)


def test_a_batch_that_cannot_commit_is_saved_one_article_a_transaction(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check only the end of a batch makes (here: a refresh that fails for one relation) loses only its article."""
    poison = make_claim("bad", provider="PRK", recipient="RUS", evidence="North Korea sent shells.")
    poisoned = {rows.claim_row(poison, "bad")["relation_id"]}
    real_refresh = refresh.refresh_relations

    def refuse_the_poisoned(conn: sa.Connection, ids: Any) -> refresh.RefreshCounts:
        ids = set(ids)
        if ids & poisoned:
            raise sa.exc.IntegrityError("refresh", {}, Exception("a check made at commit failed"))
        return real_refresh(conn, ids)

    monkeypatch.setattr(refresh, "refresh_relations", refuse_the_poisoned)
    results = store.save_articles([
        (make_doc("good", WIRE), [make_claim("good", evidence=WIRE)]),
        (make_doc("bad", "North Korea sent shells."), [poison]),
    ])
    assert results[0].outcome == "added"  # type: ignore[union-attr]
    assert isinstance(results[1], StoreError) and "bad" in str(results[1])
    assert store.document_ids() == ["good"]
    assert [r.n_claims for r in store.relations()] == [1]


def test_save_article_is_a_batch_of_one_and_raises_its_error(store: Store) -> None:
    store.save_article(make_doc("taken", "One.", origin="a.jsonl:1"), [])
    with pytest.raises(IdCollision):
        store.save_article(make_doc("taken", "Two.", origin="b.jsonl:1"), [])
    assert store.save_articles([]) == []


def test_rebuild_rewrites_what_disagrees_with_the_claims_and_nothing_else(store: Store) -> None:
    articles = _corpus()
    store.save_articles(articles)
    expected = _relation_rows(store)
    victim, dropped = sorted(expected)[:2]
    with store.engine.begin() as conn:
        conn.execute(sa.update(relations).where(relations.c.id == victim).values(status="denied", n_sources=99))
        conn.execute(sa.delete(relation_kinds).where(relation_kinds.c.relation_id == dropped))
        conn.execute(sa.insert(relations).values({**{k: v for k, v in expected[victim].items() if k != "kind_rows"},
                                                  "id": "0" * 32}))
    progress: list[tuple[int, int]] = []
    counts = store.rebuild_relations(chunk=3, on_progress=lambda done, total: progress.append((done, total)))
    assert (counts.changed, counts.added, counts.removed) == (2, 0, 1)
    assert counts.unchanged == len(expected) - 2
    assert _relation_rows(store) == expected
    assert progress[-1] == (len(expected) + 1, len(expected) + 1) and len(progress) > 1
    again = store.rebuild_relations()
    assert (again.changed, again.added, again.removed) == (0, 0, 0)


def test_the_refresh_reads_only_what_fusion_needs() -> None:
    """Trace, quantities, values, titles and offsets stay on disk when a relation is re-fused."""
    read = {c.name for c in refresh.FUSION_SELECT.selected_columns}
    assert not read & {"trace", "quantity_text", "value_text", "doc_title", "doc_url", "evidence_start", "item_text"}


def test_the_rebuild_command_prints_what_it_changed(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from entente.cli import app

    db = str(tmp_path / "entente.db")
    with Store.open(db) as store:
        store.save_articles(_corpus())
        n = len(store.relations())
        with store.engine.begin() as conn:
            conn.execute(sa.update(relations).values(status="denied"))
    result = CliRunner().invoke(app, ["rebuild", "--db", db])
    assert result.exit_code == 0, result.output
    assert "relations: " in result.output and "changed, 0 added, 0 removed" in result.output
    with Store.open(db, read_only=True) as store:
        assert {r.status for r in store.relations()} != {"denied"}
    again = CliRunner().invoke(app, ["rebuild", "--db", db])
    assert f"0 changed, 0 added, 0 removed, {n} unchanged" in again.output
