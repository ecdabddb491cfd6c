"""Indexes for the filters and orders users list relations and claims by, at 100k claims.

- ``relations``: recipient (provider has ``ix_relations_provider_recipient``),
  status, category, item (key and label: the label search reads this index,
  not the table), first and last article dates.
- ``claims``: recipient then provider (``tracker IRN`` reads what a
  recipient was given; ``ix_claims_provider_recipient`` serves a provider).

``tests/test_store_queries.py`` checks with EXPLAIN QUERY PLAN that each
filter of ``Store.relations`` uses one.

Revision ID: v0004_listing_indexes
Revises: v0003_datasette
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "v0004_listing_indexes"
down_revision = "v0003_datasette"
branch_labels = None
depends_on = None

# name -> (table, columns); mirrored in entente.store.schema
INDEXES: dict[str, tuple[str, list[str]]] = {
    "ix_relations_recipient": ("relations", ["recipient"]),
    "ix_relations_status": ("relations", ["status"]),
    "ix_relations_category": ("relations", ["category"]),
    "ix_relations_item": ("relations", ["item_key", "item_label"]),
    "ix_relations_first_seen": ("relations", ["first_seen"]),
    "ix_relations_last_seen": ("relations", ["last_seen"]),
    "ix_claims_recipient_provider": ("claims", ["recipient", "provider"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
