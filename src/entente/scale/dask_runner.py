"""Extraction on a Dask cluster: documents in partitions, claims out as Parquet or into a store.

The client reads the inputs (JSONL, WARC, any format ``read_documents``
takes) and cuts them into partitions of ``partition_size`` documents. Each
partition is one task: the worker loads the extractor once per process (a
module global) and writes its own output, one Parquet file per partition
(``part-00000.parquet``) or ``Store.save_articles`` (the partition in one
transaction) for a ``postgresql://`` URL, so no claim travels back through the scheduler.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from entente.errors import ClusterUnavailable, EntenteError
from entente.extract.pipeline import ClaimExtractor
from entente.model import Claim, Document
from entente.store.rows import claim_row as store_claim_row

# Flat columns for the spec fields; `claim` holds the whole claim as JSON
# (with the trace), so nothing is lost in flattening.
SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("kind", pa.string()),
        ("provider", pa.string()),
        ("recipient", pa.string()),
        ("item_text", pa.string()),
        ("item_id", pa.string()),
        ("item_category", pa.string()),
        ("stage", pa.string()),
        ("modality", pa.string()),
        ("polarity", pa.string()),
        ("source_text", pa.string()),
        ("source_actor", pa.string()),
        ("source_kind", pa.string()),
        ("time_text", pa.string()),
        ("time_start", pa.string()),
        ("time_end", pa.string()),
        ("time_anchor", pa.string()),
        ("evidence_start", pa.int64()),
        ("evidence_end", pa.int64()),
        ("evidence_text", pa.string()),
        ("doc_date", pa.string()),
        ("claim", pa.string()),
    ]
)

# One extractor per worker process: loading spaCy per task would cost more than the task.
_worker_extractor: ClaimExtractor | None = None


@dataclass(frozen=True)
class DaskRun:
    """What a run did: counts, and the errors of inputs that could not be read."""

    documents: int
    claims: int
    partitions: int
    read_errors: tuple[str, ...]


def worker_extractor() -> ClaimExtractor:
    """The extractor of this worker process, loaded on first use."""
    global _worker_extractor
    if _worker_extractor is None:
        from entente.scale.runner import load_extractor

        _worker_extractor = load_extractor()
    return _worker_extractor


def reset_worker_extractor() -> None:
    """Forget this process's extractor (tests; after the lexicons changed)."""
    global _worker_extractor
    _worker_extractor = None


def claim_row(claim: Claim, doc: Document) -> dict[str, Any]:
    """One Parquet row: the spec fields flattened as the store's ``claims`` table has them,
    dates as ISO text, plus the article date and the claim as JSON."""
    row = store_claim_row(claim, claim.doc_id)
    row.pop("trace")
    row.pop("relation_id")
    for key in ("time_start", "time_end"):
        row[key] = row[key].isoformat() if row[key] else None
    row["doc_date"] = doc.date.isoformat()
    row["claim"] = json.dumps(claim.to_dict(), ensure_ascii=False, sort_keys=True)
    return row


def extract_partition(docs: Sequence[Document], index: int, out: str) -> tuple[int, int, tuple[str, ...]]:
    """Extract one partition on a worker and write it; returns (documents, claims, errors).

    An article that fails (E110, E150) is reported in its place and the rest of the partition
    goes on, as in one process (``scale.runner.each``).
    """
    from entente.scale.runner import each

    extractor = worker_extractor()
    results: list[tuple[Document, list[Claim]]] = []
    failed: list[str] = []
    for doc, outcome in each(extractor, docs, 16):
        if isinstance(outcome, list):
            results.append((doc, outcome))
        else:
            failed.append(str(outcome))
    if is_database_url(out):
        from entente.store import Store

        with Store.open(out) as store:  # the partition in one transaction; a failing article costs only itself
            saved = store.save_articles(results)
        failed.extend(str(r) for r in saved if isinstance(r, EntenteError))
        results = [pair for pair, r in zip(results, saved, strict=True) if not isinstance(r, EntenteError)]
    else:
        rows = [claim_row(claim, doc) for doc, claims in results for claim in claims]
        table = pa.Table.from_pylist(rows, schema=SCHEMA)
        pq.write_table(table, Path(out) / f"part-{index:05d}.parquet")
    return len(results), sum(len(claims) for _, claims in results), tuple(failed)


def is_database_url(out: str) -> bool:
    return out.startswith(("postgresql://", "postgresql+", "postgres://"))


def extract_with_dask(
    paths: Iterable[str | Path],
    scheduler: str = "local",
    out: str = "claims-parquet",
    *,
    partition_size: int = 64,
    local_workers: int = 2,
) -> DaskRun:
    """Extract every document in ``paths`` on a Dask cluster and write the claims to ``out``.

    ``scheduler`` is ``"local"`` (a ``LocalCluster`` of ``local_workers``
    single-thread processes on this machine) or a scheduler address
    (``tcp://host:8786``). ``out`` is a directory for Parquet partitions, or a
    ``postgresql://`` URL of an entente store.
    """
    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster

    from entente.ingest import read_documents

    docs: list[Document] = []
    errors: list[str] = []
    for item in read_documents(paths):
        if isinstance(item, Document):
            docs.append(item)
        else:
            errors.append(str(item))
    if is_database_url(out):
        from entente.store import Store

        # Create or migrate the schema here, once, rather than racing in every partition.
        Store.open(out).close()
    else:
        Path(out).mkdir(parents=True, exist_ok=True)
    if not docs:
        return DaskRun(0, 0, 0, tuple(errors))

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=local_workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise ClusterUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        bag = db.from_sequence(docs, partition_size=partition_size)
        tasks = [
            dask.delayed(extract_partition)(part, index, out)
            for index, part in enumerate(bag.to_delayed())
        ]
        counts = dask.compute(*tasks)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return DaskRun(
        documents=sum(n for n, _, _ in counts),
        claims=sum(c for _, c, _ in counts),
        partitions=len(tasks),
        read_errors=tuple(errors) + tuple(e for _, _, failed in counts for e in failed),
    )


def read_claims(out: str | Path) -> list[dict[str, Any]]:
    """Every claim (as the spec's dict) of a Parquet output directory."""
    claims: list[dict[str, Any]] = []
    for path in sorted(Path(out).glob("part-*.parquet")):
        for value in pq.read_table(path, columns=["claim"]).column("claim").to_pylist():
            claims.append(json.loads(value))
    return claims
