"""Opening a database: which URL, how SQLite is set up, and migrating to the head revision.

The default database is the SQLite file named by ``$ENTENTE_DB`` (a path or a
URL), else ``./entente.db``. ``postgresql://`` URLs are served by psycopg 3.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:  # Alembic is imported when a store is opened, not by every command that never opens one
    from alembic.config import Config

from entente.errors import StoreError


def dialect_insert(dialect: str, table: sa.Table) -> Any:
    """An INSERT with the dialect's ON CONFLICT clauses (PostgreSQL's or SQLite's).

    The dialect modules are imported here, not at the top: the PostgreSQL one
    (with its asyncpg variant) costs about 0.1 s that a command reading a
    SQLite store should not pay; an engine on PostgreSQL has loaded it anyway.
    """
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)

# A read-only open (every listing, the web UI) compares the stored revision with HEAD_REVISION and
# never loads Alembic (~0.15 s at start-up); nor does a write open of a store already there.
HEAD_REVISION = "v0005_relation_states"  # the newest script in migrations/versions (a test checks it)

DEFAULT_PATH = "entente.db"
ENV_VAR = "ENTENTE_DB"
MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 30_000  # a second writer waits for the first instead of failing
WRITE_OPTION = "entente_write"  # execution option: take SQLite's write lock at BEGIN
MIGRATION_LOCK_KEY = 0x656E74656E7465  # "entente": the PostgreSQL advisory lock migrations share


def resolve_url(url: str | None = None) -> str:
    """The SQLAlchemy URL for ``url``, ``$ENTENTE_DB`` or the default file.

    A bare path means a SQLite file; ``postgresql://`` is rewritten to use psycopg 3.
    """
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_PATH
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().resolve()}"
    scheme, rest = chosen.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg2"):
        return f"postgresql+psycopg://{rest}"
    return chosen


def create_engine(url: str, *, read_only: bool = False) -> sa.Engine:
    """An engine for ``url`` (already resolved); SQLite gets WAL, foreign keys and a busy timeout."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        if read_only:
            return sa.create_engine(
                url, connect_args={"options": "-c default_transaction_read_only=on"}
            )
        return sa.create_engine(url, pool_pre_ping=True)
    database = parsed.database or ""
    if database in ("", ":memory:"):
        raise StoreError("an in-memory SQLite store cannot be shared: give a file path")
    if read_only:
        if not Path(database).exists():
            raise StoreError(f"no database at {database}")
        url = f"sqlite:///file:{Path(database).resolve()}?mode=ro&uri=true"
    else:
        try:
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the database {database}: {exc.strerror or exc}") from exc
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _set_up_sqlite(engine, read_only=read_only)
    return engine


def _set_up_sqlite(engine: sa.Engine, *, read_only: bool) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling starts transactions late (at the
        # first write); hand it to SQLAlchemy's "begin" event below instead.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # A write transaction takes the lock up front: reading first and then
        # upgrading to a write can fail at once in WAL mode (SQLITE_BUSY_SNAPSHOT).
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config() -> Config:
    """The Alembic configuration, built in code: the scripts ship inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the head revision (a no-op when it is there already).

    Several processes may open one new database at once (Dask workers, parallel
    ingests): each takes a lock first, so only the first creates the tables and
    the others find them at the head revision.
    """
    try:
        with engine.connect() as connection:
            if stored_revision(connection) == HEAD_REVISION:
                return  # there already: no lock to take, no Alembic to load
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"could not open the database: {db_reason(exc)}") from exc
    from alembic import command

    config = alembic_config()
    try:
        with engine.connect() as connection:
            _lock_for_migration(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"could not migrate the database: {db_reason(exc)}") from exc


def db_reason(exc: BaseException) -> str:
    """The driver's own words for a database error, on one line (without SQLAlchemy's SQL and links)."""
    said = str(getattr(exc, "orig", None) or exc)
    return " ".join(said.split("\n[SQL:", 1)[0].split("\n(Background", 1)[0].split())


def _lock_for_migration(connection: sa.Connection) -> None:
    """Open the migration's transaction holding a lock no other migration can share.

    Alembic then runs inside this transaction and the commit releases the lock.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    elif connection.dialect.name == "sqlite":
        # BEGIN IMMEDIATE (see _on_begin) takes SQLite's write lock at once.
        connection.execution_options(**{WRITE_OPTION: True}).exec_driver_sql("SELECT 1")


def check_head(engine: sa.Engine) -> None:
    """A read-only store cannot migrate: refuse one whose schema is not at the head revision."""
    head = HEAD_REVISION
    with engine.connect() as connection:
        current = stored_revision(connection)
    if current != head:
        raise StoreError(
            f"the database is at revision {current or 'none'}, not {head}: open it once for writing to migrate"
        )


def stored_revision(connection: sa.Connection) -> str | None:
    """The revision the database is at (Alembic's ``alembic_version`` row), None when it has none."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
