"""``relation_states``: each relation's fusion state, so a save re-fuses from its new claims only.

One row per relation: ``n_claims`` and ``max_claim_id`` (the claims the state
has seen: a save compares them, plus its new claims, with the claims table's
count and largest id before trusting the state) and ``state``, the JSON of
:class:`entente.fuse.state.RelationState`. The table starts empty: a relation
without a state is fused from all its claims the first time a save touches it,
which writes its state; ``entente rebuild`` writes them all at once.

Revision ID: v0005_relation_states
Revises: v0004_listing_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "v0005_relation_states"
down_revision = "v0004_listing_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relation_states",
        sa.Column("relation_id", sa.Text, sa.ForeignKey("relations.id", deferrable=True, initially="DEFERRED",
                                                        name="fk_relation_states_relation_id"), primary_key=True),
        sa.Column("n_claims", sa.Integer, nullable=False),
        sa.Column("max_claim_id", sa.Integer, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("relation_states")
