"""The store: articles, claims and fused relations in SQLite (default) or PostgreSQL.

``Store.open()`` opens ``$ENTENTE_DB`` or ``./entente.db``; see ``docs/store.md``.
"""

from __future__ import annotations

from entente.store.engine import DEFAULT_PATH, ENV_VAR, resolve_url
from entente.store.export import export_csv, export_graphml, export_jsonl
from entente.store.records import ActorSummary, SaveResult, StoreStats
from entente.store.repository import Store

__all__ = [
    "DEFAULT_PATH",
    "ENV_VAR",
    "ActorSummary",
    "SaveResult",
    "Store",
    "StoreStats",
    "export_csv",
    "export_graphml",
    "export_jsonl",
    "resolve_url",
]
