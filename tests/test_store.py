"""The store on SQLite and on PostgreSQL: saving, idempotency, relations kept in step, queries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from conftest import make_claim, make_doc

from entente.errors import NotFound, StoreError
from entente.model import Claim
from entente.store import Store, resolve_url

KIRBY = ("John Kirby", "USA", "official")
IRAN_PARTY = ("Iran's foreign minister", "IRN", "party")

DRONES_TEXT = "Iran has supplied Shahed-136 drones to Russia, John Kirby said on Thursday."
OTHER_DRONES_TEXT = "A second outlet, writing its own story, says Tehran shipped the drones by sea."
S400_TEXT = "Moscow turned down a request from Tehran for the S-400 air defence system in 2019."


def drone_claims(doc_id: str = "doc1") -> list[Claim]:
    return [
        make_claim(doc_id, source=KIRBY, evidence=DRONES_TEXT, time=("2022-08-01", "2022-08-31")),
        make_claim(doc_id, kind="support", item=None, provider="RUS", recipient="IRN", evidence=DRONES_TEXT),
    ]


def refusal(doc_id: str) -> Claim:
    return make_claim(
        doc_id, provider="RUS", recipient="IRN", item=("the S-400 air defence system", "s-400", "air_defence"),
        stage="refused", evidence=S400_TEXT, time=("2019-01-01", "2019-12-31"),
    )


def table_rows(store: Store, table: str) -> list[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY 1"))]


def test_new_article_is_added_with_its_claims_and_relations(store: Store) -> None:
    result = store.save_article(make_doc(text=DRONES_TEXT), drone_claims())
    assert result.outcome == "added" and result.n_claims == 2
    assert len(store.claims(doc_id="doc1")) == 2
    assert {(r.provider, r.recipient, r.item_key) for r in store.relations()} == {
        ("IRN", "RUS", "shahed-136"), ("RUS", "IRN", "kind:support"),
    }


def test_saving_the_same_article_twice_changes_nothing(store: Store) -> None:
    store.save_article(make_doc(text=DRONES_TEXT), drone_claims())
    before = {t: table_rows(store, t) for t in ("documents", "claims", "relations", "actors")}
    again = store.save_article(make_doc(text=DRONES_TEXT), drone_claims())
    assert again.outcome == "unchanged"
    assert {t: table_rows(store, t) for t in before} == before


def test_changed_article_replaces_only_its_own_claims(store: Store) -> None:
    store.save_article(make_doc("doc1", text=DRONES_TEXT), drone_claims("doc1"))
    store.save_article(make_doc("doc2", text=OTHER_DRONES_TEXT), drone_claims("doc2"))
    other_before = store.claims(doc_id="doc2")

    result = store.save_article(make_doc("doc1", text=S400_TEXT), [refusal("doc1")])

    assert result.outcome == "replaced"
    assert [c.claim.stage for c in store.claims(doc_id="doc1")] == ["refused"]
    assert store.claims(doc_id="doc2") == other_before
    assert store.document("doc1").text == S400_TEXT


def test_relations_follow_a_replaced_article(store: Store) -> None:
    store.save_article(make_doc("doc1", text=DRONES_TEXT), drone_claims("doc1"))
    store.save_article(make_doc("doc2", text=OTHER_DRONES_TEXT), drone_claims("doc2"))
    drones = store.relations(item="shahed-136")[0]
    assert drones.n_articles == 2

    store.save_article(make_doc("doc1", text=S400_TEXT), [refusal("doc1")])

    drones = store.relation(drones.id)
    assert drones.n_articles == 1 and drones.n_claims == 1
    assert store.relations(item="s-400")[0].status == "refused"


def test_relation_disappears_with_its_last_claim(store: Store) -> None:
    store.save_article(make_doc("doc1", text=DRONES_TEXT), drone_claims("doc1"))
    store.save_article(make_doc("doc1", text=S400_TEXT), [refusal("doc1")])
    assert [r.item_key for r in store.relations()] == ["s-400"]


def test_deleting_a_document_cascades_to_claims_and_relations(store: Store) -> None:
    store.save_article(make_doc("doc1", text=DRONES_TEXT), drone_claims("doc1"))
    store.delete_document("doc1")
    assert store.claims() == [] and store.relations() == []
    with pytest.raises(NotFound):
        store.delete_document("doc1")


def test_claims_come_back_as_they_were_saved(store: Store) -> None:
    claim = make_claim(source=KIRBY, time=("2022-08-01", None), evidence=DRONES_TEXT)
    claim.trace = {"trigger": {"text": "supplied", "start": 9}}
    store.save_article(make_doc(text=DRONES_TEXT, title="Drones", url="https://example.org/a", source="Wire"), [claim])
    [back] = store.claims()
    assert back.claim == claim
    assert back.doc_date == dt.date(2022, 11, 1) and back.doc_source == "Wire" and back.doc_title == "Drones"


def test_relation_filters(store: Store) -> None:
    store.save_article(make_doc("doc1", text=DRONES_TEXT, date=dt.date(2022, 10, 1)), drone_claims("doc1"))
    store.save_article(make_doc("doc2", text=S400_TEXT, date=dt.date(2019, 6, 1)), [refusal("doc2")])
    keys = lambda found: sorted(r.item_key for r in found)  # noqa: E731
    assert keys(store.relations(provider="RUS")) == ["kind:support", "s-400"]
    assert keys(store.relations(recipient="RUS")) == ["shahed-136"]
    assert keys(store.relations(actor="IRN")) == ["kind:support", "s-400", "shahed-136"]
    assert keys(store.relations(category="air_defence")) == ["s-400"]
    assert keys(store.relations(item="S-400")) == ["s-400"]
    assert keys(store.relations(since=dt.date(2022, 1, 1))) == ["kind:support", "shahed-136"]
    assert keys(store.relations(until=dt.date(2020, 1, 1))) == ["s-400"]
    assert keys(store.relations(status="refused")) == ["s-400"]
    assert keys(store.relations(status=["refused", "reported"])) == ["kind:support", "s-400", "shahed-136"]
    assert keys(store.relations(text="turned down")) == ["s-400"]
    assert keys(store.relations(text="100%_")) == []


def test_relation_has_its_timeline_and_unknown_id_is_not_found(store: Store) -> None:
    store.save_article(make_doc("doc1", text=DRONES_TEXT), drone_claims("doc1"))
    drones = store.relations(item="shahed-136")[0]
    assert [s.claim.kind for s in store.relation(drones.id).timeline] == ["transfer"]
    with pytest.raises(NotFound):
        store.relation("nope")
    with pytest.raises(NotFound):
        store.document("nope")


def test_timeline_takes_both_directions_in_event_order(store: Store) -> None:
    store.save_article(make_doc("doc1", text=DRONES_TEXT, date=dt.date(2022, 10, 1)), drone_claims("doc1"))
    store.save_article(make_doc("doc2", text=S400_TEXT, date=dt.date(2023, 1, 1)), [refusal("doc2")])
    timeline = store.timeline("RUS", "IRN")
    assert [s.claim.doc_id for s in timeline] == ["doc2", "doc1", "doc1"]  # 2019 event first
    assert store.timeline("IRN", "RUS") == timeline


def test_stats_and_actors(store: Store) -> None:
    store.save_article(make_doc("doc1", text=DRONES_TEXT), drone_claims("doc1"))
    stats = store.stats()
    assert (stats.documents, stats.claims, stats.relations) == (1, 2, 2)
    assert stats.by_kind == {"support": 1, "transfer": 1}
    actors = {a.id: a for a in store.actors()}
    assert set(actors) == {"IRN", "RUS"}
    assert actors["RUS"].n_relations == 2 and actors["RUS"].is_state


def test_reopening_an_existing_store_keeps_its_data(store_url: str) -> None:
    with Store.open(store_url) as first:
        first.save_article(make_doc(text=DRONES_TEXT), drone_claims())
    with Store.open(store_url) as second:
        assert second.stats().claims == 2


def test_read_only_store_reads_but_refuses_writes(store_url: str) -> None:
    with Store.open(store_url) as writable:
        writable.save_article(make_doc(text=DRONES_TEXT), drone_claims())
    with Store.open(store_url, read_only=True) as read_only:
        assert read_only.stats().documents == 1
        with pytest.raises(StoreError):
            read_only.save_article(make_doc("doc2"), [])


def _open_and_count(url: str) -> int:
    with Store.open(url) as store:
        return store.stats().documents


def test_processes_opening_one_new_store_at_once_all_succeed(store_url: str) -> None:
    # Dask partitions and parallel ingests open the same empty database together:
    # only one may create the schema, the others must wait and find it ready.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(6) as pool:
        counts = list(pool.map(_open_and_count, [store_url] * 12))
    assert counts == [0] * 12


# ---------------------------------------------------------------- SQLite specifics


def test_sqlite_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "x.db")) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_read_only_sqlite_of_a_missing_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        Store.open(str(tmp_path / "missing.db"), read_only=True)


def test_default_path_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ENTENTE_DB", str(tmp_path / "env.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("ENTENTE_DB")
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'entente.db'}"


def test_plain_postgresql_urls_use_psycopg_3() -> None:
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
