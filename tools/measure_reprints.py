"""What reprints did to the relations, and what they do now: the measure of issue 11.

    PYTHONPATH=src .venv/bin/python tools/measure_reprints.py [none|sentences|on] [--copies 12]

Extracts the dev gold texts (``../shared/eval/dev/*.jsonl``) once, stores them,
then stores them again ``--copies`` times under new ids and outlets, and
prints the number of relations and of confirmed ones after each step.
``none`` turns off both reprint detection and the merging of copied sentences
(fusion as it was before), ``sentences`` only the reprint detection, ``on``
neither. Each run uses a fresh SQLite file in a temporary directory.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as dt
import json
import tempfile
from pathlib import Path

from entente.api import load_extractor
from entente.fuse import independence, reprints
from entente.model import Document
from entente.store import Store

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["none", "sentences", "on"])
    parser.add_argument("--copies", type=int, default=12)
    args = parser.parse_args()
    if args.mode in ("none", "sentences"):
        reprints.ReprintIndex.similar = lambda self, minhash, exclude=(): []  # type: ignore[method-assign]
    if args.mode == "none":
        independence._copied_sentences = lambda claims: []
    docs = [
        Document(id=d["id"], date=dt.date.fromisoformat(d["date"]), text=d["text"], source=path.stem)
        for path in sorted(DEV.glob("*.jsonl"))
        for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    ]
    extracted = list(load_extractor().extract_many(docs, batch_size=16))
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "measure.db")) as store:
        for doc, claims in extracted:
            store.save_article(doc, claims)
        print(args.mode, f"{len(docs)} texts once:", summary(store))
        for n in range(args.copies):
            for doc, claims in extracted:
                copy = dataclasses.replace(doc, id=f"{doc.id}~copy{n}", source=f"outlet {n}")
                store.save_article(copy, [dataclasses.replace(c, doc_id=copy.id) for c in claims])
        print(args.mode, f"and {args.copies} more times under new ids:", summary(store))


def summary(store: Store) -> str:
    found = store.relations()
    by_status = collections.Counter(r.status for r in found)
    return f"{len(found)} relations, {by_status['confirmed']} confirmed"


if __name__ == "__main__":
    main()
