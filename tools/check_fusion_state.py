"""Check incremental fusion against full fusion on every relation of a store.

    PYTHONPATH=src .venv/bin/python tools/check_fusion_state.py /tmp/big.db --splits 3

For each relation (its claims read as the store's refresh reads them, in id
order): the row ``fuse_one`` gives all its claims; the row of
``RelationState.from_claims`` of them all; and, ``--splits`` times with a
seeded random cut, a state of a prefix given the rest in one to four
appended batches, through its JSON form after each step. Prints how many
relations and splits were checked, how many splits every ``add`` accepted,
and every disagreement (there should be none); exits 1 on one.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from entente.fuse import fuse_one
from entente.fuse.state import RelationState
from entente.model import StoredClaim
from entente.store import engine as engines
from entente.store import rows
from entente.store.refresh import FUSION_SELECT, fusion_claim


def split_row(claims: list[StoredClaim], rng: random.Random) -> dict[str, object] | None:
    """The row of a state of a random prefix given the rest in batches; None when an ``add`` refused."""
    cuts = sorted(rng.sample(range(1, len(claims)), min(len(claims) - 1, rng.randint(1, 4))))
    pieces = [claims[a:b] for a, b in zip([0, *cuts], [*cuts, len(claims)], strict=True)]
    state = RelationState.from_claims(pieces[0])
    for piece in pieces[1:]:
        loaded = RelationState.from_json(state.to_json())
        assert loaded is not None
        if not loaded.add(piece):
            return None
        state = loaded
    return rows.relation_row(state.relation())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--splits", type=int, default=3)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    started = time.monotonic()
    grouped: dict[str, list[StoredClaim]] = defaultdict(list)
    # read-only and at any revision: only the claims and documents are read
    engine = engines.create_engine(engines.resolve_url(str(args.db)), read_only=True)
    with engine.connect() as conn:
        for read in conn.execute(FUSION_SELECT):
            grouped[read.relation_id].append(fusion_claim(read))
    engine.dispose()
    rng = random.Random(args.seed)
    bad, splits, accepted = [], 0, 0
    for rid, claims in sorted(grouped.items()):
        claims.sort(key=lambda s: s.id)
        full = rows.relation_row(fuse_one(claims))
        if rows.relation_row(RelationState.from_claims(claims).relation()) != full:
            bad.append(f"{rid}: the state of all {len(claims)} claims differs")
        if len(claims) < 2:
            continue
        for _ in range(args.splits):
            splits += 1
            row = split_row(claims, rng)
            if row is not None:
                accepted += 1
                if row != full:
                    bad.append(f"{rid}: a split of {len(claims)} claims differs: {row} != {full}")
    print(f"{args.db}: {len(grouped)} relations checked whole, {splits} splits of those with 2+ claims, "
          f"{accepted} accepted by every add, {len(bad)} disagreements "
          f"({time.monotonic() - started:.0f} s)")
    for line in bad[:20]:
        print(line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
