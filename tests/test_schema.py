"""Every claim entente extracts is valid against the spec's JSON Schema (draft 2020-12, formats checked).

Claims come from the bundled samples and from the dev gold texts, read at run
time from /work/shared (the schema and the gold are never copied into the
repo); without /work/shared these tests skip.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from entente import api
from entente.errors import ReadError
from entente.evaluate import load_gold
from entente.ingest import read_documents
from entente.model import Document

SHARED = Path("/work/shared")
SCHEMA = SHARED / "spec" / "claim.schema.json"
DEV = SHARED / "eval" / "dev"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _sample_documents() -> list[Document]:
    return [d for d in read_documents([SAMPLES]) if isinstance(d, Document)]


def _dev_documents() -> list[Document]:
    if not DEV.is_dir():
        return []
    return [
        Document(id=g.id, date=g.date, text=g.text, title=g.title)
        for path in sorted(DEV.glob("*.jsonl"))
        for g in load_gold(path)
    ]


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    if not SCHEMA.exists():
        pytest.skip("the claim schema (/work/shared/spec) is not on this machine")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def extractor() -> Any:
    """The spaCy pipeline, loaded once for every test here."""
    return api.load_extractor()


def _invalid(validator: Draft202012Validator, extractor: Any, docs: list[Document]) -> list[str]:
    problems = []
    for doc, claims in extractor.extract_many(docs, batch_size=16):
        for claim in claims:
            for error in validator.iter_errors(claim.to_dict()):
                where = "/".join(str(p) for p in error.absolute_path) or "(claim)"
                problems.append(f"{doc.id} {claim.kind} {claim.provider}->{claim.recipient} {where}: {error.message}")
    return problems


def test_schema_rejects_a_claim_that_breaks_it(validator: Draft202012Validator, extractor: Any) -> None:
    # Guards the check itself: an invalid stage and an impossible date must be caught.
    doc = Document(id="schema-check", date=dt.date(2022, 11, 5),
                   text="Iran supplied drones to Russia in October.")
    claims = extractor.extract(doc)
    assert claims
    good = claims[0].to_dict()
    assert list(validator.iter_errors(good)) == []
    assert not validator.is_valid({**good, "stage": "delivered-maybe"})
    # Formats are checked: a well-shaped but impossible date is refused.
    bad_date = {**good, "time": {"text": "x", "start": "2022-02-30", "end": None, "anchor": "document"}}
    assert not validator.is_valid(bad_date)
    good_date = {**good, "time": {"text": "x", "start": "2022-02-28", "end": None, "anchor": "document"}}
    assert validator.is_valid(good_date)


def test_every_sample_claim_is_valid(validator: Draft202012Validator, extractor: Any) -> None:
    docs = _sample_documents()
    assert docs and not [d for d in read_documents([SAMPLES]) if isinstance(d, ReadError)]
    assert _invalid(validator, extractor, docs) == []


def test_every_dev_gold_text_claim_is_valid(validator: Draft202012Validator, extractor: Any) -> None:
    docs = _dev_documents()
    if not docs:
        pytest.skip("the dev gold (/work/shared/eval/dev) is not on this machine")
    assert _invalid(validator, extractor, docs) == []
