"""The bare parse ``entente bench`` compares against, as its own process.

    python -m entente.scale.bare ARTICLES.jsonl [--exclude ner]

Reads the articles as ``entente extract`` does and runs the English pipeline
over them with ``nlp.pipe(batch_size=25)``; prints the number of tokens.
"""

from __future__ import annotations

import argparse
import sys

from entente.ingest import read_documents
from entente.model import Document
from entente.nlp.pipeline import load_base

BATCH_SIZE = 25


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="bare spaCy parse of a JSONL corpus")
    parser.add_argument("path")
    parser.add_argument("--exclude", action="append", default=[], help="a pipeline component to leave out")
    args = parser.parse_args(argv)
    nlp = load_base(exclude=tuple(args.exclude))
    texts = (d.text for d in read_documents([args.path]) if isinstance(d, Document))
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE))
    sys.stdout.write(f"{tokens}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
