"""Relations re-fused from their stored claims: what fusion reads, and writing only what changed.

:func:`entente.fuse.fuse_one` looks at a claim's kind, sides, item id and
category, stage, modality, polarity, source, time span and evidence sentence,
and at its article's date, outlet and first copy. The refresh reads only those
columns (no trace JSON, quantities, values, titles or offsets), so re-fusing a
relation of thousands of claims reads one narrow row per claim; and a relation
whose fused row is what the table holds already is not written again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from entente.fuse import fuse_one
from entente.model import Claim, Evidence, Item, Source, StoredClaim, TimeSpan
from entente.store import rows
from entente.store.schema import claims, documents, relation_kinds, relations

FUSION_SELECT = sa.select(
    claims.c.id,
    claims.c.relation_id,
    claims.c.doc_id,
    claims.c.kind,
    claims.c.provider,
    claims.c.recipient,
    claims.c.item_id,
    claims.c.item_category,
    claims.c.stage,
    claims.c.modality,
    claims.c.polarity,
    claims.c.source_text,
    claims.c.source_actor,
    claims.c.source_kind,
    claims.c.time_start,
    claims.c.time_end,
    claims.c.evidence_text,
    documents.c.date.label("doc_date"),
    documents.c.source.label("doc_source"),
    documents.c.reprint_of.label("doc_reprint_of"),
).join(documents, claims.c.doc_id == documents.c.id)


def fusion_claim(row: Any) -> StoredClaim:
    """A :data:`FUSION_SELECT` row as the stored claim fusion sees: what it does not read is left empty."""
    (claim_id, _relation, doc_id, kind, provider, recipient, item_id, item_category, stage, modality,
     polarity, source_text, source_actor, source_kind, time_start, time_end, evidence_text,
     doc_date, doc_source, reprint_of) = row
    return StoredClaim(
        id=claim_id,
        claim=Claim(
            doc_id=doc_id,
            kind=kind,
            provider=provider,
            recipient=recipient,
            item=Item("", item_id, item_category) if item_category is not None else None,
            stage=stage,
            modality=modality,
            polarity=polarity,
            source=Source(source_text, source_actor, source_kind) if source_kind is not None else None,
            # fusion reads only the bounds: a span without either is the same to it as none
            time=TimeSpan(None, time_start, time_end) if time_start or time_end else None,
            evidence=Evidence(0, 0, evidence_text),
        ),
        doc_date=doc_date,
        doc_source=doc_source,
        reprint_of=reprint_of,
    )


@dataclass
class RefreshCounts:
    """What a refresh did to the relations it was given."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0

    def __iadd__(self, other: RefreshCounts) -> RefreshCounts:
        self.added += other.added
        self.changed += other.changed
        self.removed += other.removed
        self.unchanged += other.unchanged
        return self


def refresh_relations(conn: sa.Connection, relation_ids: Iterable[str]) -> RefreshCounts:
    """Re-fuse the relations ``relation_ids`` from the claims stored now, in ``conn``'s transaction.

    A relation left without claims is removed. On PostgreSQL the relations are
    locked first (advisory, in sorted order: no deadlock), so concurrent writers
    refresh one relation in turn and the last to commit fuses everyone's claims.
    """
    ids = sorted(set(relation_ids))
    if not ids:
        return RefreshCounts()
    if conn.dialect.name == "postgresql":
        for rid in ids:
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(rid))))
    grouped: dict[str, list[StoredClaim]] = defaultdict(list)
    for row in conn.execute(FUSION_SELECT.where(claims.c.relation_id.in_(ids))):
        grouped[row.relation_id].append(fusion_claim(row))
    fused = {rid: rows.relation_row(fuse_one(group)) for rid, group in grouped.items()}
    stored = {r["id"]: dict(r) for r in conn.execute(sa.select(relations).where(relations.c.id.in_(ids))).mappings()}
    kinds: dict[str, set[str]] = defaultdict(set)
    for rid, kind in conn.execute(
        sa.select(relation_kinds.c.relation_id, relation_kinds.c.kind).where(relation_kinds.c.relation_id.in_(ids))
    ):
        kinds[rid].add(kind)
    return _write(conn, fused, stored, kinds)


def _write(
    conn: sa.Connection,
    fused: dict[str, dict[str, Any]],
    stored: Mapping[str, dict[str, Any]],
    stored_kinds: Mapping[str, set[str]],
) -> RefreshCounts:
    gone = [rid for rid in stored if rid not in fused]
    new = [row for rid, row in fused.items() if rid not in stored]
    changed = [
        row for rid, row in fused.items()
        if rid in stored and (stored[rid] != row or stored_kinds.get(rid, set()) != set(rows.kinds_from_column(row["kinds"])))
    ]
    rewritten = gone + [row["id"] for row in changed]
    if rewritten:
        conn.execute(sa.delete(relation_kinds).where(relation_kinds.c.relation_id.in_(rewritten)))
        conn.execute(sa.delete(relations).where(relations.c.id.in_(rewritten)))
    written = new + changed
    if written:
        conn.execute(sa.insert(relations), written)
        conn.execute(sa.insert(relation_kinds), [
            {"relation_id": row["id"], "kind": kind} for row in written for kind in rows.kinds_from_column(row["kinds"])
        ])
    return RefreshCounts(
        added=len(new), changed=len(changed), removed=len(gone),
        unchanged=len(fused) - len(new) - len(changed),
    )
