"""Killing ``entente ingest`` half-way leaves only whole batches of whole articles, and a rerun completes the store.

Ingest saves a batch of articles (``entente.store.service.BATCH_SIZE``) in one
transaction: a kill loses the batch it had not committed, never part of one.
The run is slowed by the test hook ``ENTENTE_TEST_SLOW_MS`` (see
``entente.store.service``) so the kill lands mid-batch. Claims come from the
real extractor, whatever it returns: each article's count is compared with a
clean reference run.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from entente.store.service import BATCH_SIZE

N_ARTICLES = 60

PROVIDERS = [("Iran", "Russia"), ("Russia", "Iran"), ("China", "Pakistan"), ("Russia", "India")]
ITEMS = ["Shahed-136 drones", "Su-35 fighter jets", "artillery shells", "the S-400 air defence system"]


def _article(i: int) -> dict[str, str]:
    provider, recipient = PROVIDERS[i % len(PROVIDERS)]
    item = ITEMS[i % len(ITEMS)]
    text = (
        f"{provider} delivered {item} to {recipient} last month, officials said on Tuesday. "
        f"The shipment was the {i + 1}th reported this year. "
        f"A spokesman for the government of {recipient} declined to comment."
    )
    return {"id": f"kill-{i:03d}", "date": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text,
            "source": f"Outlet {i % 3}"}


def _run_ingest(feed: Path, db: Path, slow_ms: int = 0) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ENTENTE_TEST_SLOW_MS": str(slow_ms)}
    env.pop("ENTENTE_DB", None)
    return subprocess.Popen(
        [sys.executable, "-m", "entente", "ingest", str(feed), "--db", str(db)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _claims_per_document(db: Path) -> dict[str, int]:
    rows = _query(db, "SELECT d.id, COUNT(c.id) FROM documents d LEFT JOIN claims c ON c.doc_id = d.id GROUP BY d.id")
    return {str(doc): int(n) for doc, n in rows}


def _document_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return int(_query(db, "SELECT COUNT(*) FROM documents")[0][0])  # type: ignore[arg-type]
    except sqlite3.OperationalError:  # the schema is not migrated yet
        return 0


def _assert_consistent(db: Path) -> None:
    orphans = _query(db, "SELECT COUNT(*) FROM claims c LEFT JOIN documents d ON d.id = c.doc_id WHERE d.id IS NULL")
    assert orphans == [(0,)]
    mismatched = _query(db, """
        SELECT r.id FROM relations r
        LEFT JOIN (SELECT relation_id, COUNT(*) AS n FROM claims GROUP BY relation_id) c ON c.relation_id = r.id
        WHERE COALESCE(c.n, 0) != r.n_claims
        UNION ALL
        SELECT DISTINCT relation_id FROM claims WHERE relation_id NOT IN (SELECT id FROM relations)
    """)
    assert mismatched == []


@pytest.mark.timeout(300)
def test_killed_ingest_keeps_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(_article(i)) + "\n" for i in range(N_ARTICLES)))

    reference_db = tmp_path / "reference.db"
    reference = _run_ingest(feed, reference_db)
    _, stderr = reference.communicate(timeout=240)
    assert reference.returncode == 0, stderr.decode()
    expected = _claims_per_document(reference_db)
    assert len(expected) == N_ARTICLES

    db = tmp_path / "killed.db"
    victim = _run_ingest(feed, db, slow_ms=100)
    deadline = time.monotonic() + 180
    while _document_count(db) < 5:
        assert victim.poll() is None, "ingest ended before it could be killed"
        assert time.monotonic() < deadline, "ingest stored nothing in time"
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)

    partial = _claims_per_document(db)
    assert 5 <= len(partial) < N_ARTICLES
    assert len(partial) % BATCH_SIZE == 0, "a batch was committed in part"
    assert all(partial[doc] == expected[doc] for doc in partial)
    _assert_consistent(db)

    rerun = _run_ingest(feed, db)
    _, stderr = rerun.communicate(timeout=240)
    assert rerun.returncode == 0, stderr.decode()
    assert _claims_per_document(db) == expected
    _assert_consistent(db)
