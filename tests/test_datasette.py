"""The store read by Datasette itself: codes link to their rows, text is searchable, names sit beside codes."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import make_claim, make_doc

from entente.store import Store
from entente.store.datasette import metadata_path

TEXT = "Iran has supplied Shahed-136 drones to Russia, the foreign minister said in Tehran."
S400 = "Moscow turned down a request from Tehran for the S-400 air defence system."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("datasette") / "entente.db"
    article = tmp_path_factory.mktemp("articles") / "drones.txt"
    with Store.open(str(path)) as store:
        store.save_article(make_doc("drones", TEXT, title="Drones for Moscow", origin=str(article)), [
            make_claim("drones", evidence=TEXT, source=("the foreign minister", "IRN", "party"))])
        store.save_article(make_doc("s400", S400), [
            make_claim("s400", kind="transfer", provider="RUS", recipient="IRN", stage="refused",
                       item=("the S-400 air defence system", "s-400", "air_defence"), evidence=S400),
            make_claim("s400", kind="training", provider="RUS", recipient="IRN", stage="refused",
                       item=("the S-400 air defence system", "s-400", "air_defence"), evidence=S400, start=1)])
    return path


def _get(db: Path, path: str) -> Any:
    from datasette.app import Datasette

    async def fetch() -> Any:
        ds = Datasette([str(db)], metadata=json.loads(metadata_path(db).read_text()))
        response = await ds.client.get(path)
        assert response.status_code == 200, (path, response.text[:500])
        return response.json()

    return asyncio.run(fetch())


def test_a_claims_provider_links_to_its_actor_with_the_name(db: Path) -> None:
    data = _get(db, "/entente/claims.json?_labels=on&_shape=objects&doc_id=drones")
    (row,) = data["rows"]
    assert row["provider"] == {"value": "IRN", "label": "Iran"}
    assert row["recipient"]["label"] == "Russia"
    assert row["relation_id"]["value"]  # a link to the relation row


def test_full_text_search_finds_a_sentence(db: Path) -> None:
    data = _get(db, "/entente/claims.json?_search=Shahed&_shape=objects")
    assert [r["doc_id"] for r in data["rows"]] == ["drones"]
    docs = _get(db, "/entente/documents.json?_search=request&_shape=objects")
    assert [r["id"] for r in docs["rows"]] == ["s400"]


def test_views_carry_names_and_kinds_are_rows(db: Path) -> None:
    named = _get(db, "/entente/relations_named.json?_shape=objects&provider=RUS")
    (relation,) = named["rows"]
    assert (relation["provider_name"], relation["recipient_name"]) == ("Russia", "Iran")
    assert json.loads(relation["kinds"]) == ["training", "transfer"]
    kinds = _get(db, f"/entente/relation_kinds.json?_shape=objects&relation_id={relation['id']}")
    assert sorted(r["kind"] for r in kinds["rows"]) == ["training", "transfer"]
    claims = _get(db, "/entente/claims_named.json?_shape=objects&doc_id=drones")
    assert claims["rows"][0]["doc_title"] == "Drones for Moscow"


def test_items_and_actors_hold_the_whole_catalogue_and_gazetteer(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        n_items = conn.execute("select count(*) from items").fetchone()[0]
        n_actors = conn.execute("select count(*) from actors").fetchone()[0]
        s400 = conn.execute("select designation, category from items where id = 's-400'").fetchone()
    assert n_items > 500 and n_actors > 250
    assert s400 == ("S-400", "air_defence")


def test_no_local_path_is_stored(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        (origin, key) = conn.execute("select origin, origin_key from documents where id = 'drones'").fetchone()
    assert origin == "drones.txt" and key and "/" not in key


def test_metadata_json_describes_the_tables_from_the_spec(db: Path) -> None:
    meta = json.loads(metadata_path(db).read_text())
    claims = meta["databases"]["entente"]["tables"]["claims"]
    assert "requested, offered, agreed" in claims["columns"]["stage"]
    assert "contested: a party admits it" in meta["databases"]["entente"]["tables"]["relations"]["columns"]["status"]


def test_the_migration_goes_down_and_up_again_with_the_data(tmp_path: Path) -> None:
    from alembic import command

    from entente.store import engine as engines

    path = tmp_path / "migrated.db"
    with Store.open(str(path)) as store:
        store.save_article(make_doc("drones", TEXT), [make_claim("drones", evidence=TEXT)])
    engine = engines.create_engine(f"sqlite:///{path}", read_only=False)
    config = engines.alembic_config()
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "v0002_analysts")
        conn.commit()
        kinds = conn.exec_driver_sql("select kinds from relations").scalar_one()
        tables = set(conn.exec_driver_sql("select name from sqlite_master").scalars())
    engine.dispose()
    assert kinds == "transfer" and "claims_fts" not in tables and "relation_kinds" not in tables
    with Store.open(str(path)) as store:  # up again
        (relation,) = store.relations()
        assert relation.kinds == ("transfer",) and store.stats().claims == 1
