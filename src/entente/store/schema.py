"""The tables, as SQLAlchemy Core objects: one schema for SQLite and PostgreSQL.

Column names are the spec's field names flattened (``item.text`` ->
``item_text``) so the database reads well in Datasette or psql. The schema is
created and changed only by the Alembic migrations in ``migrations/versions``;
this module mirrors the head revision for queries.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()


def deferred(target: str) -> sa.ForeignKey:
    """A foreign key checked at commit: an article's claims, relations and actors land in one transaction
    in that order (and a relation is rewritten while its claims point at it). Declared, too, so Datasette
    links each code to its row."""
    return sa.ForeignKey(target, deferrable=True, initially="DEFERRED")


documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("origin", sa.Text),  # without local absolute paths: see entente.store.portable
    sa.Column("origin_key", sa.Text),  # digest of the file's absolute path (which file, not where)
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("date_assumed", sa.Boolean, nullable=False, default=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reprint_of", sa.Text),  # the first stored copy of a near-duplicate article
    sa.Index("ix_documents_reprint_of", "reprint_of"),
)

document_signatures = sa.Table(
    "document_signatures",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, unique=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),  # MinHash, see entente.fuse.reprints
    sqlite_autoincrement=True,  # seq only grows: the reprint index reads what is new since its last look
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("provider", sa.Text, deferred("actors.id"), nullable=False),
    sa.Column("recipient", sa.Text, deferred("actors.id"), nullable=False),
    sa.Column("item_text", sa.Text),
    sa.Column("item_id", sa.Text, deferred("items.id")),
    sa.Column("item_category", sa.Text),
    sa.Column("stage", sa.Text, nullable=False),
    sa.Column("modality", sa.Text, nullable=False),
    sa.Column("polarity", sa.Text, nullable=False),
    sa.Column("source_text", sa.Text),
    sa.Column("source_actor", sa.Text, deferred("actors.id")),
    sa.Column("source_kind", sa.Text),
    sa.Column("time_text", sa.Text),
    sa.Column("time_start", sa.Date),
    sa.Column("time_end", sa.Date),
    sa.Column("time_anchor", sa.Text),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence_text", sa.Text, nullable=False),
    sa.Column("trace", sa.Text),  # JSON text: readable as-is in Datasette
    sa.Column("relation_id", sa.Text, deferred("relations.id"), nullable=False),
    sa.Column("quantity_text", sa.Text),
    sa.Column("quantity_value", sa.Integer),
    sa.Column("quantity_approximate", sa.Boolean),
    sa.Column("value_text", sa.Text),
    sa.Column("value_amount", sa.Float),
    sa.Column("value_currency", sa.Text),
    sa.Index("ix_claims_provider_recipient", "provider", "recipient"),
    sa.Index("ix_claims_doc_id", "doc_id"),
    sa.Index("ix_claims_relation_id", "relation_id"),
    sa.Index("ix_claims_recipient_provider", "recipient", "provider"),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("is_state", sa.Boolean, nullable=False),
)

items = sa.Table(
    "items",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("designation", sa.Text, nullable=False),
    sa.Column("category", sa.Text),
    sa.Column("maker", sa.Text),
)

relations = sa.Table(
    "relations",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("provider", sa.Text, deferred("actors.id"), nullable=False),
    sa.Column("recipient", sa.Text, deferred("actors.id"), nullable=False),
    sa.Column("item_key", sa.Text, nullable=False),
    sa.Column("item_label", sa.Text, nullable=False),
    sa.Column("category", sa.Text),
    sa.Column("kinds", sa.Text, nullable=False),  # a JSON array, alphabetical; also rows of relation_kinds
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("strongest", sa.Text, nullable=False),
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
    sa.Column("event_start", sa.Date),
    sa.Column("event_end", sa.Date),
    sa.Column("n_articles", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("n_claims", sa.Integer, nullable=False),
    sa.Column("n_reprints", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_relations_provider_recipient", "provider", "recipient"),
    # the filters listings use (migration v0004); item: key and label, so the label search reads the index only
    sa.Index("ix_relations_recipient", "recipient"),
    sa.Index("ix_relations_status", "status"),
    sa.Index("ix_relations_category", "category"),
    sa.Index("ix_relations_item", "item_key", "item_label"),
    sa.Index("ix_relations_first_seen", "first_seen"),
    sa.Index("ix_relations_last_seen", "last_seen"),
)

relation_kinds = sa.Table(
    "relation_kinds",
    metadata,
    sa.Column("relation_id", sa.Text, deferred("relations.id"), primary_key=True),
    sa.Column("kind", sa.Text, primary_key=True),
)

relation_states = sa.Table(
    "relation_states",
    metadata,
    # what entente.fuse.state needs to fuse the relation's next claims without its old ones (migration v0005)
    sa.Column("relation_id", sa.Text, deferred("relations.id"), primary_key=True),
    sa.Column("n_claims", sa.Integer, nullable=False),  # the claims the state has seen: the guard a save checks
    sa.Column("max_claim_id", sa.Integer, nullable=False),
    sa.Column("state", sa.Text, nullable=False),  # JSON: RelationState.to_json
)
