"""The store: articles, claims and fused relations in SQLite (default) or PostgreSQL.

``Store.open()`` opens ``$ENTENTE_DB`` or ``./entente.db``; see ``docs/store.md``.
"""

from __future__ import annotations

from entente.store.engine import DEFAULT_PATH, ENV_VAR, resolve_url
from entente.store.export import claim_record, export_csv, export_graphml, export_jsonl, relation_record
from entente.store.records import ActorSummary, RelationFilters, SaveResult, StoreStats
from entente.store.repository import RELATION_ORDERS, RelationOrder, Store

__all__ = [
    "DEFAULT_PATH",
    "ENV_VAR",
    "RELATION_ORDERS",
    "ActorSummary",
    "RelationFilters",
    "RelationOrder",
    "SaveResult",
    "Store",
    "StoreStats",
    "export_csv",
    "export_graphml",
    "export_jsonl",
    "claim_record",
    "relation_record",
    "resolve_url",
]
