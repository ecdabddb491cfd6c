"""The JSON shapes of the API: relations, their claims, documents.

A claim is exactly ``Claim.to_dict`` (the contract of ``spec/claims.md``)
wrapped with where it was stored and read; actors carry their display names so
a client needs no gazetteer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from entente.model import Document, Relation, StoredClaim
from entente.store.names import actor_name


def relation_summary(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "url": f"/relations/{relation.id}",
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
        "first_seen": _iso(relation.first_seen),
        "last_seen": _iso(relation.last_seen),
        "event_start": _iso(relation.event_start),
        "event_end": _iso(relation.event_end),
        "n_articles": relation.n_articles,
        "n_sources": relation.n_sources,
        "n_reprints": relation.n_reprints,
        "n_claims": relation.n_claims,
    }


def relation_detail(relation: Relation) -> dict[str, Any]:
    out = relation_summary(relation)
    out["claims"] = [stored_claim(c) for c in relation.timeline]
    return out


def stored_claim(stored: StoredClaim) -> dict[str, Any]:
    return {
        "id": stored.id,
        "document": {
            "id": stored.claim.doc_id,
            "url": f"/documents/{quote(stored.claim.doc_id, safe='')}#claim-{stored.id}",
            "date": stored.doc_date.isoformat(),
            "title": stored.doc_title,
            "article_url": stored.doc_url,
            "reprint_of": stored.reprint_of,
        },
        "claim": stored.claim.to_dict(),
    }


def document(doc: Document, claims: list[StoredClaim]) -> dict[str, Any]:
    return {
        "id": doc.id,
        "date": doc.date.isoformat(),
        "date_assumed": doc.date_assumed,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "text": doc.text,
        "claims": [stored_claim(c) for c in claims],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
