"""Ingest over a real store: failures stay with their article, reruns are no-ops."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from conftest import make_claim, make_doc

from entente.errors import BadRecord
from entente.model import Claim, Document
from entente.store import Store
from entente.store.service import IngestReport, ingest_documents, ingest_paths


class KeywordExtractor:
    """One transfer claim per sentence naming drones; raises on articles that say 'CRASH'."""

    def __init__(self) -> None:
        self.extracted: list[str] = []

    def extract(self, doc: Document) -> list[Claim]:
        if "CRASH" in doc.text:
            raise RuntimeError("the parser fell over")
        self.extracted.append(doc.id)
        claims = []
        start = 0
        for sentence in doc.text.split(". "):
            if "drones" in sentence:
                claims.append(make_claim(doc.id, evidence=sentence, start=start))
            start += len(sentence) + 2
        return claims

    def extract_many(
        self, docs: Iterable[Document], *, batch_size: int = 32
    ) -> Iterator[tuple[Document, list[Claim]]]:
        for doc in docs:
            yield doc, self.extract(doc)


ONE = "Iran shipped drones to Russia in August. Officials in Kyiv counted the wreckage."
TWO = "Tehran delivered more drones to Moscow. The drones were assembled near Isfahan."


def test_a_failing_article_is_reported_and_the_rest_are_stored(store: Store) -> None:
    docs: list[Document | BadRecord] = [
        make_doc("a", ONE),
        make_doc("b", "CRASH " + ONE),
        BadRecord("feed.jsonl:3", "no 'date' field"),
        make_doc("c", TWO),
    ]
    report = ingest_documents(docs, store, KeywordExtractor())
    assert (report.added, report.unchanged) == (2, 0)
    assert sorted(f.where for f in report.failed) == ["b", "feed.jsonl:3"]
    assert any("the parser fell over" in f.reason for f in report.failed)
    assert store.document_ids() == ["a", "c"]
    assert len(store.claims(doc_id="a")) == 1 and len(store.claims(doc_id="c")) == 2
    assert store.relations()[0].n_articles == 2


def test_rerun_extracts_nothing_and_stores_the_same_rows(store: Store) -> None:
    ingest_documents([make_doc("a", ONE), make_doc("c", TWO)], store, KeywordExtractor())
    before = [(s.claim, s.id) for s in store.claims()]
    extractor = KeywordExtractor()
    report = ingest_documents([make_doc("a", ONE), make_doc("c", TWO)], store, extractor)
    assert report.unchanged == 2 and report.added == 0 and extractor.extracted == []
    assert [(s.claim, s.id) for s in store.claims()] == before


def test_changed_article_is_replaced_on_rerun(store: Store) -> None:
    ingest_documents([make_doc("a", ONE), make_doc("c", TWO)], store, KeywordExtractor())
    report = ingest_documents([make_doc("a", TWO)], store, KeywordExtractor())
    assert report.replaced == 1
    assert len(store.claims(doc_id="a")) == 2 and len(store.claims(doc_id="c")) == 2


def test_progress_is_reported_for_every_article(store: Store) -> None:
    seen: list[int] = []
    ingest_documents(
        [make_doc("a", ONE), BadRecord("x:1", "bad"), make_doc("c", TWO)],
        store, KeywordExtractor(), on_progress=lambda r: seen.append(r.articles),
    )
    assert sorted(seen) == [1, 2, 3]


def test_ingest_paths_reads_jsonl_files(store: Store, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a", "date": "2022-11-01", "text": ONE},
        {"id": "c", "date": "2022-11-02", "text": TWO, "source": "Wire"},
        "not an object",
    ]
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    report = ingest_paths([feed], store, KeywordExtractor())
    assert (report.added, len(report.failed)) == (2, 1)
    assert store.document("c").source == "Wire" and store.document("c").date == dt.date(2022, 11, 2)


def test_report_counts_and_rate() -> None:
    report = IngestReport(added=2, replaced=1, unchanged=1)
    assert report.articles == 4 and report.ok and report.rate >= 0


@pytest.mark.parametrize("slow_ms", ["20"])
def test_slow_hook_delays_each_saved_article(
    store: Store, monkeypatch: pytest.MonkeyPatch, slow_ms: str
) -> None:
    monkeypatch.setenv("ENTENTE_TEST_SLOW_MS", slow_ms)
    report = ingest_documents([make_doc("a", ONE), make_doc("c", TWO)], store, KeywordExtractor())
    assert report.rate < 2 / 0.04 + 1  # two articles took at least 40 ms


class StreamingRunner(KeywordExtractor):
    """A runner (as in entente.scale.runner): one extract_each over the whole stream, errors as values."""

    isolates_failures = True

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.pulled_before_first_result = 0

    def extract_each(
        self, docs: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[tuple[Document, list[Claim] | Exception]]:
        self.calls += 1
        pending = list(docs)  # a pool reads ahead; this one reads everything before its first result
        self.pulled_before_first_result = len(pending)
        for doc in pending:
            try:
                yield doc, self.extract(doc)
            except RuntimeError as exc:
                from entente.errors import ExtractionFailed

                yield doc, ExtractionFailed(doc.id, str(exc))


def test_a_runner_gets_the_whole_stream_and_saves_come_in_batches(store: Store) -> None:
    from entente.store.service import BATCH_SIZE

    n = 2 * BATCH_SIZE + 3
    docs = [make_doc(f"d{i:03}", ONE if i != 5 else "CRASH " + ONE) for i in range(n)]
    runner = StreamingRunner()
    batches: list[int] = []
    original = store.save_articles
    store.save_articles = lambda pairs: (batches.append(len(pairs)), original(pairs))[1]  # type: ignore[method-assign]
    report = ingest_documents(docs, store, runner)
    assert runner.calls == 1 and runner.pulled_before_first_result == n  # never stalled per batch
    assert report.added == n - 1 and [f.where for f in report.failed] == ["d005"]
    assert batches == [BATCH_SIZE, BATCH_SIZE, 2]  # 16 extracted articles a transaction, the rest at the end
    assert len(store.document_ids()) == n - 1
