"""Exports of a whole store: claims as JSON Lines or CSV, the relation graph as GraphML.

Every function writes to an open text stream, so the CLI can point it at a file
or at stdout.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from itertools import groupby
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from entente.fuse import relation_id
from entente.fuse.pairs import pairs, shared_pair_relations
from entente.model import Relation, StoredClaim
from entente.store.names import actor_name, is_state
from entente.store.repository import Store

CSV_COLUMNS: tuple[str, ...] = (
    "claim_id", "doc_id", "doc_date", "doc_title", "doc_url", "doc_outlet", "relation_id", "kind",
    "provider", "provider_name", "recipient", "recipient_name",
    "item_text", "item_id", "item_category", "stage", "modality", "polarity",
    "source_text", "source_actor", "source_kind", "time_text", "time_start", "time_end",
    "time_anchor", "evidence_start", "evidence_end", "evidence_text",
    "quantity_text", "quantity_value", "quantity_approximate", "value_text", "value_amount", "value_currency",
    "reprint_of",
)

RELATION_COLUMNS: tuple[str, ...] = (
    "id", "provider", "provider_name", "recipient", "recipient_name", "item_key", "item_label",
    "category", "kinds", "status", "strongest", "first_seen", "last_seen", "event_start", "event_end",
    "n_articles", "n_sources", "n_reprints", "n_claims",
)


def claim_record(stored: StoredClaim) -> dict[str, Any]:
    """A claim as the spec's JSON object, plus where it sits in the store and the actors' names."""
    record = stored.claim.to_dict()
    record["relation_id"] = relation_id(stored.claim)
    record["doc_date"] = stored.doc_date.isoformat()
    record["doc_title"] = stored.doc_title
    record["doc_url"] = stored.doc_url
    record["doc_outlet"] = stored.doc_source
    record["provider_name"] = actor_name(stored.claim.provider)
    record["recipient_name"] = actor_name(stored.claim.recipient)
    record["reprint_of"] = stored.reprint_of
    return record


def claim_row(stored: StoredClaim) -> dict[str, Any]:
    """A claim as one CSV row of :data:`CSV_COLUMNS`: the spec's fields flattened, names beside ids."""
    c = stored.claim
    return {
        "claim_id": stored.id,
        "doc_id": c.doc_id,
        "doc_date": stored.doc_date.isoformat(),
        "doc_title": stored.doc_title or "",
        "doc_url": stored.doc_url or "",
        "doc_outlet": stored.doc_source or "",
        "relation_id": relation_id(c),
        "kind": c.kind,
        "provider": c.provider,
        "provider_name": actor_name(c.provider),
        "recipient": c.recipient,
        "recipient_name": actor_name(c.recipient),
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
        "quantity_text": c.quantity.text if c.quantity else "",
        "quantity_value": "" if c.quantity is None or c.quantity.value is None else c.quantity.value,
        "quantity_approximate": ("true" if c.quantity.approximate else "false") if c.quantity else "",
        "value_text": c.value.text if c.value else "",
        "value_amount": "" if c.value is None or c.value.amount is None else c.value.amount,
        "value_currency": c.value.currency if c.value else "",
        "reprint_of": stored.reprint_of or "",
    }


