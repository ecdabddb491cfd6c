"""Exports on SQLite and PostgreSQL: JSONL and CSV one claim each, GraphML that graph tools read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import make_claim, make_doc

from entente.store import Store, export_csv, export_graphml, export_jsonl
from entente.store.export import (
    CSV_COLUMNS,
    RELATION_COLUMNS,
    export_relations_csv,
    export_relations_jsonl,
)

NS = "{http://graphml.graphdrawing.org/xmlns}"
TEXT = "Iran has supplied Shahed-136 drones to Russia, and the two are building a factory together."
OTHER = "Russia has received Shahed-136 drones from Iran, the Post has learned."  # its own story, not a reprint


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_article(make_doc("doc1", TEXT, source="Wire"), [
        make_claim("doc1", evidence=TEXT),
        make_claim("doc1", kind="cooperation", provider="RUS", recipient="IRN", item=None, evidence=TEXT),
    ])
    store.save_article(make_doc("doc2", OTHER, source="Post", title="Title of doc2",
                                url="https://example.org/doc2", date=dt.date(2022, 11, 20)),
                       [make_claim("doc2", evidence=OTHER)])
    return store


def test_jsonl_export_is_one_spec_claim_a_line(filled: Store) -> None:
    out = io.StringIO()
    assert export_jsonl(filled, out) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["doc_id"] for r in records} == {"doc1", "doc2"}
    assert all(r["evidence"]["text"] in (TEXT, OTHER) and r["relation_id"] for r in records)


def test_csv_export_flattens_every_field(filled: Store) -> None:
    out = io.StringIO()
    assert export_csv(filled, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    cooperation = next(r for r in rows if r["kind"] == "cooperation")
    assert cooperation["item_category"] == "" and cooperation["provider"] == "RUS"


def test_csv_export_names_the_actors_and_the_article(filled: Store) -> None:
    out = io.StringIO()
    export_csv(filled, out)
    row = next(r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["doc_id"] == "doc2")
    assert (row["provider"], row["provider_name"], row["recipient_name"]) == ("IRN", "Iran", "Russia")
    assert row["doc_outlet"] == "Post" and row["doc_title"] == "Title of doc2"
    assert row["doc_url"] == "https://example.org/doc2"


def test_relations_csv_is_one_relation_a_row_with_names(filled: Store) -> None:
    out = io.StringIO()
    assert export_relations_csv(filled, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == RELATION_COLUMNS
    drones = next(r for r in rows if r["item_key"] == "shahed-136")
    assert (drones["provider_name"], drones["recipient_name"], drones["n_articles"]) == ("Iran", "Russia", "2")
    assert drones["kinds"] == "transfer"


def test_relations_jsonl_keeps_kinds_as_a_list(filled: Store) -> None:
    out = io.StringIO()
    assert export_relations_jsonl(filled, out) == 2
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["provider_name"] for r in records} == {"Iran"}
    assert all(isinstance(r["kinds"], list) for r in records)


def _edges(xml: str) -> list[dict[str, str | None]]:
    root = ET.fromstring(xml)
    return [
        {"source": e.get("source"), "target": e.get("target"), **{d.get("key"): d.text for d in e}}
        for e in root.iter(f"{NS}edge")
    ]


def test_graphml_has_one_edge_per_ordered_pair_with_its_items_as_attributes(filled: Store) -> None:
    out = io.StringIO()
    assert export_graphml(filled, out) == 1  # drones and cooperation, both IRN -> RUS: one edge
    root = ET.fromstring(out.getvalue())
    assert {n.get("id") for n in root.iter(f"{NS}node")} == {"IRN", "RUS"}
    (edge,) = _edges(out.getvalue())
    assert (edge["source"], edge["target"]) == ("IRN", "RUS")
    assert edge["e_items"] == "shahed-136; cooperation"  # most claims first
    assert edge["e_status"] == "confirmed" and edge["e_statuses"] == "confirmed 1; reported 1"
    assert edge["e_label"] == "shahed-136, cooperation"
    # two outlets: Wire and Post; both claims of doc1 are the one voice of Wire
    assert edge["e_weight"] == "2.0" and edge["e_n_claims"] == "3" and edge["e_n_articles"] == "2"
    assert (edge["e_start"], edge["e_end"]) == ("2022-11-01", "2022-11-20")


def test_graphml_edges_of_opposite_directions_stay_apart(store: Store) -> None:
    store.save_article(make_doc("a", TEXT), [make_claim("a", evidence=TEXT)])
    store.save_article(make_doc("b", TEXT + " B."), [
        make_claim("b", provider="RUS", recipient="IRN", item=("S-400", "s-400", "air_defence"), evidence=TEXT),
    ])
    out = io.StringIO()
    assert export_graphml(store, out) == 2
    assert {(e["source"], e["target"]) for e in _edges(out.getvalue())} == {("IRN", "RUS"), ("RUS", "IRN")}


def test_graphml_reads_in_networkx_with_weights_and_a_timeline(filled: Store) -> None:
    import networkx as nx

    out = io.StringIO()
    export_graphml(filled, out)
    graph = nx.read_graphml(io.StringIO(out.getvalue()))
    assert isinstance(graph, nx.DiGraph) and not isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["RUS"]["label"] == "Russia" and graph.nodes["IRN"]["degree"] == 1
    (data,) = [d for _, _, d in graph.edges(data=True)]
    assert data["weight"] == 2.0 and data["n_claims"] == 3
    assert data["start"] <= data["end"] and data["label"]
