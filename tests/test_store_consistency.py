"""Reads during writes see one state of the store: no torn reads, on SQLite and PostgreSQL.

A writer replaces one article again and again, alternating one and three
claims of the same relation; readers (a read-only store, as the web UI opens
it) check that what they read agrees with itself. Loops are bounded by count,
never by time, and everything runs on loopback.
"""

from __future__ import annotations

import threading
from typing import Any

from conftest import make_claim, make_doc

from entente.model import Claim
from entente.store import Store

WRITES = 40
MAX_READS = 3_000

SENTENCES = [
    "Iran has supplied Shahed-136 drones to Russia.",
    "Tehran shipped more Shahed-136 drones to Moscow.",
    "Russia received Shahed-136 drones from Iran, officials said.",
]


def _version(n: int) -> tuple[Any, list[Claim]]:
    """The article's n-th version: one claim when n is even, three when odd."""
    sentences = SENTENCES[:1] if n % 2 == 0 else SENTENCES
    text = " ".join(sentences) + f" (version {n})"
    claims, start = [], 0
    for sentence in sentences:
        claims.append(make_claim("d", evidence=sentence, start=start))
        start += len(sentence) + 1
    return make_doc("d", text, origin="wire.jsonl:1"), claims


def _hammer(store_url: str, read: Any) -> tuple[int, list[str]]:
    with Store.open(store_url) as writer:
        writer.save_article(*_version(0))
        (relation_id,) = [r.id for r in writer.relations()]
        done = threading.Event()
        failures: list[BaseException] = []

        def write() -> None:
            try:
                for n in range(1, WRITES + 1):
                    writer.save_article(*_version(n))
            except BaseException as exc:  # noqa: BLE001 - reported by the test below
                failures.append(exc)
            finally:
                done.set()

        thread = threading.Thread(target=write)
        reads, torn = 0, []
        with Store.open(store_url, read_only=True) as reader:
            thread.start()
            while not done.is_set() and reads < MAX_READS:
                problem = read(reader, relation_id)
                reads += 1
                if problem:
                    torn.append(problem)
            thread.join()
        assert failures == []
    return reads, torn


def _relation_torn(reader: Store, relation_id: str) -> str | None:
    relation = reader.relation(relation_id)
    if relation.n_claims != len(relation.timeline):
        return f"relation says {relation.n_claims} claims, its timeline holds {len(relation.timeline)}"
    return None


def _page_torn(reader: Store, relation_id: str) -> str | None:
    """What a relation page reads: the relation, then the article and its claims, in one snapshot."""
    with reader.snapshot():
        relation = reader.relation(relation_id)
        doc = reader.document("d")
        claims = reader.claims(doc_id="d")
    expected = doc.text.count(".")  # one sentence in the even versions, three in the odd
    if not (relation.n_claims == len(relation.timeline) == len(claims) == expected):
        return f"relation {relation.n_claims}, timeline {len(relation.timeline)}, claims {len(claims)}, text {expected}"
    return None


def test_a_relation_read_during_writes_is_never_torn(store_url: str) -> None:
    reads, torn = _hammer(store_url, _relation_torn)
    assert reads > 0 and torn == []


def test_a_page_of_several_reads_sees_one_snapshot_during_writes(store_url: str) -> None:
    reads, torn = _hammer(store_url, _page_torn)
    assert reads > 0 and torn == []
