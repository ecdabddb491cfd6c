"""Reprints, quantities and values: what analysts count.

- ``documents.reprint_of``: the id of the first stored copy of a near-duplicate
  article (null for an original); ``document_signatures`` keeps each article's
  MinHash signature so the reprint index can be rebuilt.
- ``claims``: the spec's optional ``quantity`` and ``value`` fields, flattened.
- ``relations.n_reprints``: articles that only reprint a story already counted.

Revision ID: v0002_analysts
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "v0002_analysts"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("reprint_of", sa.Text))
    op.create_index("ix_documents_reprint_of", "documents", ["reprint_of"])
    op.create_table(
        "document_signatures",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "doc_id", sa.Text, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, unique=True
        ),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("quantity_text", sa.Text))
        batch.add_column(sa.Column("quantity_value", sa.Integer))
        batch.add_column(sa.Column("quantity_approximate", sa.Boolean))
        batch.add_column(sa.Column("value_text", sa.Text))
        batch.add_column(sa.Column("value_amount", sa.Float))
        batch.add_column(sa.Column("value_currency", sa.Text))
    with op.batch_alter_table("relations") as batch:
        batch.add_column(sa.Column("n_reprints", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("relations") as batch:
        batch.drop_column("n_reprints")
    with op.batch_alter_table("claims") as batch:
        for column in (
            "value_currency", "value_amount", "value_text",
            "quantity_approximate", "quantity_value", "quantity_text",
        ):
            batch.drop_column(column)
    op.drop_table("document_signatures")
    op.drop_index("ix_documents_reprint_of", "documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("reprint_of")
