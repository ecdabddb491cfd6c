"""Model objects <-> table rows: the only place that knows the flattened column names."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import RowMapping

from entente.fuse import relation_id
from entente.model import (
    Claim,
    Document,
    Evidence,
    Item,
    Quantity,
    Relation,
    Source,
    StoredClaim,
    TimeSpan,
    Value,
)
from entente.store.portable import origin_key, portable_origin


def kinds_from_column(value: str) -> tuple[str, ...]:
    """``relations.kinds``: a JSON array (since v0003), or the comma-joined text of older rows."""
    if value.startswith("["):
        return tuple(json.loads(value))
    return tuple(k for k in value.split(",") if k)


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "date": doc.date,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "origin": portable_origin(doc.origin),
        "origin_key": origin_key(doc.origin),
        "content_hash": doc.content_hash,
        "body": doc.text,
        "date_assumed": doc.date_assumed,
        "ingested_at": dt.datetime.now(dt.UTC),
    }


def document_from_row(row: RowMapping) -> Document:
    return Document(
        id=row["id"],
        date=row["date"],
        text=row["body"],
        title=row["title"],
        url=row["url"],
        source=row["source"],
        date_assumed=bool(row["date_assumed"]),
        origin=row["origin"],
    )


def claim_row(claim: Claim, doc_id: str) -> dict[str, Any]:
    item, source, time, ev = claim.item, claim.source, claim.time, claim.evidence
    return {
        "doc_id": doc_id,
        "kind": claim.kind,
        "provider": claim.provider,
        "recipient": claim.recipient,
        "item_text": item.text if item else None,
        "item_id": item.id if item else None,
        "item_category": item.category if item else None,
        "stage": claim.stage,
        "modality": claim.modality,
        "polarity": claim.polarity,
        "source_text": source.text if source else None,
        "source_actor": source.actor if source else None,
        "source_kind": source.kind if source else None,
        "time_text": time.text if time else None,
        "time_start": time.start if time else None,
        "time_end": time.end if time else None,
        "time_anchor": time.anchor if time else None,
        "evidence_start": ev.start,
        "evidence_end": ev.end,
        "evidence_text": ev.text,
        "trace": json.dumps(claim.trace, ensure_ascii=False, sort_keys=True) if claim.trace else None,
        "relation_id": relation_id(claim),
        "quantity_text": claim.quantity.text if claim.quantity else None,
        "quantity_value": claim.quantity.value if claim.quantity else None,
        "quantity_approximate": claim.quantity.approximate if claim.quantity else None,
        "value_text": claim.value.text if claim.value else None,
        "value_amount": claim.value.amount if claim.value else None,
        "value_currency": claim.value.currency if claim.value else None,
    }


def claim_from_row(row: RowMapping) -> Claim:
    has_time = row["time_anchor"] is not None
    return Claim(
        doc_id=row["doc_id"],
        kind=row["kind"],
        provider=row["provider"],
        recipient=row["recipient"],
        item=(
            Item(row["item_text"], row["item_id"], row["item_category"])
            if row["item_category"] is not None
            else None
        ),
        stage=row["stage"],
        modality=row["modality"],
        polarity=row["polarity"],
        source=(
            Source(row["source_text"], row["source_actor"], row["source_kind"])
            if row["source_kind"] is not None
            else None
        ),
        time=(
            TimeSpan(row["time_text"], row["time_start"], row["time_end"], row["time_anchor"])
            if has_time
            else None
        ),
        evidence=Evidence(row["evidence_start"], row["evidence_end"], row["evidence_text"]),
        trace=json.loads(row["trace"]) if row["trace"] else {},
        quantity=(
            Quantity(row["quantity_value"], row["quantity_text"], bool(row["quantity_approximate"]))
            if row.get("quantity_text") is not None
            else None
        ),
        value=(
            Value(row["value_amount"], row["value_currency"], row["value_text"])
            if row.get("value_text") is not None
            else None
        ),
    )


def stored_from_row(row: RowMapping) -> StoredClaim:
    """A claim row joined with its document's ``doc_date``, ``doc_title``, ``doc_url``,
    ``doc_source`` and ``doc_reprint_of``."""
    return StoredClaim(
        id=row["id"],
        claim=claim_from_row(row),
        doc_date=row["doc_date"],
        doc_title=row["doc_title"],
        doc_url=row["doc_url"],
        doc_source=row["doc_source"],
        reprint_of=row.get("doc_reprint_of"),
    )


def relation_row(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "provider": relation.provider,
        "recipient": relation.recipient,
        "item_key": relation.item_key,
        "item_label": relation.item_label,
        "category": relation.category,
        "kinds": json.dumps(sorted(relation.kinds)),
        "status": relation.status,
        "strongest": relation.strongest,
        "first_seen": relation.first_seen,
        "last_seen": relation.last_seen,
        "event_start": relation.event_start,
        "event_end": relation.event_end,
        "n_articles": relation.n_articles,
        "n_sources": relation.n_sources,
        "n_claims": relation.n_claims,
        "n_reprints": relation.n_reprints,
    }


def relation_from_row(row: RowMapping) -> Relation:
    return Relation(
        id=row["id"],
        provider=row["provider"],
        recipient=row["recipient"],
        item_key=row["item_key"],
        item_label=row["item_label"],
        category=row["category"],
        kinds=kinds_from_column(row["kinds"]),
        status=row["status"],
        strongest=row["strongest"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        event_start=row["event_start"],
        event_end=row["event_end"],
        n_articles=row["n_articles"],
        n_sources=row["n_sources"],
        n_claims=row["n_claims"],
        n_reprints=row.get("n_reprints") or 0,
    )