def write_claims_csv(claims: Iterable[StoredClaim], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for stored in claims:
        writer.writerow(claim_row(stored))
        n += 1
    return n


def export_jsonl(store: Store, out: TextIO) -> int:
    """One claim a line; returns the number written."""
    n = 0
    for stored in store.iter_claims():
        out.write(json.dumps(claim_record(stored), ensure_ascii=False) + "\n")
        n += 1
    return n


def export_csv(store: Store, out: TextIO) -> int:
    """One claim a row (:data:`CSV_COLUMNS`), with names, the article's title, URL and outlet."""
    return write_claims_csv(store.iter_claims(), out)


def export_relations_jsonl(store: Store, out: TextIO) -> int:
    """One relation a line (:func:`relation_record`); returns the number written."""
    found = store.relations()
    for relation in found:
        out.write(json.dumps(relation_record(relation), ensure_ascii=False) + "\n")
    return len(found)


def export_relations_csv(store: Store, out: TextIO) -> int:
    """One relation a row (:data:`RELATION_COLUMNS`); kinds joined with ``;``."""
    found = store.relations()
    writer = csv.DictWriter(out, fieldnames=RELATION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for relation in found:
        record = relation_record(relation)
        record["kinds"] = ";".join(record["kinds"])
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return len(found)


_GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("label", "string"), ("is_state", "boolean"), ("degree", "int"))
_EDGE_KEYS = (
    ("label", "string"), ("weight", "double"), ("status", "string"), ("statuses", "string"),
    ("items", "string"), ("relation_ids", "string"), ("start", "string"), ("end", "string"),
    ("event_start", "string"), ("event_end", "string"),
    ("n_relations", "int"), ("n_claims", "int"), ("n_articles", "int"), ("n_sources", "int"),
)


def export_graphml(store: Store, out: TextIO) -> int:
    """Actors as nodes, one directed edge per ordered pair of actors; returns the edge count.

    An edge carries every relation of its pair as attributes (``items``,
    ``statuses``, ``relation_ids``), so Gephi, which merges parallel edges,
    loses nothing. ``weight`` is the pair's distinct sources, ``label`` its
    best-attested items, ``start``/``end`` the first and last article dates
    (ISO dates: Gephi reads them as the edge's interval for its timeline).
    Plain GraphML 1.0, read by Gephi, yEd and ``networkx.read_graphml``.

    Written as it is read: the nodes (from one pass over the relations), then
    the edges a pair at a time, by provider and recipient, each pair reading
    the claims of its relations only when it holds several (see
    :func:`~entente.fuse.pairs.pairs`). Memory holds one pair, not the store.
    """
    degree: Counter[str] = Counter()
    for provider, recipient in {(r.provider, r.recipient) for r in store.iter_relations()}:
        degree[provider] += 1
        degree[recipient] += 1
    known = {a.id: a for a in store.actors()}
    out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="{_GRAPHML_NS}">\n')
    for scope, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            out.write(f'  <key id="{scope[0]}_{name}" for="{scope}" attr.name="{name}" attr.type="{kind}" />\n')
    out.write('  <graph id="entente" edgedefault="directed">\n')
    for actor in sorted(degree):
        summary = known.get(actor)
        _element(out, "node", {"id": actor}, {
            "n_label": summary.name if summary else actor_name(actor),
            "n_is_state": "true" if (summary.is_state if summary else is_state(actor)) else "false",
            "n_degree": str(degree[actor]),
        })
    n = 0
    for _, group in groupby(store.iter_relations(order="pair"), key=lambda r: (r.provider, r.recipient)):
        found = list(group)
        (p,) = pairs(found, store.iter_claims(relation_ids=shared_pair_relations(found)))
        values: dict[str, object] = {
            "label": p.label, "weight": float(p.n_sources), "status": p.status,
            "statuses": "; ".join(f"{status} {n}" for status, n in p.by_status.items()),
            "items": "; ".join(p.items),
            "relation_ids": "; ".join(r.id for r in p.relations),
            "start": _iso(p.first_seen), "end": _iso(p.last_seen),
            "event_start": _iso(p.event_start), "event_end": _iso(p.event_end),
            "n_relations": len(p.relations), "n_claims": p.n_claims,
            "n_articles": p.n_articles, "n_sources": p.n_sources,
        }
        _element(out, "edge", {"id": f"{p.provider}->{p.recipient}", "source": p.provider, "target": p.recipient},
                 {f"e_{name}": str(value) for name, value in values.items()})
        n += 1
    out.write("  </graph>\n</graphml>\n")
    return n


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _element(out: TextIO, tag: str, attributes: dict[str, str], data: dict[str, str]) -> None:
    """One node or edge with its ``<data>`` children, escaped, on its own lines."""
    attrs = " ".join(f"{name}={quoteattr(value)}" for name, value in attributes.items())
    out.write(f"    <{tag} {attrs}>\n")
    for key, value in data.items():
        out.write(f'      <data key="{key}">{escape(value)}</data>\n')
    out.write(f"    </{tag}>\n")


def relation_record(relation: Relation) -> dict[str, Any]:
    """A relation as a JSON object (without its timeline), dates as ISO strings."""
    record: dict[str, Any] = {
        "id": relation.id,
        "provider": relation.provider,
        "provider_name": actor_name(relation.provider),
        "recipient": relation.recipient,
        "recipient_name": actor_name(relation.recipient),
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
    record.update(
        n_articles=relation.n_articles, n_sources=relation.n_sources,
        n_reprints=relation.n_reprints, n_claims=relation.n_claims,
    )
    return record
