"""The spec's scoring (``shared/spec/claims.md``, "Scoring"), as ``entente eval`` prints it.

A predicted claim matches a gold claim of the same document when kinds are
equal, provider and recipient are equal (either order for ``cooperation``),
item categories agree (a gold list accepts any of its members; both null is
equal) and the predicted evidence overlaps the gold quote. Each gold claim is
matched at most once, greedily, best overlap first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from entente.errors import GoldError

ATTRIBUTES = ("stage", "modality", "polarity", "source.kind", "source.actor", "item.id", "time")


@dataclass(frozen=True)
class GoldDocument:
    id: str
    date: dt.date
    text: str
    claims: list[dict[str, Any]]
    title: str | None = None


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_matched: int = 0
    attribute_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    attribute_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTES, 0))
    # (doc_id, claim) pairs, kept so a developer can see what went wrong
    false_positives: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    false_negatives: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    mismatches: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, attribute: str) -> float | None:
        total = self.attribute_total[attribute]
        return self.attribute_hits[attribute] / total if total else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "accuracy": {a: _round(self.accuracy(a)) for a in ATTRIBUTES},
            "support": dict(self.attribute_total),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def read_gold(lines: Iterable[str], where: str = "gold") -> Iterator[GoldDocument]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            yield GoldDocument(
                id=row["id"],
                date=dt.date.fromisoformat(row["date"]),
                text=row["text"],
                claims=list(row.get("claims", [])),
                title=row.get("title"),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{where}:{number}: not a gold document ({exc})") from exc


def load_gold(path: str | Path | TextIO) -> list[GoldDocument]:
    if isinstance(path, (str, Path)):
        with open(path, encoding="utf-8") as handle:
            return list(read_gold(handle, str(path)))
    return list(read_gold(path))


def read_predictions(path: str | Path) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except ValueError as exc:
                    raise GoldError(f"{path}:{number}: not a JSON claim ({exc})") from exc
    return out


def _quote_span(text: str, quote: str) -> tuple[int, int]:
    start = text.find(quote)
    if start < 0:
        raise GoldError(f"gold quote is not in its text: {quote[:60]!r}")
    return start, start + len(quote)


def _category_ok(gold_item: dict[str, Any] | None, pred_item: dict[str, Any] | None) -> bool:
    gold_cat = gold_item["category"] if gold_item else None
    pred_cat = pred_item["category"] if pred_item else None
    if gold_cat is None or pred_cat is None:
        return gold_cat is None and pred_cat is None
    if isinstance(gold_cat, list):
        return pred_cat in gold_cat
    return bool(pred_cat == gold_cat)


def _actors_ok(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if gold["provider"] == pred["provider"] and gold["recipient"] == pred["recipient"]:
        return True
    return gold["kind"] == "cooperation" and (
        gold["provider"] == pred["recipient"] and gold["recipient"] == pred["provider"]
    )


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _time_ok(gold: dict[str, Any] | None, pred: dict[str, Any] | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    one_day = dt.timedelta(days=1)
    g_start = dt.date.fromisoformat(gold["start"]) - one_day if gold.get("start") else None
    g_end = dt.date.fromisoformat(gold["end"]) + one_day if gold.get("end") else None
    p_start = dt.date.fromisoformat(pred["start"]) if pred.get("start") else None
    p_end = dt.date.fromisoformat(pred["end"]) if pred.get("end") else None
    if g_start is not None and (p_start is None or p_start < g_start):
        return False
    return not (g_end is not None and (p_end is None or p_end > g_end))


def _attribute(claim: dict[str, Any], name: str) -> Any:
    if name == "source.kind":
        return (claim.get("source") or {}).get("kind")
    if name == "source.actor":
        return (claim.get("source") or {}).get("actor")
    if name == "item.id":
        return (claim.get("item") or {}).get("id")
    return claim.get(name)


def score(gold_docs: Iterable[GoldDocument], predictions: Iterable[dict[str, Any]]) -> Scores:
    """Score predicted claims (spec JSON objects) against gold documents."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for pred in predictions:
        by_doc.setdefault(pred["doc_id"], []).append(pred)
    scores = Scores()
    for doc in gold_docs:
        preds = by_doc.pop(doc.id, [])
        _score_document(doc, preds, scores)
    for doc_id, preds in by_doc.items():  # predictions for documents gold does not hold
        scores.fp += len(preds)
        scores.false_positives.extend((doc_id, p) for p in preds)
    return scores


def _score_document(doc: GoldDocument, preds: list[dict[str, Any]], scores: Scores) -> None:
    gold_spans = [_quote_span(doc.text, g["evidence"]["quote"]) for g in doc.claims]
    candidates: list[tuple[int, int, int]] = []
    for gi, gold in enumerate(doc.claims):
        for pi, pred in enumerate(preds):
            if gold["kind"] != pred["kind"] or not _actors_ok(gold, pred):
                continue
            if not _category_ok(gold.get("item"), pred.get("item")):
                continue
            ev = pred["evidence"]
            overlap = _overlap(gold_spans[gi], (ev["start"], ev["end"]))
            if overlap > 0:
                candidates.append((overlap, gi, pi))
    # Greedy, best overlap first; ties prefer required gold claims over optional ones.
    candidates.sort(key=lambda c: (-c[0], bool(doc.claims[c[1]].get("optional")), c[1], c[2]))
    gold_used: set[int] = set()
    pred_used: set[int] = set()
    for _, gi, pi in candidates:
        if gi in gold_used or pi in pred_used:
            continue
        gold_used.add(gi)
        pred_used.add(pi)
        gold, pred = doc.claims[gi], preds[pi]
        if gold.get("optional"):
            scores.optional_matched += 1
            continue
        scores.tp += 1
        _score_attributes(doc.id, gold, pred, scores)
    for gi, gold in enumerate(doc.claims):
        if gi not in gold_used and not gold.get("optional"):
            scores.fn += 1
            scores.false_negatives.append((doc.id, gold))
    for pi, pred in enumerate(preds):
        if pi not in pred_used:
            scores.fp += 1
            scores.false_positives.append((doc.id, pred))


def _score_attributes(doc_id: str, gold: dict[str, Any], pred: dict[str, Any], scores: Scores) -> None:
    for name in ATTRIBUTES:
        if name == "item.id" and not (gold.get("item") or {}).get("id"):
            continue  # item.id is scored only where gold has one
        scores.attribute_total[name] += 1
        if name == "time":
            ok = _time_ok(gold.get("time"), pred.get("time"))
        else:
            ok = _attribute(gold, name) == _attribute(pred, name)
        if ok:
            scores.attribute_hits[name] += 1
        else:
            scores.mismatches.append((doc_id, name, gold, pred))
