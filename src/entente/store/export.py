"""Exports of a whole store: claims as JSON Lines or CSV, the relation graph as GraphML.

Every function writes to an open text stream, so the CLI can point it at a file
or at stdout.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from typing import Any, TextIO

from entente.fuse import relation_id
from entente.model import Relation, StoredClaim
from entente.store.names import actor_name, is_state
from entente.store.repository import Store

CSV_COLUMNS: tuple[str, ...] = (
    "claim_id", "doc_id", "doc_date", "relation_id", "kind", "provider", "recipient",
    "item_text", "item_id", "item_category", "stage", "modality", "polarity",
    "source_text", "source_actor", "source_kind", "time_text", "time_start", "time_end",
    "time_anchor", "evidence_start", "evidence_end", "evidence_text",
)


def claim_record(stored: StoredClaim) -> dict[str, Any]:
    """A claim as the spec's JSON object, plus where it sits in the store."""
    record = stored.claim.to_dict()
    record["relation_id"] = relation_id(stored.claim)
    record["doc_date"] = stored.doc_date.isoformat()
    return record


def export_jsonl(store: Store, out: TextIO) -> int:
    """One claim a line; returns the number written."""
    n = 0
    for stored in store.iter_claims():
        out.write(json.dumps(claim_record(stored), ensure_ascii=False) + "\n")
        n += 1
    return n


def export_csv(store: Store, out: TextIO) -> int:
    """One claim a row, the spec's fields flattened (``item.text`` -> ``item_text``)."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for stored in store.iter_claims():
        c = stored.claim
        writer.writerow({
            "claim_id": stored.id,
            "doc_id": c.doc_id,
            "doc_date": stored.doc_date.isoformat(),
            "relation_id": relation_id(c),
            "kind": c.kind,
            "provider": c.provider,
            "recipient": c.recipient,
            "item_text": c.item.text if c.item else "",
            "item_id": (c.item.id or "") if c.item else "",
            "item_category": c.item.category if c.item else "",
            "stage": c.stage,
            "modality": c.modality,
            "polarity": c.polarity,
            "source_text": (c.source.text or "") if c.source else "",
            "source_actor": (c.source.actor or "") if c.source else "",
            "source_kind": c.source.kind if c.source else "",
            "time_text": (c.time.text or "") if c.time else "",
            "time_start": c.time.start.isoformat() if c.time and c.time.start else "",
            "time_end": c.time.end.isoformat() if c.time and c.time.end else "",
            "time_anchor": c.time.anchor if c.time else "",
            "evidence_start": c.evidence.start,
            "evidence_end": c.evidence.end,
            "evidence_text": c.evidence.text,
        })
        n += 1
    return n


_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("label", "string"), ("is_state", "boolean"))
_EDGE_KEYS = (
    ("item", "string"), ("category", "string"), ("kinds", "string"), ("status", "string"),
    ("strongest", "string"), ("first_seen", "string"), ("last_seen", "string"),
    ("n_claims", "int"), ("n_articles", "int"), ("n_sources", "int"),
)


def export_graphml(store: Store, out: TextIO) -> int:
    """Actors as nodes (with a label), relations as directed edges; returns the edge count.

    Plain GraphML 1.0, read by Gephi, yEd and ``networkx.read_graphml``.
    """
    ET.register_namespace("", _GRAPHML_NS)
    root = ET.Element(f"{{{_GRAPHML_NS}}}graphml")
    for name, kind in _NODE_KEYS:
        ET.SubElement(root, f"{{{_GRAPHML_NS}}}key", id=f"n_{name}", attrib={
            "for": "node", "attr.name": name, "attr.type": kind})
    for name, kind in _EDGE_KEYS:
        ET.SubElement(root, f"{{{_GRAPHML_NS}}}key", id=f"e_{name}", attrib={
            "for": "edge", "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, f"{{{_GRAPHML_NS}}}graph", id="entente", edgedefault="directed")

    all_relations = store.relations()
    known = {a.id: a for a in store.actors()}
    for actor in sorted({r.provider for r in all_relations} | {r.recipient for r in all_relations}):
        node = ET.SubElement(graph, f"{{{_GRAPHML_NS}}}node", id=actor)
        summary = known.get(actor)
        _data(node, "n_label", summary.name if summary else actor_name(actor))
        _data(node, "n_is_state", "true" if (summary.is_state if summary else is_state(actor)) else "false")
    for r in all_relations:
        edge = ET.SubElement(graph, f"{{{_GRAPHML_NS}}}edge", id=r.id, source=r.provider, target=r.recipient)
        values: dict[str, object] = {
            "item": r.item_label, "category": r.category or "", "kinds": ",".join(r.kinds),
            "status": r.status, "strongest": r.strongest,
            "first_seen": r.first_seen.isoformat() if r.first_seen else "",
            "last_seen": r.last_seen.isoformat() if r.last_seen else "",
            "n_claims": r.n_claims, "n_articles": r.n_articles, "n_sources": r.n_sources,
        }
        for name, value in values.items():
            _data(edge, f"e_{name}", str(value))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
    return len(all_relations)


def _data(parent: ET.Element, key: str, value: str) -> None:
    ET.SubElement(parent, f"{{{_GRAPHML_NS}}}data", key=key).text = value


def relation_record(relation: Relation) -> dict[str, Any]:
    """A relation as a JSON object (without its timeline), dates as ISO strings."""
    record: dict[str, Any] = {
        "id": relation.id,
        "provider": relation.provider,
        "recipient": relation.recipient,
        "item_key": relation.item_key,
        "item_label": relation.item_label,
        "category": relation.category,
        "kinds": list(relation.kinds),
        "status": relation.status,
        "strongest": relation.strongest,
    }
    for name in ("first_seen", "last_seen", "event_start", "event_end"):
        value = getattr(relation, name)
        record[name] = value.isoformat() if value else None
    record.update(n_articles=relation.n_articles, n_sources=relation.n_sources, n_claims=relation.n_claims)
    return record
