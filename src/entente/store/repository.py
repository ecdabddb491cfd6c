"""The store: articles and their claims in, relations and timelines out.

A batch of articles is saved in one transaction together with the relations
it touches, re-fused once at the end of the batch, so a reader (or a killed
ingest) never sees half an article or a relation that disagrees with its claims.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa

from entente.errors import EntenteError, IdCollision, NotFound, StoreError
from entente.fuse import reprints, timeline_order
from entente.model import Claim, Document, Quantity, Relation, StoredClaim, Value
from entente.store import engine as engines
from entente.store import names, reference, refresh, rows
from entente.store.datasette import write_metadata
from entente.store.portable import origin_key
from entente.store.records import ActorSummary, RelationFilters, SaveResult, StoreStats
from entente.store.schema import (
    actors,
    claims,
    document_signatures,
    documents,
    items,
    relations,
)

# The claim columns plus the article fields a StoredClaim carries.
_CLAIM_SELECT = sa.select(
    claims,
    documents.c.date.label("doc_date"),
    documents.c.title.label("doc_title"),
    documents.c.url.label("doc_url"),
    documents.c.source.label("doc_source"),
    documents.c.reprint_of.label("doc_reprint_of"),
).join(documents, claims.c.doc_id == documents.c.id)


# What the tracker folds: fusion's columns (it fuses a row again when its relation holds other
# claims), then the counts and amounts; no trace JSON, titles, offsets or words it never reads.
TRACKER_SELECT = refresh.FUSION_SELECT.add_columns(
    claims.c.quantity_text, claims.c.quantity_value, claims.c.quantity_approximate,
    claims.c.value_text, claims.c.value_amount, claims.c.value_currency,
)
_FUSION_WIDTH = len(refresh.FUSION_SELECT.selected_columns)


def tracked_claim(row: Sequence[Any]) -> StoredClaim:
    """A :data:`TRACKER_SELECT` row as the stored claim the tracker folds (see :func:`refresh.fusion_claim`)."""
    stored = refresh.fusion_claim(row[:_FUSION_WIDTH])
    quantity_text, quantity_value, approximate, value_text, amount, currency = row[_FUSION_WIDTH:]
    if quantity_text is not None:
        stored.claim.quantity = Quantity(quantity_value, quantity_text, bool(approximate))
    if value_text is not None:
        stored.claim.value = Value(amount, currency, value_text)
    return stored


def tracker_select(recipient: str | None, provider: str | None, kinds: Collection[str]) -> sa.Select[Any]:
    """The claims of ``kinds`` given to ``recipient`` and/or by ``provider`` (tests read its query plan).

    In :meth:`Store.iter_claims`'s order (article, then place in it), which decides the fold's ties.
    """
    query = TRACKER_SELECT.where(claims.c.kind.in_(sorted(kinds))).order_by(
        claims.c.doc_id, claims.c.evidence_start, claims.c.id)
    if recipient is not None:
        query = query.where(claims.c.recipient == recipient)
    if provider is not None:
        query = query.where(claims.c.provider == provider)
    return query


_IDS_PER_QUERY = 500  # ids bound in one IN (...): well under SQLite's and PostgreSQL's limits
MIN_PREFIX = 4  # shortest relation-id prefix `show` accepts
_RECORD_SUFFIX = re.compile(r"(?::\d+|#\d+(?: \(.*\))?)\Z")


RelationOrder = Literal["sources", "claims", "recent", "pair"]
RELATION_ORDERS: tuple[RelationOrder, ...] = ("sources", "claims", "recent", "pair")
"""``sources``: most independent sources first (then claims, then the latest
article), the evidence an analyst weighs first; ``claims``: most claims first;
``recent``: the latest article first; ``pair``: provider, recipient, item."""

_LATEST_FIRST = relations.c.last_seen.desc().nulls_last()
_RELATION_ORDER_BY: dict[str, tuple[sa.ColumnElement[Any], ...]] = {
    "sources": (relations.c.n_sources.desc(), relations.c.n_claims.desc(), _LATEST_FIRST, relations.c.id),
    "claims": (relations.c.n_claims.desc(), relations.c.n_sources.desc(), _LATEST_FIRST, relations.c.id),
    "recent": (_LATEST_FIRST, relations.c.n_sources.desc(), relations.c.id),
    "pair": (relations.c.provider, relations.c.recipient, relations.c.item_key),
}


def _relation_conditions(f: RelationFilters) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of ``f``: each one an indexed column (v0004), except ``text``, which reads the claims."""
    where: list[sa.ColumnElement[bool]] = []
    if f.provider:
        where.append(relations.c.provider == f.provider)
    if f.recipient:
        where.append(relations.c.recipient == f.recipient)
    if f.actor:
        where.append(sa.or_(relations.c.provider == f.actor, relations.c.recipient == f.actor))
    if f.item:
        # the few distinct keys whose key or label matches, read from ix_relations_item; then those rows
        needle = f.item.lower()
        matching_keys = sa.select(relations.c.item_key).where(sa.or_(
            sa.func.lower(relations.c.item_key) == needle,
            sa.func.lower(relations.c.item_key) == f"category:{needle}",
            sa.func.lower(relations.c.item_label).contains(needle, autoescape=True),
        ))
        where.append(relations.c.item_key.in_(matching_keys))
    if f.category:
        where.append(relations.c.category == f.category)
    if f.since:
        where.append(relations.c.last_seen >= f.since)
    if f.until:
        where.append(relations.c.first_seen <= f.until)
    if f.status:
        wanted = [f.status] if isinstance(f.status, str) else list(f.status)
        where.append(relations.c.status.in_(wanted))
    if f.text:
        where.append(relations.c.id.in_(sa.select(claims.c.relation_id).where(_text_in_claim(f.text))))
    return where


