"""Bounded cost per article: long texts are cut into pieces, not refused; a time budget stops a runaway."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from entente.errors import TookTooLong
from entente.extract import pipeline
from entente.extract.pipeline import Extractor
from entente.model import Document
from entente.nlp.pipeline import pieces

DAY = dt.date(2024, 3, 1)
PARAGRAPHS = [
    "Iran has supplied Shahed-136 drones to Russia, two US officials said on Tuesday.",
    "The weather in the capital stayed mild for the season, with light rain in the evening.",
    "Germany delivered IRIS-T air defence systems to Ukraine last month, the defence ministry said.",
    "Fans queued for hours outside the stadium before the cup final on Saturday.",
]


def test_pieces_cover_the_text_and_end_on_paragraph_breaks() -> None:
    text = "\n\n".join(PARAGRAPHS * 40)
    spans = pieces(text, 500)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(end - start <= 500 for start, end in spans)
    assert all(text[end - 2:end] == "\n\n" for _, end in spans[:-1])


def test_a_text_over_spacys_limit_is_cut_not_refused() -> None:
    text = ("word " * 250_000) + "\n\n" + ("more " * 10_000)  # 1.3 million characters, no sentence end
    spans = pieces(text)
    assert len(spans) > 20 and spans[-1][1] == len(text)
    assert max(end - start for start, end in spans) <= pipeline.PIECE_CHARS


def test_an_article_cut_into_pieces_gives_the_claims_of_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    extractor = Extractor.load()
    doc = Document("long", DAY, "\n\n".join(PARAGRAPHS * 3))
    whole = [c.to_dict() for c in extractor.extract(doc)]
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 300)
    cut = [c.to_dict() for c in extractor.extract(doc)]
    assert len(whole) >= 6
    assert cut == whole
    for claim in cut:
        ev = claim["evidence"]
        assert doc.text[ev["start"]:ev["end"]] == ev["text"]


def test_an_article_over_its_budget_is_an_e150_error_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.claims_from_doc

    def slow_for_one(parsed, document):  # type: ignore[no-untyped-def]
        if document.id == "slow":
            time.sleep(2)
        return real(parsed, document)

    monkeypatch.setattr(pipeline, "claims_from_doc", slow_for_one)
    monkeypatch.setattr(pipeline, "MIN_BUDGET", 0.2)
    extractor = Extractor(pipeline.load_pipeline(), budget=0.01)
    docs = [Document(i, DAY, PARAGRAPHS[0]) for i in ("a", "slow", "b")]
    outcomes = list(extractor.extract_each(docs))
    assert [d.id for d, _ in outcomes] == ["a", "slow", "b"]
    assert isinstance(outcomes[1][1], TookTooLong)
    assert str(outcomes[1][1]).startswith("E150: slow: took longer than")
    assert outcomes[0][1] and outcomes[2][1]  # the articles around it keep their claims
    with pytest.raises(TookTooLong):
        extractor.extract(docs[1])


def test_the_budget_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.BUDGET_ENV, "0")
    assert pipeline.budget_per_10k() == 0.0
    monkeypatch.setenv(pipeline.BUDGET_ENV, "7.5")
    assert pipeline.budget_per_10k() == 7.5
    monkeypatch.setenv(pipeline.BUDGET_ENV, "soon")
    assert pipeline.budget_per_10k() == pipeline.DEFAULT_BUDGET
