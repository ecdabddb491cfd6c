"""Fill a store with about N claims, fast, to measure listings, pages and saves on a large store.

    PYTHONPATH=src .venv/bin/python tools/make_big_store.py /tmp/big.db --claims 100000

GENERATED load, labelled as such: the dev gold texts (``../shared/eval/dev/*.jsonl``,
read there) are extracted once, then copied under new ids, dates and outlets
until the store holds ``--claims`` claims. Every fourth copy keeps its actors;
the others map every state code through a seeded shuffle of the states seen,
so the store has thousands of relations, not the few hundred of the dev gold,
and a few very large ones (the real pairs, thousands of claims each). Rows go
in with bulk inserts and the relations are fused once at the end, which is
what a store built by ``entente ingest`` holds, minus the reprint signatures.
The extraction is cached beside the store (``NAME.claims.jsonl``).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import time
from pathlib import Path

import sqlalchemy as sa

from entente.model import Claim, Document
from entente.store import Store, names, rows
from entente.store.refresh import refresh_relations
from entente.store.schema import claims as claims_table
from entente.store.schema import documents

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


def dev_documents() -> list[Document]:
    return [
        Document(id=d["id"], date=dt.date.fromisoformat(d["date"]), text=d["text"], source=path.stem)
        for path in sorted(DEV.glob("*.jsonl"))
        for d in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    ]


def extracted(cache: Path) -> list[tuple[Document, list[Claim]]]:
    docs = {d.id: d for d in dev_documents()}
    if cache.exists():
        found: dict[str, list[Claim]] = {i: [] for i in docs}
        for line in cache.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            found[data["doc_id"]].append(Claim.from_dict(data))
        return [(docs[i], found[i]) for i in docs]
    from entente.api import load_extractor

    result = list(load_extractor().extract_many(list(docs.values()), batch_size=16))
    cache.write_text("".join(json.dumps(c.to_dict()) + "\n" for _, cs in result for c in cs), encoding="utf-8")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.monotonic()
    base = extracted(args.db.with_suffix(".claims.jsonl"))
    states = sorted({a for _, cs in base for c in cs for a in (c.provider, c.recipient) if names.is_state(a)})
    rng = random.Random(args.seed)
    store = Store.open(str(args.db))
    total, copy = 0, 0
    with store.engine.begin() as conn:
        while total < args.claims:
            mapping = dict(zip(states, rng.sample(states, len(states)), strict=True)) if copy % 4 else {}
            shift = dt.timedelta(days=rng.randrange(0, 3650))
            doc_rows, claim_rows, kept = [], [], []
            for doc, found in base:
                new = dataclasses.replace(doc, id=f"{doc.id}~{copy}", date=doc.date - shift,
                                          source=f"outlet {copy % 50}", origin=f"<big-store {copy}>")
                doc_rows.append(rows.document_row(new))
                for claim in found:
                    moved = dataclasses.replace(
                        claim, doc_id=new.id,
                        provider=mapping.get(claim.provider, claim.provider),
                        recipient=mapping.get(claim.recipient, claim.recipient),
                    )
                    if moved.provider == moved.recipient:
                        continue
                    claim_rows.append(rows.claim_row(moved, new.id))
                    kept.append(moved)
            conn.execute(sa.insert(documents), doc_rows)
            if claim_rows:
                conn.execute(sa.insert(claims_table), claim_rows)
                store._remember_actors_and_items(conn, kept)
            total += len(claim_rows)
            copy += 1
        ids = list(conn.execute(sa.select(claims_table.c.relation_id).distinct()).scalars())
        for start in range(0, len(ids), 500):  # in the claims' transaction: they point at their relations
            refresh_relations(conn, ids[start:start + 500])
    stats = store.stats()
    store.close()
    print(f"{args.db}: {stats.documents} documents, {stats.claims} claims, {stats.relations} relations "
          f"(GENERATED: {copy} copies of the dev gold texts) in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
