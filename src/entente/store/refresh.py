"""Relations re-fused from their stored claims: what fusion reads, and writing only what changed.

:func:`entente.fuse.fuse_one` looks at a claim's kind, sides, item id and
category, stage, modality, polarity, source, time span and evidence sentence,
and at its article's date, outlet and first copy. The refresh reads only those
columns (no trace JSON, quantities, values, titles or offsets), so re-fusing a
relation of thousands of claims reads one narrow row per claim; and a relation
whose fused row is what the table holds already is not written again.

A save does not re-read a relation's claims when it only added some
(:func:`update_relations`): the relation's state (``relation_states``, see
:mod:`entente.fuse.state`) takes the new claims, once its guard (the claim
count and largest id it has seen, plus the new ones) matches the claims table.
Any other change (claims deleted, reprints promoted, no state, a state that
refuses) re-fuses from all the claims (:func:`refresh_relations`), which
writes the state too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from entente.fuse import fuse_one
from entente.fuse.state import RelationState
from entente.model import Claim, Evidence, Item, Source, StoredClaim, TimeSpan
from entente.store import rows
from entente.store.engine import dialect_insert
from entente.store.schema import claims, documents, relation_kinds, relation_states, relations

_IDS_PER_QUERY = 500  # ids bound in one IN (...): well under SQLite's and PostgreSQL's limits

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


def _lock(conn: sa.Connection, ids: Sequence[str]) -> None:
    """On PostgreSQL, the relations ``ids`` locked (advisory, in sorted order: no deadlock) till the commit."""
    if conn.dialect.name == "postgresql":
        for rid in ids:
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(rid))))


def refresh_relations(conn: sa.Connection, relation_ids: Iterable[str]) -> RefreshCounts:
    """Re-fuse the relations ``relation_ids`` from the claims stored now, in ``conn``'s transaction.

    A relation left without claims is removed. On PostgreSQL the relations are
    locked first (advisory, in sorted order: no deadlock), so concurrent writers
    refresh one relation in turn and the last to commit fuses everyone's claims.
    Each relation's state (:mod:`entente.fuse.state`) is written beside it.
    """
    ids = sorted(set(relation_ids))
    if not ids:
        return RefreshCounts()
    _lock(conn, ids)
    grouped: dict[str, list[StoredClaim]] = defaultdict(list)
    for row in conn.execute(FUSION_SELECT.where(claims.c.relation_id.in_(ids))):
        grouped[row.relation_id].append(fusion_claim(row))
    fused: dict[str, dict[str, Any]] = {}
    states: dict[str, RelationState | None] = {rid: None for rid in ids}
    for rid, group in grouped.items():
        group.sort(key=lambda s: s.id)  # fusion's ties (category, sentence groups) follow the claims' order
        fused[rid] = rows.relation_row(fuse_one(group))
        state = RelationState.from_claims(group)
        # kept only when it gives what fusing every claim gives (it always should: a bug here costs speed only)
        states[rid] = state if rows.relation_row(state.relation()) == fused[rid] else None
    counts = _write(conn, fused, *_stored(conn, ids))
    _write_states(conn, states)
    return counts


def update_relations(
    conn: sa.Connection, relation_ids: Iterable[str], new_docs: Collection[str], emptied: Collection[str],
) -> RefreshCounts:
    """The relations ``relation_ids`` a batch touched, updated in ``conn``'s transaction.

    ``new_docs``: the articles the batch saved (their claims are all it
    inserted); ``emptied``: the relations some of whose claims it deleted. A
    relation with new claims only and a state whose guard holds (its claim
    count and largest id, plus the new claims, are the claims table's) is
    updated from the state and its new claims; every other one, or one whose
    state refuses the claims, is re-fused from all its claims
    (:func:`refresh_relations`). Locked first on PostgreSQL, as there.
    """
    ids = sorted(set(relation_ids))
    if not ids:
        return RefreshCounts()
    _lock(conn, ids)
    candidates = sorted(set(ids) - set(emptied))
    new = _new_claims(conn, new_docs, candidates)
    fused: dict[str, dict[str, Any]] = {}
    updated: dict[str, RelationState | None] = {}
    if new:
        guards = {rid: (n, top) for rid, n, top in conn.execute(guard_select(sorted(new)))}
        for rid, n_claims, max_id, text in conn.execute(
            sa.select(relation_states.c.relation_id, relation_states.c.n_claims, relation_states.c.max_claim_id,
                      relation_states.c.state).where(relation_states.c.relation_id.in_(sorted(new)))
        ):
            state = RelationState.from_json(text)
            added = new[rid]
            if (
                state is None
                or (state.n_claims, state.last_id) != (n_claims, max_id)
                or guards.get(rid) != (n_claims + len(added), max(s.id for s in added))
                or not state.add(added)
            ):
                continue
            fused[rid] = rows.relation_row(state.relation())
            updated[rid] = state
    counts = refresh_relations(conn, set(ids) - set(fused))
    if fused:
        counts += _write(conn, fused, *_stored(conn, sorted(fused)))
        _write_states(conn, updated)
    return counts


def guard_select(ids: Sequence[str]) -> sa.Select[Any]:
    """Each relation's claim count and largest claim id, from ``ix_claims_relation_id`` alone (a test reads the plan)."""
    return (sa.select(claims.c.relation_id, sa.func.count(), sa.func.max(claims.c.id))
            .where(claims.c.relation_id.in_(ids)).group_by(claims.c.relation_id))


def _new_claims(conn: sa.Connection, docs: Collection[str], relation_ids: Sequence[str]) -> dict[str, list[StoredClaim]]:
    """Relation id -> the claims of the articles ``docs`` in it, among ``relation_ids``."""
    wanted = set(relation_ids)
    found: dict[str, list[StoredClaim]] = defaultdict(list)
    listed = sorted(docs)
    for start in range(0, len(listed), _IDS_PER_QUERY):
        query = FUSION_SELECT.where(claims.c.doc_id.in_(listed[start:start + _IDS_PER_QUERY]))
        for row in conn.execute(query):
            if row.relation_id in wanted:
                found[row.relation_id].append(fusion_claim(row))
    return found


def _stored(conn: sa.Connection, ids: Sequence[str]) -> tuple[dict[str, dict[str, Any]], dict[str, set[str]]]:
    """The relation rows held now for ``ids``, and their kinds' rows."""
    stored = {r["id"]: dict(r) for r in conn.execute(sa.select(relations).where(relations.c.id.in_(ids))).mappings()}
    kinds: dict[str, set[str]] = defaultdict(set)
    for rid, kind in conn.execute(
        sa.select(relation_kinds.c.relation_id, relation_kinds.c.kind).where(relation_kinds.c.relation_id.in_(ids))
    ):
        kinds[rid].add(kind)
    return stored, kinds


def _write_states(conn: sa.Connection, states: Mapping[str, RelationState | None]) -> None:
    """Write the states of these relations (None: the relation is gone, or keeps no state).

    Upserted: a state rewritten at every save keeps its row (and its key's index entry) in place.
    """
    gone = sorted(rid for rid, state in states.items() if state is None)
    if gone:
        conn.execute(sa.delete(relation_states).where(relation_states.c.relation_id.in_(gone)))
    kept = [
        {"relation_id": rid, "n_claims": state.n_claims, "max_claim_id": state.last_id, "state": state.to_json()}
        for rid, state in sorted(states.items()) if state is not None
    ]
    if kept:
        insert = dialect_insert(conn.dialect.name, relation_states)
        conn.execute(insert.on_conflict_do_update(index_elements=[relation_states.c.relation_id], set_={
            column: insert.excluded[column] for column in ("n_claims", "max_claim_id", "state")}), kept)


def _write(
    conn: sa.Connection,
    fused: dict[str, dict[str, Any]],
    stored: Mapping[str, dict[str, Any]],
    stored_kinds: Mapping[str, set[str]],
) -> RefreshCounts:
    """Write the fused rows that differ from the stored ones; remove the stored relations not fused.

    A changed relation is updated in place, only in the columns that changed: the
    relations table has an index per listing filter, and an UPDATE leaves alone
    every index whose columns it does not set (a save changes ``n_claims`` of its
    relations, rarely their status or dates).
    """
    gone = [rid for rid in stored if rid not in fused]
    new = [row for rid, row in fused.items() if rid not in stored]
    kinds = {rid: set(rows.kinds_from_column(row["kinds"])) for rid, row in fused.items()}
    changed = [rid for rid in fused if rid in stored and (stored[rid] != fused[rid] or stored_kinds.get(rid, set()) != kinds[rid])]
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for rid in changed:
        columns = tuple(sorted(k for k, v in fused[rid].items() if stored[rid].get(k) != v))
        if columns:
            by_columns[columns].append({"rid": rid, **{f"new_{k}": fused[rid][k] for k in columns}})
    for columns, values in by_columns.items():
        conn.execute(
            sa.update(relations).where(relations.c.id == sa.bindparam("rid"))
            .values({k: sa.bindparam(f"new_{k}") for k in columns}),
            values,
        )
    rekinded = gone + [rid for rid in changed if stored_kinds.get(rid, set()) != kinds[rid]]
    if rekinded:
        conn.execute(sa.delete(relation_kinds).where(relation_kinds.c.relation_id.in_(rekinded)))
    if gone:
        conn.execute(sa.delete(relations).where(relations.c.id.in_(gone)))
    if new:
        conn.execute(sa.insert(relations), new)
    kind_rows = [{"relation_id": rid, "kind": kind} for rid in [row["id"] for row in new] + rekinded
                 if rid in fused for kind in sorted(kinds[rid])]
    if kind_rows:
        conn.execute(sa.insert(relation_kinds), kind_rows)
    return RefreshCounts(
        added=len(new), changed=len(changed), removed=len(gone),
        unchanged=len(fused) - len(new) - len(changed),
    )
