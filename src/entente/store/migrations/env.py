"""Alembic environment: runs on the connection ``entente.store.engine.migrate`` hands over.

Run from the command line (``alembic -x url=sqlite:///entente.db upgrade head``
with a config whose ``script_location`` is this directory) it opens its own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from entente.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")


def _run(conn: sa.Connection) -> None:
    context.configure(
        connection=conn,
        target_metadata=metadata,
        render_as_batch=conn.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = sa.create_engine(str(url))
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