def _text_in_claim(text: str) -> sa.ColumnElement[bool]:
    """``text`` in a claim's sentence or item words, any case: a scan of the claims (0.1 s at 100k on SQLite)."""
    needle = text.lower()
    return sa.or_(
        sa.func.lower(claims.c.evidence_text).contains(needle, autoescape=True),
        sa.func.lower(claims.c.item_text).contains(needle, autoescape=True),
    )


def relations_select(
    filters: RelationFilters, *, order: RelationOrder = "pair", limit: int | None = None, offset: int = 0,
) -> sa.Select[Any]:
    """The SELECT :meth:`Store.iter_relations` runs (tests read its query plan)."""
    query = sa.select(relations).where(*_relation_conditions(filters)).order_by(*_RELATION_ORDER_BY[order])
    if limit is not None:
        query = query.limit(limit)
    return query.offset(offset) if offset else query


def _pair(a: str, b: str) -> sa.ColumnElement[bool]:
    """Claims between ``a`` and ``b``, either way: two searches of ix_claims_provider_recipient."""
    return sa.or_(
        sa.and_(claims.c.provider == a, claims.c.recipient == b),
        sa.and_(claims.c.provider == b, claims.c.recipient == a),
    )


# timeline_order in SQL: event time (start, else end, else the article's date), article date, id
_EVENT_ORDER = (sa.func.coalesce(claims.c.time_start, claims.c.time_end, documents.c.date), documents.c.date,
                claims.c.id)


def _claims_in_event_order(
    conn: sa.Connection, where: sa.ColumnElement[bool], *, limit: int | None, offset: int, latest: bool,
) -> list[StoredClaim]:
    """The claims ``where`` selects in :func:`~entente.fuse.timeline_order`; a page of them with ``limit``."""
    query = _CLAIM_SELECT.where(where)
    if limit is None and not offset:  # all of them: sorted here, by the very key the fusion uses
        return sorted((rows.stored_from_row(r) for r in conn.execute(query).mappings()), key=timeline_order)
    query = query.order_by(*(c.desc() for c in _EVENT_ORDER) if latest else _EVENT_ORDER)
    query = query.limit(limit).offset(offset)
    page = [rows.stored_from_row(r) for r in conn.execute(query).mappings()]
    return page[::-1] if latest else page


def origin_file(origin: str | None) -> str | None:
    """The file an origin names, without its line or record (``feed.jsonl:12`` -> ``feed.jsonl``)."""
    return _RECORD_SUFFIX.sub("", origin) if origin else None


