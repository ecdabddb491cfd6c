"""Write the synthetic benchmark corpus of ``entente bench`` as JSON Lines.

    .venv/bin/python tools/make_bench_corpus.py bench.jsonl --articles 200 [--mixed]

The articles come from the editors' templates (src/entente/scale/bench_templates.yaml)
filled with gazetteer actors and catalogue systems; no third-party text.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from entente.scale.bench import military_corpus, mixed_stream


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--mixed", action="store_true", help="one military article in ten")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.mixed:
        docs = mixed_stream(args.articles, seed=args.seed)
    else:
        docs = military_corpus(args.articles, seed=args.seed, with_dev_gold=False)
    with args.out.open("w", encoding="utf-8") as handle:
        for doc in docs:
            row = {"id": doc.id, "date": doc.date.isoformat(), "text": doc.text}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(docs)} articles -> {args.out}")


if __name__ == "__main__":
    main()
