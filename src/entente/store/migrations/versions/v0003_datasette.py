"""The store as Datasette (or psql) reads it: links between codes, names, full-text search, no local paths.

- Foreign keys (deferred to commit) from ``claims`` and ``relations`` to
  ``actors`` (provider, recipient, source actor), ``items`` and ``relations``.
- ``actors`` and ``items`` hold the whole gazetteer and catalogue.
- ``relation_kinds``: one row per relation and kind; ``relations.kinds``
  becomes a JSON array (``["support", "transfer"]``).
- Views with names: ``claims_named``, ``relations_named``.
- On SQLite, FTS5 indexes on claims' sentences (``claims_fts``) and articles'
  titles and bodies (``documents_fts``), kept in step by triggers.
- ``documents.origin`` without local absolute paths; ``documents.origin_key``
  a digest of the file's path (see ``entente.store.portable``).

Revision ID: v0003_datasette
Revises: v0002_analysts
Create Date: 2026-12-01
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from entente.store import reference
from entente.store.portable import origin_key, portable_origin

revision = "v0003_datasette"
down_revision = "v0002_analysts"
branch_labels = None
depends_on = None

# (constraint, table, column, referred table)
FOREIGN_KEYS = (
    ("fk_relations_provider", "relations", "provider", "actors"),
    ("fk_relations_recipient", "relations", "recipient", "actors"),
    ("fk_claims_provider", "claims", "provider", "actors"),
    ("fk_claims_recipient", "claims", "recipient", "actors"),
    ("fk_claims_source_actor", "claims", "source_actor", "actors"),
    ("fk_claims_item_id", "claims", "item_id", "items"),
    ("fk_claims_relation_id", "claims", "relation_id", "relations"),
)

VIEWS = {
    "claims_named": """
        SELECT c.id, c.doc_id, d.date AS doc_date, d.title AS doc_title, d.url AS doc_url, d.source AS doc_outlet,
               c.relation_id, c.kind, c.provider, p.name AS provider_name, c.recipient, r.name AS recipient_name,
               c.item_text, c.item_id, i.designation AS item_designation, c.item_category,
               c.stage, c.modality, c.polarity, c.source_text, c.source_kind, c.source_actor,
               c.time_text, c.time_start, c.time_end, c.time_anchor, c.evidence_text
        FROM claims c
        JOIN documents d ON d.id = c.doc_id
        LEFT JOIN actors p ON p.id = c.provider
        LEFT JOIN actors r ON r.id = c.recipient
        LEFT JOIN items i ON i.id = c.item_id""",
    "relations_named": """
        SELECT rel.id, rel.provider, p.name AS provider_name, rel.recipient, r.name AS recipient_name,
               rel.item_key, rel.item_label, rel.category, rel.kinds, rel.status, rel.strongest,
               rel.first_seen, rel.last_seen, rel.event_start, rel.event_end,
               rel.n_articles, rel.n_sources, rel.n_reprints, rel.n_claims
        FROM relations rel
        LEFT JOIN actors p ON p.id = rel.provider
        LEFT JOIN actors r ON r.id = rel.recipient""",
}

# name -> (indexed table, its rowid column, indexed columns); Datasette finds them by content="table"
FTS = {
    "claims_fts": ("claims", "id", ("evidence_text", "item_text", "source_text")),
    "documents_fts": ("documents", "rowid", ("title", "body")),
}


def _insert_missing(conn: sa.Connection, table: str, rows: list[dict[str, object]]) -> None:
    if not rows:
        return
    have = set(conn.execute(sa.text(f"SELECT id FROM {table}")).scalars())
    new = [r for r in rows if r["id"] not in have]
    if new:
        columns = list(new[0])
        conn.execute(
            sa.text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"),
            new,
        )


def _fill_reference_tables(conn: sa.Connection) -> None:
    _insert_missing(conn, "items", reference.item_rows())
    for row in reference.item_rows():  # rows the store made from bare ids get the catalogue's names
        conn.execute(sa.text("UPDATE items SET designation = :designation, maker = :maker "
                             "WHERE id = :id AND designation = id"), row)
    _insert_missing(conn, "actors", reference.actor_rows())
    # codes the claims use that neither file knows (older data): rows of their own, so every link resolves
    used = conn.execute(sa.text(
        "SELECT provider FROM claims UNION SELECT recipient FROM claims UNION SELECT source_actor FROM claims "
        "WHERE source_actor IS NOT NULL UNION SELECT provider FROM relations UNION SELECT recipient FROM relations"
    )).scalars()
    _insert_missing(conn, "actors", [{"id": a, "name": a, "is_state": not a.startswith("org:")} for a in used if a])
    items_used = conn.execute(sa.text("SELECT DISTINCT item_id FROM claims WHERE item_id IS NOT NULL")).scalars()
    _insert_missing(conn, "items", [{"id": i, "designation": i, "category": None, "maker": None} for i in items_used])


def _portable_origins(conn: sa.Connection) -> None:
    """Absolute origins lose their path and keep its digest; a relative one was relative to a working
    directory this migration cannot know, so it stays as it is, without a digest."""
    for doc_id, origin in conn.execute(sa.text("SELECT id, origin FROM documents WHERE origin IS NOT NULL")).all():
        if portable_origin(origin, cwd="/") == origin:  # relative already, a URL or <stdin>
            continue
        conn.execute(sa.text("UPDATE documents SET origin = :origin, origin_key = :key WHERE id = :id"),
                     {"origin": portable_origin(origin), "key": origin_key(origin), "id": doc_id})


def _relation_kinds(conn: sa.Connection) -> None:
    op.create_table(
        "relation_kinds",
        sa.Column("relation_id", sa.Text, sa.ForeignKey("relations.id", deferrable=True, initially="DEFERRED",
                                                        name="fk_relation_kinds_relation_id"), primary_key=True),
        sa.Column("kind", sa.Text, primary_key=True),
    )
    for relation_id, kinds in conn.execute(sa.text("SELECT id, kinds FROM relations")).all():
        listed = sorted(json.loads(kinds)) if kinds.startswith("[") else sorted(k for k in kinds.split(",") if k)
        conn.execute(sa.text("UPDATE relations SET kinds = :kinds WHERE id = :id"),
                     {"kinds": json.dumps(listed), "id": relation_id})
        if listed:
            conn.execute(sa.text("INSERT INTO relation_kinds (relation_id, kind) VALUES (:r, :k)"),
                         [{"r": relation_id, "k": k} for k in listed])


def _foreign_keys(sqlite: bool) -> None:
    for table in ("relations", "claims"):  # relations first: claims then point at the rebuilt table
        keys = [k for k in FOREIGN_KEYS if k[1] == table]
        if sqlite:
            with op.batch_alter_table(table, recreate="always") as batch:
                for name, _, column, referred in keys:
                    batch.create_foreign_key(name, referred, [column], ["id"], deferrable=True, initially="DEFERRED")
        else:
            for name, _, column, referred in keys:
                op.create_foreign_key(name, table, referred, [column], ["id"], deferrable=True, initially="DEFERRED")


def _full_text(conn: sa.Connection) -> None:
    for name, (table, rowid, columns) in FTS.items():
        cols = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        conn.exec_driver_sql(f'CREATE VIRTUAL TABLE {name} USING fts5({cols}, content="{table}", content_rowid="{rowid}")')
        conn.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
        conn.exec_driver_sql(f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN "
                             f"INSERT INTO {name}(rowid, {cols}) VALUES (new.{rowid}, {new}); END")
        conn.exec_driver_sql(f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN "
                             f"INSERT INTO {name}({name}, rowid, {cols}) VALUES ('delete', old.{rowid}, {old}); END")
        conn.exec_driver_sql(f"CREATE TRIGGER {name}_au AFTER UPDATE ON {table} BEGIN "
                             f"INSERT INTO {name}({name}, rowid, {cols}) VALUES ('delete', old.{rowid}, {old}); "
                             f"INSERT INTO {name}(rowid, {cols}) VALUES (new.{rowid}, {new}); END")


def upgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("origin_key", sa.Text))
    _portable_origins(conn)
    _fill_reference_tables(conn)
    _foreign_keys(sqlite)
    _relation_kinds(conn)
    for name, body in VIEWS.items():
        conn.exec_driver_sql(f"CREATE VIEW {name} AS {body}")
    if sqlite:
        _full_text(conn)


def downgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        for name in FTS:
            for suffix in ("ai", "ad", "au"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    for name in VIEWS:
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {name}")
    op.drop_table("relation_kinds")
    conn.execute(sa.text("UPDATE relations SET kinds = :sep"), {"sep": ""})  # rebuilt below from the claims
    conn.execute(sa.text(
        "UPDATE relations SET kinds = (SELECT group_concat(k, ',') FROM (SELECT DISTINCT kind AS k FROM claims "
        "WHERE claims.relation_id = relations.id ORDER BY kind))" if sqlite else
        "UPDATE relations SET kinds = (SELECT string_agg(DISTINCT kind, ',' ORDER BY kind) FROM claims "
        "WHERE claims.relation_id = relations.id)"
    ))
    for table in ("claims", "relations"):
        keys = [k for k in FOREIGN_KEYS if k[1] == table]
        if sqlite:
            with op.batch_alter_table(table, recreate="always") as batch:
                for name, *_ in keys:
                    batch.drop_constraint(name, type_="foreignkey")
        else:
            for name, *_ in keys:
                op.drop_constraint(name, table, type_="foreignkey")
    if sqlite:  # in place: copying documents would cascade-delete every claim
        conn.exec_driver_sql("ALTER TABLE documents DROP COLUMN origin_key")
    else:
        op.drop_column("documents", "origin_key")
