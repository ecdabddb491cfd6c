"""Exports on SQLite and PostgreSQL: JSONL and CSV one claim each, GraphML that graph tools read."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import xml.etree.ElementTree as ET

import pytest
from conftest import make_claim, make_doc

from entente.store import Store, export_csv, export_graphml, export_jsonl
from entente.store.export import CSV_COLUMNS

NS = "{http://graphml.graphdrawing.org/xmlns}"
TEXT = "Iran has supplied Shahed-136 drones to Russia, and the two are building a factory together."


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_article(make_doc("doc1", TEXT, source="Wire"), [
        make_claim("doc1", evidence=TEXT),
        make_claim("doc1", kind="cooperation", provider="RUS", recipient="IRN", item=None, evidence=TEXT),
    ])
    store.save_article(make_doc("doc2", TEXT + " Again.", source="Post"), [make_claim("doc2", evidence=TEXT)])
    return store


def test_jsonl_export_is_one_spec_claim_a_line(filled: Store) -> None:
    out = io.StringIO()
    assert export_jsonl(filled, out) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["doc_id"] for r in records} == {"doc1", "doc2"}
    assert all(r["evidence"]["text"] == TEXT and r["relation_id"] for r in records)


def test_csv_export_flattens_every_field(filled: Store) -> None:
    out = io.StringIO()
    assert export_csv(filled, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    cooperation = next(r for r in rows if r["kind"] == "cooperation")
    assert cooperation["item_category"] == "" and cooperation["provider"] == "RUS"


def test_graphml_has_actors_as_nodes_and_relations_as_edges(filled: Store) -> None:
    out = io.StringIO()
    assert export_graphml(filled, out) == 2
    root = ET.fromstring(out.getvalue())
    nodes = {n.get("id") for n in root.iter(f"{NS}node")}
    assert nodes == {"IRN", "RUS"}
    edges = [
        {"source": e.get("source"), "target": e.get("target"), **{d.get("key"): d.text for d in e}}
        for e in root.iter(f"{NS}edge")
    ]
    drones = next(e for e in edges if e["e_item"] == "shahed-136")
    assert drones["e_status"] == "confirmed" and drones["e_n_articles"] == "2" and drones["e_n_sources"] == "2"
    cooperation = next(e for e in edges if e["e_item"] == "cooperation")
    assert (cooperation["source"], cooperation["target"]) == ("IRN", "RUS")  # partners in alphabetical order


def test_graphml_reads_in_networkx(filled: Store) -> None:
    if importlib.util.find_spec("networkx") is None:
        pytest.skip("networkx is not installed (optional)")
    import networkx as nx

    out = io.StringIO()
    export_graphml(filled, out)
    graph = nx.read_graphml(io.StringIO(out.getvalue()))
    assert graph.nodes["RUS"]["label"] and graph.number_of_edges() == 2
    assert {d["n_claims"] for _, _, d in graph.edges(data=True)} == {2, 1}
