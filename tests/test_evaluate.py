"""The spec's scoring rules, pinned on small hand-made gold and predictions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from entente.errors import GoldError
from entente.evaluate import GoldDocument, read_gold, score

TEXT = "Russia supplied drones to Syria. Iran denied sending missiles to Russia."


def gold_claim(**overrides: Any) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "kind": "transfer", "provider": "RUS", "recipient": "SYR",
        "item": {"text": "drones", "id": None, "category": "uav"},
        "stage": "occurred", "modality": "certain", "polarity": "positive",
        "source": {"text": None, "actor": None, "kind": "author"},
        "time": None, "evidence": {"quote": "Russia supplied drones to Syria."},
    }
    claim.update(overrides)
    return claim


def pred_claim(**overrides: Any) -> dict[str, Any]:
    claim = gold_claim()
    claim.pop("evidence")
    claim.update({"doc_id": "d1", "evidence": {"start": 0, "end": 32, "text": TEXT[:32]}})
    claim.update(overrides)
    return claim


def doc(*claims: dict[str, Any]) -> GoldDocument:
    return GoldDocument(id="d1", date=dt.date(2022, 12, 14), text=TEXT, claims=list(claims))


def test_exact_match_is_a_true_positive() -> None:
    scores = score([doc(gold_claim())], [pred_claim()])
    assert (scores.tp, scores.fp, scores.fn) == (1, 0, 0)
    assert scores.f1 == 1.0


def test_category_mismatch_is_a_miss_and_a_false_positive() -> None:
    wrong = pred_claim(item={"text": "drones", "id": None, "category": "missile"})
    scores = score([doc(gold_claim())], [wrong])
    assert (scores.tp, scores.fp, scores.fn) == (0, 1, 1)


def test_gold_category_list_accepts_any_member() -> None:
    gold = gold_claim(item={"text": "tech", "id": None, "category": ["missile", "components"]})
    pred = pred_claim(item={"text": "tech", "id": None, "category": "components"})
    assert score([doc(gold)], [pred]).tp == 1


def test_evidence_must_overlap_the_quote() -> None:
    elsewhere = pred_claim(evidence={"start": 33, "end": 70, "text": TEXT[33:70]})
    assert score([doc(gold_claim())], [elsewhere]).tp == 0


def test_cooperation_matches_in_either_order() -> None:
    gold = gold_claim(kind="cooperation", item=None)
    pred = pred_claim(kind="cooperation", item=None, provider="SYR", recipient="RUS")
    assert score([doc(gold)], [pred]).tp == 1


def test_optional_gold_is_neither_rewarded_nor_penalised() -> None:
    optional = gold_claim(optional=True)
    matched = score([doc(optional)], [pred_claim()])
    assert (matched.tp, matched.fp, matched.fn) == (0, 0, 0)
    missed = score([doc(optional)], [])
    assert missed.fn == 0


def test_each_gold_claim_matches_once() -> None:
    scores = score([doc(gold_claim())], [pred_claim(), pred_claim()])
    assert (scores.tp, scores.fp) == (1, 1)


def test_attribute_accuracy_counts_only_matched_pairs() -> None:
    pred = pred_claim(stage="planned", modality="possible")
    scores = score([doc(gold_claim())], [pred, pred_claim(provider="USA")])
    assert scores.accuracy("stage") == 0.0
    assert scores.accuracy("polarity") == 1.0
    assert scores.attribute_total["stage"] == 1


def test_time_inside_widened_gold_interval_is_correct() -> None:
    gold = gold_claim(time={"text": "In 2019", "start": "2019-01-01", "end": "2019-12-31"})
    inside = pred_claim(time={"text": "in March 2019", "start": "2019-03-01", "end": "2019-03-31"})
    outside = pred_claim(time={"text": "in 2020", "start": "2020-01-01", "end": "2020-12-31"})
    assert score([doc(gold)], [inside]).accuracy("time") == 1.0
    assert score([doc(gold)], [outside]).accuracy("time") == 0.0


def test_open_gold_start_accepts_any_start() -> None:
    gold = gold_claim(time={"text": "early November", "start": None, "end": "2022-11-10"})
    pred = pred_claim(time={"text": "early November", "start": "2022-11-01", "end": "2022-11-11"})
    assert score([doc(gold)], [pred]).accuracy("time") == 1.0


def test_item_id_scored_only_where_gold_has_one() -> None:
    scores = score([doc(gold_claim())], [pred_claim(item={"text": "drones", "id": "x", "category": "uav"})])
    assert scores.attribute_total["item.id"] == 0


def test_predictions_for_unknown_documents_are_false_positives() -> None:
    stray = pred_claim(doc_id="elsewhere")
    assert score([doc(gold_claim())], [pred_claim(), stray]).fp == 1


def test_malformed_gold_line_names_the_line() -> None:
    with pytest.raises(GoldError, match="gold:2"):
        list(read_gold(['{"id": "a", "date": "2022-01-01", "text": "x"}', "not json"]))


def test_several_gold_files_are_scored_together_and_each(tmp_path: Path) -> None:
    import json

    from entente.api import evaluate_files

    text_a = "Spain supplied Iran with 200,000 respirators in 1988."
    text_b = "Germany sent humanitarian aid to Turkey."
    claim = {"kind": "transfer", "provider": "ESP", "recipient": "IRN",
             "item": {"text": "200,000 respirators", "id": None, "category": "other"},
             "stage": "occurred", "modality": "certain", "polarity": "positive",
             "source": None, "time": None, "evidence": {"quote": text_a}}
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(json.dumps({"id": "a1", "date": "1990-01-01", "text": text_a, "claims": [claim]}) + "\n")
    b.write_text(json.dumps({"id": "b1", "date": "1990-01-01", "text": text_b, "claims": []}) + "\n")
    scores = evaluate_files([a, b])
    assert list(scores) == ["all", "a", "b"]
    assert (scores["all"].tp, scores["a"].tp, scores["b"].tp) == (1, 1, 0)
    assert scores["b"].fp == 0
