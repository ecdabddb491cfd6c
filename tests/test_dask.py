"""Dask: a two-worker LocalCluster writes the claims a single process finds, as Parquet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from entente.model import Document
from entente.scale.dask_runner import SCHEMA, extract_with_dask, read_claims
from entente.scale.runner import load_extractor

DEV = Path("/work/shared/eval/dev")
DATE = "2022-11-03"
TEXTS = [
    "Russia delivered S-400 air defence systems to India in 2021, the Indian defence ministry said.",
    "Iran has supplied hundreds of Shahed-136 drones to Russia, according to US officials.",
    "Germany pledged additional IRIS-T launchers to Ukraine on Tuesday.",
    "China is considering providing artillery shells to Russia, the White House said on Sunday.",
    "The United States announced a package to provide Javelin missiles to Ukraine.\n\n"
    "The package also includes ammunition for HIMARS launchers, the Pentagon said.",
    "Turkey sold Bayraktar TB2 drones to Poland last year.",
    "France will train Ukrainian pilots, the French defence minister told reporters.",
    "North Korea denied supplying artillery rounds to Russia, state media reported.",
    "The home side beat the visitors 3-1 in front of a full stadium on Saturday.",
    "Heavy snow closed mountain roads overnight and more is forecast for Friday.",
    "Egypt asked Russia for Su-35 fighter jets, two officials said.",
    "India and France agreed to co-develop a jet engine, the two governments said in a statement.",
]


def _write_corpus(path: Path) -> list[Document]:
    rows = [{"id": f"dask-{i:02d}", "date": DATE, "text": text} for i, text in enumerate(TEXTS)]
    for gold in sorted(DEV.glob("*.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append({"id": row["id"], "date": row["date"], "text": row["text"]})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return [Document(r["id"], dt.date.fromisoformat(r["date"]), r["text"]) for r in rows]


def _key(claim: dict[str, object]) -> str:
    return json.dumps(claim, sort_keys=True)


@pytest.mark.timeout(120)
def test_a_two_worker_local_cluster_finds_the_claims_of_one_process(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    docs = _write_corpus(corpus)
    out = tmp_path / "claims"
    run = extract_with_dask([corpus], scheduler="local", out=str(out), partition_size=6)
    single = [c.to_dict() for _, claims in load_extractor().extract_many(docs) for c in claims]
    assert run.documents == len(docs)
    assert run.partitions == -(-len(docs) // 6)
    assert single, "the corpus must give claims for the comparison to mean anything"
    assert sorted(map(_key, read_claims(out))) == sorted(map(_key, single))
    assert run.claims == len(single)


def test_parquet_partitions_have_the_flat_spec_columns(tmp_path: Path) -> None:
    corpus = tmp_path / "one.jsonl"
    corpus.write_text(json.dumps({"id": "p1", "date": DATE, "text": TEXTS[0]}) + "\n", encoding="utf-8")
    out = tmp_path / "claims"
    extract_with_dask([corpus], scheduler="local", out=str(out), local_workers=1)
    table = pq.read_table(out / "part-00000.parquet")
    assert table.schema.names == SCHEMA.names
    row = table.to_pylist()[0]
    assert (row["provider"], row["recipient"], row["item_id"]) == ("RUS", "IND", "s-400")


@pytest.mark.postgres
def test_a_postgresql_url_stores_every_document_and_claim(tmp_path: Path, postgres_url: str) -> None:
    from entente.store import Store

    corpus = tmp_path / "few.jsonl"
    rows = [{"id": f"pg-{i}", "date": DATE, "text": text} for i, text in enumerate(TEXTS[:4])]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run = extract_with_dask([corpus], scheduler="local", out=postgres_url, partition_size=2)
    with Store.open(postgres_url) as store:
        assert store.document_ids() == [r["id"] for r in rows]
        assert len(store.claims()) == run.claims > 0


def test_a_failing_article_costs_only_itself_in_its_partition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One article that makes the extractor raise is reported; the rest of the partition is written."""
    from entente.scale import dask_runner
    from entente.scale.runner import load_extractor as real_extractor

    extractor = real_extractor()

    class Breaks:
        def extract_many(self, docs, batch_size=16):  # type: ignore[no-untyped-def]
            docs = list(docs)
            if any(d.id == "bad" for d in docs):
                raise RuntimeError("a bug on this article")
            yield from extractor.extract_many(docs, batch_size=batch_size)

    monkeypatch.setattr(dask_runner, "worker_extractor", lambda: Breaks())
    docs = [Document(id="good", date=dt.date(2022, 11, 5), text="Iran supplied drones to Russia."),
            Document(id="bad", date=dt.date(2022, 11, 5), text="Anything at all."),
            Document(id="also-good", date=dt.date(2022, 11, 5), text="Germany sent Leopard tanks to Ukraine.")]
    documents, claims, failed = dask_runner.extract_partition(docs, 0, str(tmp_path))
    assert documents == 2 and claims >= 2
    assert len(failed) == 1 and "bad" in failed[0]
    written = {row["doc_id"] for row in pq.read_table(tmp_path / "part-00000.parquet").to_pylist()}
    assert written == {"good", "also-good"}