def _same_source(stored_origin: str | None, stored_url: str | None, doc: Document,
                 stored_key: str | None = None) -> bool:
    """Whether a new version of a stored article may replace it: same file, or same address."""
    if stored_url and doc.url and stored_url == doc.url:
        return True
    if stored_origin is None or doc.origin is None:
        return True  # saved through the API without an origin: nothing to tell them apart by
    if stored_key is not None:  # the stored origin has no absolute path (v0003): compare digests of paths
        new_key = origin_key(doc.origin)
        return new_key is None or new_key == stored_key
    return _file_key(stored_origin) == _file_key(doc.origin)


def _file_key(origin: str) -> str:
    name = origin_file(origin) or ""
    return name if name.startswith("<") else os.path.normpath(os.path.abspath(name))


# The connection of the snapshot open in this thread (or task), with its engine: see Store.snapshot.
_SNAPSHOT: ContextVar[tuple[sa.Engine, sa.Connection] | None] = ContextVar("entente_store_snapshot", default=None)


class Store:
    """A database of articles, claims and relations (SQLite file or PostgreSQL)."""

    def __init__(self, engine: sa.Engine, *, read_only: bool = False) -> None:
        self.engine = engine
        self.read_only = read_only
        self._reprints = reprints.ReprintIndex()
        self._signatures_seen = 0  # document_signatures.seq read into the index so far

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, url: str | None = None, *, read_only: bool = False) -> Store:
        """Open (and migrate, unless ``read_only``) the store at ``url``.

        ``url`` is a SQLAlchemy URL or a file path; ``None`` means ``$ENTENTE_DB``,
        else ``./entente.db``. ``postgresql://`` URLs use psycopg 3.
        """
        resolved = engines.resolve_url(url)
        try:
            engine = engines.create_engine(resolved, read_only=read_only)
            if read_only:
                engines.check_head(engine)
            else:
                engines.migrate(engine)
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(
                f"could not open {sa.make_url(resolved).render_as_string()}: {engines.db_reason(exc)}"
            ) from exc
        parsed = sa.make_url(resolved)
        if not read_only and parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            write_metadata(Path(parsed.database))  # Datasette's metadata.json beside the file
        return cls(engine, read_only=read_only)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def snapshot(self) -> Iterator[sa.Connection]:
        """Every read of this store inside the block sees one snapshot of the database.

        The web UI opens one per request, so a page that reads a relation, its
        claims and their articles never mixes two states of an ingest running
        beside it. PostgreSQL: a REPEATABLE READ, read-only transaction; SQLite:
        one read transaction (WAL keeps its snapshot until it ends).
        """
        with self._transaction() as conn:
            token = _SNAPSHOT.set((self.engine, conn))
            try:
                yield conn
            finally:
                _SNAPSHOT.reset(token)

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        """The snapshot's connection inside :meth:`snapshot`, else one transaction for this read."""
        current = _SNAPSHOT.get()
        if current is not None and current[0] is self.engine:
            yield current[1]
            return
        with self._transaction() as conn:
            yield conn

    @contextmanager
    def _transaction(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        if self.read_only:
            raise StoreError("this store was opened read-only")
        with self.engine.connect() as conn:
            conn.execution_options(**{engines.WRITE_OPTION: True})
            with conn.begin():
                yield conn

    # ------------------------------------------------------------ writing

    def has_document(self, doc_id: str, content_hash: str) -> bool:
        """True when exactly this content is stored already (ingest skips extraction then)."""
        with self._read() as conn:
            stored = conn.execute(
                sa.select(documents.c.content_hash).where(documents.c.id == doc_id)
            ).scalar_one_or_none()
        return stored == content_hash

    def save_article(self, doc: Document, article_claims: Sequence[Claim]) -> SaveResult:
        """Save one article and its claims, and recompute the relations they touch: a batch of one.

        Idempotent by content hash: the same id with the same content changes
        nothing (``unchanged``); the same id with new content replaces that
        article and its claims only (``replaced``); a new id is ``added``.
        Raises the article's error (:class:`IdCollision`, :class:`StoreError`).
        """
        (result,) = self.save_articles([(doc, article_claims)])
        if isinstance(result, EntenteError):
            raise result
        return result

    def save_articles(self, articles: Iterable[tuple[Document, Sequence[Claim]]]) -> list[SaveResult | EntenteError]:
        """Save a batch of articles in one transaction, and re-fuse the relations they touch once, at its end.

        Each article is saved as :meth:`save_article` saves it, inside its own
        savepoint: one that fails (an id collision, E111; a database error,
        E400) is rolled back alone and its error stands in its place in the
        returned list; the others are saved. Readers see the whole batch or
        none of it. If the batch cannot commit (a check made only at commit),
        its articles are saved again one transaction each, so only the culprit fails.
        """
        batch = list(articles)
        if not batch:
            return []
        try:
            return self._save_batch(batch)
        except sa.exc.SQLAlchemyError as exc:
            self._forget_reprint_index()
            if len(batch) == 1:
                return [StoreError(f"could not save {batch[0][0].id}: {engines.db_reason(exc)}")]
        return [result for article in batch for result in self.save_articles([article])]

    def _save_batch(self, batch: Sequence[tuple[Document, Sequence[Claim]]]) -> list[SaveResult | EntenteError]:
        results: list[SaveResult | EntenteError] = []
        emptied: set[str] = set()  # relations that lost claims: fused again from all theirs
        with self._write() as conn:
            for doc, article_claims in batch:
                results.append(self._save_in_savepoint(conn, doc, article_claims, emptied))
            saved = [r for r in results if isinstance(r, SaveResult) and r.outcome != "unchanged"]
            touched = {rid for r in saved for rid in r.relations}
            refresh.update_relations(conn, touched, {r.doc_id for r in saved}, emptied)
        return results

    def _save_in_savepoint(
        self, conn: sa.Connection, doc: Document, article_claims: Sequence[Claim], emptied: set[str]
    ) -> SaveResult | EntenteError:
        for attempt in (1, 2):
            savepoint = conn.begin_nested()
            try:
                result = self._save(conn, doc, article_claims, emptied)
            except IdCollision as exc:
                savepoint.rollback()
                return exc
            except sa.exc.IntegrityError as exc:
                # Another process saved the same article between our read and write:
                # the second attempt sees its row and decides again.
                savepoint.rollback()
                self._forget_reprint_index()
                if attempt == 2:
                    return StoreError(f"could not save {doc.id}: {exc.orig}")
                continue
            except sa.exc.SQLAlchemyError as exc:
                savepoint.rollback()
                self._forget_reprint_index()
                return StoreError(f"could not save {doc.id}: {engines.db_reason(exc)}")
            savepoint.commit()
            return result
        raise AssertionError("unreachable")

    def _save(
        self, conn: sa.Connection, doc: Document, article_claims: Sequence[Claim], emptied: set[str]
    ) -> SaveResult:
        """Save one article; the relations whose claims it deleted are added to ``emptied`` (even if it then
        fails: a relation named there needlessly is only fused from all its claims)."""
        stored = conn.execute(
            sa.select(documents.c.content_hash, documents.c.origin, documents.c.url, documents.c.origin_key)
            .where(documents.c.id == doc.id)
        ).first()
        stored_hash = stored.content_hash if stored is not None else None
        if stored_hash == doc.content_hash:
            return SaveResult(doc.id, "unchanged", 0)
        if stored is not None and not _same_source(stored.origin, stored.url, doc, stored.origin_key):
            raise IdCollision(
                doc.origin or doc.id,
                f"id {doc.id!r} already holds a different article, from {stored.origin or stored.url}: not replaced",
            )
        touched: set[str] = set()
        minhash = reprints.signature(doc.text)
        reprint_of = self._find_first_copy(conn, doc.id, minhash)
        if stored_hash is None:
            conn.execute(sa.insert(documents).values({**rows.document_row(doc), "reprint_of": reprint_of}))
            outcome = "added"
        else:
            replaced = set(
                conn.execute(
                    sa.select(claims.c.relation_id).where(claims.c.doc_id == doc.id).distinct()
                ).scalars()
            )
            touched |= replaced
            emptied |= replaced
            conn.execute(sa.delete(claims).where(claims.c.doc_id == doc.id))
            conn.execute(
                sa.update(documents).where(documents.c.id == doc.id)
                .values({**rows.document_row(doc), "reprint_of": reprint_of})
            )
            outcome = "replaced"
        self._keep_signature(conn, doc.id, minhash)
        claim_rows = [rows.claim_row(c, doc.id) for c in article_claims]
        if claim_rows:
            conn.execute(sa.insert(claims), claim_rows)
            touched.update(r["relation_id"] for r in claim_rows)
            self._remember_actors_and_items(conn, article_claims)
        return SaveResult(doc.id, outcome, len(claim_rows), tuple(sorted(touched)))  # type: ignore[arg-type]

    # ------------------------------------------------------------ reprints

    def _forget_reprint_index(self) -> None:
        """After a rollback the index may hold signatures the database does not: read it all again."""
        self._reprints = reprints.ReprintIndex()
        self._signatures_seen = 0

    def _sync_reprint_index(self, conn: sa.Connection) -> None:
        """Read the signatures stored since the last look (other processes write too)."""
        new = conn.execute(
            sa.select(document_signatures.c.seq, document_signatures.c.doc_id, document_signatures.c.signature)
            .where(document_signatures.c.seq > self._signatures_seen)
            .order_by(document_signatures.c.seq)
        )
        for seq, doc_id, data in new:
            self._reprints.add(doc_id, reprints.from_bytes(data))
            self._signatures_seen = max(self._signatures_seen, int(seq))

    def _find_first_copy(
        self, conn: sa.Connection, doc_id: str, minhash: reprints.LeanMinHash | None
    ) -> str | None:
        """The first stored copy of the story the article ``doc_id`` reprints, or None."""
        self._sync_reprint_index(conn)
        if minhash is None:
            return None
        similar = [other for other, _ in self._reprints.similar(minhash, exclude=[doc_id])]
        if not similar:
            return None
        found = conn.execute(
            sa.select(documents.c.id, documents.c.reprint_of).where(documents.c.id.in_(similar))
        ).all()
        originals = {row.reprint_of or row.id for row in found} - {doc_id}
        if not originals:
            return None
        first: str | None = conn.execute(
            sa.select(documents.c.id).where(documents.c.id.in_(originals))
            .order_by(documents.c.ingested_at, documents.c.id).limit(1)
        ).scalar_one_or_none()
        return first

    def _keep_signature(self, conn: sa.Connection, doc_id: str, minhash: reprints.LeanMinHash | None) -> None:
        conn.execute(sa.delete(document_signatures).where(document_signatures.c.doc_id == doc_id))
        self._reprints.remove(doc_id)
        if minhash is not None:
            conn.execute(sa.insert(document_signatures).values(doc_id=doc_id, signature=reprints.to_bytes(minhash)))
            self._reprints.add(doc_id, minhash)

    def _promote_reprints(self, conn: sa.Connection, doc_id: str) -> set[str]:
        """``doc_id`` is going: its earliest reprint becomes the first copy of the others.

        Returns the relations whose claims changed article status.
        """
        copies = list(conn.execute(
            sa.select(documents.c.id).where(documents.c.reprint_of == doc_id)
            .order_by(documents.c.ingested_at, documents.c.id)
        ).scalars())
        if not copies:
            return set()
        first, rest = copies[0], copies[1:]
        conn.execute(sa.update(documents).where(documents.c.id == first).values(reprint_of=None))
        if rest:
            conn.execute(sa.update(documents).where(documents.c.id.in_(rest)).values(reprint_of=first))
        return set(conn.execute(
            sa.select(claims.c.relation_id).where(claims.c.doc_id.in_(copies)).distinct()
        ).scalars())

    def reprints_of(self, doc_id: str) -> list[str]:
        """The ids of the stored reprints of ``doc_id``, first stored first."""
        with self.engine.connect() as conn:
            return list(conn.execute(
                sa.select(documents.c.id).where(documents.c.reprint_of == doc_id)
                .order_by(documents.c.ingested_at, documents.c.id)
            ).scalars())

    def reprint_of(self, doc_id: str) -> str | None:
        """The first copy ``doc_id`` reprints, or None for an original; :class:`NotFound` if absent."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(documents.c.reprint_of).where(documents.c.id == doc_id)
            ).first()
        if row is None:
            raise NotFound(f"no document {doc_id!r}")
        return row[0]

    def _insert_ignore(self, table: sa.Table, values: list[dict[str, Any]]) -> sa.Executable:
        return engines.dialect_insert(self.dialect, table).values(values).on_conflict_do_nothing()  # type: ignore[no-any-return]

    def _remember_actors_and_items(self, conn: sa.Connection, article_claims: Sequence[Claim]) -> None:
        actor_ids = sorted(
            {a for c in article_claims for a in (c.provider, c.recipient)}
            | {c.source.actor for c in article_claims if c.source and c.source.actor}
        )
        conn.execute(self._insert_ignore(actors, [
            {"id": a, "name": names.actor_name(a), "is_state": names.is_state(a)} for a in actor_ids
        ]))
        catalogued = {c.item.id: c.item.category for c in article_claims if c.item and c.item.id}
        if catalogued:
            conn.execute(self._insert_ignore(items, [
                reference.item_row(i, cat) for i, cat in sorted(catalogued.items())
            ]))

    def delete_document(self, doc_id: str) -> None:
        """Remove an article, its claims (cascade) and what it contributed to relations."""
        with self._write() as conn:
            touched = set(
                conn.execute(
                    sa.select(claims.c.relation_id).where(claims.c.doc_id == doc_id).distinct()
                ).scalars()
            )
            touched |= self._promote_reprints(conn, doc_id)
            if conn.execute(sa.delete(documents).where(documents.c.id == doc_id)).rowcount == 0:
                raise NotFound(f"no document {doc_id!r}")
            self._reprints.remove(doc_id)
            refresh.refresh_relations(conn, touched)

    def rebuild_relations(
        self, *, chunk: int = 500, on_progress: Callable[[int, int], None] | None = None
    ) -> refresh.RefreshCounts:
        """Re-fuse every relation from the stored claims, ``chunk`` relations a transaction.

        For a store written before the fusion rules changed: relations whose
        fused row differs are rewritten, new ones added, ones without claims
        removed. ``on_progress(done, total)`` is called after each chunk.
        """
        with self._read() as conn:
            ids = sorted(
                set(conn.execute(sa.select(claims.c.relation_id).distinct()).scalars())
                | set(conn.execute(sa.select(relations.c.id)).scalars())
            )
        counts = refresh.RefreshCounts()
        try:
            for start in range(0, len(ids), chunk):
                with self._write() as conn:
                    counts += refresh.refresh_relations(conn, ids[start:start + chunk])
                if on_progress is not None:
                    on_progress(min(start + chunk, len(ids)), len(ids))
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"could not rebuild the relations: {engines.db_reason(exc)}") from exc
        return counts

    # ------------------------------------------------------------ reading

    def relations(
        self,
        provider: str | None = None,
        recipient: str | None = None,
        item: str | None = None,
        category: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        status: str | Sequence[str] | None = None,
        actor: str | None = None,
        text: str | None = None,
        *,
        order: RelationOrder = "pair",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Relation]:
        """Relations matching every filter given (without their timelines).

        ``item`` matches the item key (``s-400``) or the label; ``since``/``until``
        keep relations with an article in that window; ``actor`` matches either
        side; ``text`` searches the claims' evidence and item words. ``order`` is
        one of :data:`RELATION_ORDERS`; ``limit``/``offset`` page the result in
        SQL (:meth:`count_relations` gives the number of matches).
        """
        return list(self.iter_relations(
            RelationFilters(provider, recipient, item, category, since, until, status, actor, text),
            order=order, limit=limit, offset=offset,
        ))

    def iter_relations(
        self, filters: RelationFilters | None = None, *, order: RelationOrder = "pair",
        limit: int | None = None, offset: int = 0,
    ) -> Iterator[Relation]:
        """Like :meth:`relations`, streamed (listings and exports of a large store)."""
        query = relations_select(filters or RelationFilters(), order=order, limit=limit, offset=offset)
        with self._read() as conn:
            for row in conn.execution_options(yield_per=500).execute(query).mappings():
                yield rows.relation_from_row(row)

    def count_relations(self, filters: RelationFilters | None = None) -> int:
        """How many relations match ``filters`` (all of them without)."""
        query = sa.select(sa.func.count()).select_from(relations).where(
            *_relation_conditions(filters or RelationFilters()))
        with self._read() as conn:
            return int(conn.execute(query).scalar_one())

    def relation(
        self, relation_id: str, *, limit: int | None = None, offset: int = 0, latest: bool = False,
    ) -> Relation:
        """One relation with its timeline, by id or a unique prefix of one (``a437``).

        The timeline holds every claim, in event order, unless ``limit`` is given:
        then ``limit`` claims after the first ``offset`` (``latest``: the last
        ``limit`` before the ``offset`` latest, still in event order);
        ``n_claims`` counts them all. :class:`NotFound` if no relation matches,
        or if a prefix matches several (the message lists them).
        """
        with self._read() as conn:
            row = conn.execute(sa.select(relations).where(relations.c.id == relation_id)).mappings().first()
            if row is None:
                row = self._relation_by_prefix(conn, relation_id)
            relation = rows.relation_from_row(row)
            relation.timeline = _claims_in_event_order(
                conn, claims.c.relation_id == relation.id, limit=limit, offset=offset, latest=latest)
        return relation

    @staticmethod
    def _relation_by_prefix(conn: sa.Connection, prefix: str) -> sa.RowMapping:
        if len(prefix) < MIN_PREFIX or not prefix.isalnum():
            raise NotFound(f"no relation {prefix!r}" + (
                f" (a prefix needs at least {MIN_PREFIX} characters)" if len(prefix) < MIN_PREFIX else ""))
        found = conn.execute(
            sa.select(relations).where(relations.c.id.startswith(prefix.lower(), autoescape=True))
            .order_by(relations.c.id).limit(6)
        ).mappings().all()
        if not found:
            raise NotFound(f"no relation {prefix!r}")
        if len(found) > 1:
            shown = ", ".join(r["id"] for r in found[:5]) + (", ..." if len(found) > 5 else "")
            raise NotFound(f"{prefix!r} is the start of several relations ({shown}): give more of the id")
        return found[0]

    def timeline(
        self, a: str, b: str, *, limit: int | None = None, offset: int = 0, latest: bool = False,
    ) -> list[StoredClaim]:
        """Claims between ``a`` and ``b``, both directions, by event time then article date.

        Every one, unless ``limit`` is given: then paged as :meth:`relation`
        pages a timeline; :meth:`count_timeline` gives the total.
        """
        with self._read() as conn:
            return _claims_in_event_order(conn, _pair(a, b), limit=limit, offset=offset, latest=latest)

    def count_timeline(self, a: str, b: str) -> int:
        """How many claims :meth:`timeline` has between ``a`` and ``b``."""
        with self._read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(claims).where(_pair(a, b))).scalar_one())

    def search_claims(self, text: str, *, limit: int) -> list[StoredClaim]:
        """Up to ``limit`` claims with ``text`` in their sentence or item words, the latest article first."""
        query = _CLAIM_SELECT.where(_text_in_claim(text)).order_by(documents.c.date.desc(), claims.c.id).limit(limit)
        with self._read() as conn:
            return [rows.stored_from_row(r) for r in conn.execute(query).mappings()]

    def tracked(
        self, recipient: str | None, provider: str | None, kinds: Collection[str],
    ) -> tuple[list[StoredClaim], dict[str, Relation]]:
        """What :func:`~entente.fuse.tracker.tracker_rows` folds, read in one transaction.

        The claims of ``kinds`` given to ``recipient`` and/or by ``provider``,
        lean (:func:`tracked_claim`), and the stored
        relations between them by id, so the fold need not fuse them again.
        """
        relation_query = relations_select(RelationFilters(provider=provider, recipient=recipient))
        with self._read() as conn:
            found = [tracked_claim(r) for r in conn.execute(tracker_select(recipient, provider, kinds))]
            stored = {r["id"]: rows.relation_from_row(r) for r in conn.execute(relation_query).mappings()}
        return found, stored

    def document(self, doc_id: str) -> Document:
        with self._read() as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).mappings().first()
        if row is None:
            raise NotFound(f"no document {doc_id!r}")
        return rows.document_from_row(row)

    def document_ids(self) -> list[str]:
        with self._read() as conn:
            return list(conn.execute(sa.select(documents.c.id).order_by(documents.c.id)).scalars())

    def claims(
        self,
        doc_id: str | None = None,
        relation_id: str | None = None,
        provider: str | None = None,
        recipient: str | None = None,
        kind: str | None = None,
    ) -> list[StoredClaim]:
        """Stored claims matching every filter given, by article then position in it."""
        return list(self.iter_claims(doc_id, relation_id, provider, recipient, kind))

    def iter_claims(
        self,
        doc_id: str | None = None,
        relation_id: str | None = None,
        provider: str | None = None,
        recipient: str | None = None,
        kind: str | None = None,
        *,
        relation_ids: Sequence[str] | None = None,
    ) -> Iterator[StoredClaim]:
        """Like :meth:`claims`, streamed (exports of a large store); ``relation_ids``: of those relations only."""
        if relation_ids is not None:
            for start in range(0, len(relation_ids), _IDS_PER_QUERY):
                chunk = relation_ids[start : start + _IDS_PER_QUERY]
                yield from self._iter_claims(_CLAIM_SELECT.where(claims.c.relation_id.in_(chunk)))
            return
        query = _CLAIM_SELECT
        for column, value in (
            (claims.c.doc_id, doc_id),
            (claims.c.relation_id, relation_id),
            (claims.c.provider, provider),
            (claims.c.recipient, recipient),
            (claims.c.kind, kind),
        ):
            if value is not None:
                query = query.where(column == value)
        yield from self._iter_claims(query)

    def _iter_claims(self, query: sa.Select[Any]) -> Iterator[StoredClaim]:
        query = query.order_by(claims.c.doc_id, claims.c.evidence_start, claims.c.id)
        with self._read() as conn:
            for row in conn.execution_options(yield_per=500).execute(query).mappings():
                yield rows.stored_from_row(row)

    def actors(self) -> list[ActorSummary]:
        """Every actor named as provider or recipient, with how many relations it is in."""
        sides = sa.union_all(
            sa.select(relations.c.provider.label("actor")),
            sa.select(relations.c.recipient.label("actor")),
        ).subquery()
        counts = sa.select(sides.c.actor, sa.func.count().label("n")).group_by(sides.c.actor)
        with self._read() as conn:
            n_relations = {r.actor: int(r.n) for r in conn.execute(counts)}
            known = {r.id: r for r in conn.execute(sa.select(actors))}
        ids = sorted(n_relations)
        return [
            ActorSummary(
                id=a,
                name=known[a].name if a in known else names.actor_name(a),
                is_state=bool(known[a].is_state) if a in known else names.is_state(a),
                n_relations=n_relations.get(a, 0),
            )
            for a in ids
        ]

    def stats(self) -> StoreStats:
        with self._read() as conn:
            def count(table: sa.Table) -> int:
                return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

            first, last = conn.execute(sa.select(sa.func.min(documents.c.date), sa.func.max(documents.c.date))).one()
            by_status = {
                row[0]: int(row[1])
                for row in conn.execute(sa.select(relations.c.status, sa.func.count()).group_by(relations.c.status))
            }
            by_kind = {
                row[0]: int(row[1])
                for row in conn.execute(sa.select(claims.c.kind, sa.func.count()).group_by(claims.c.kind))
            }
            return StoreStats(
                documents=count(documents),
                claims=count(claims),
                relations=count(relations),
                actors=len(self.actors()),
                first_date=first,
                last_date=last,
                by_status=dict(sorted(by_status.items())),
                by_kind=dict(sorted(by_kind.items())),
            )
