"""Near-duplicate articles: one story reprinted by many outlets is one source.

An article's body is cut into shingles (five-word windows of its lower-cased
words) and summarised as a MinHash signature (``datasketch``, 128
permutations); a MinHash LSH index finds the stored articles whose estimated
Jaccard similarity with a new one is at least :data:`THRESHOLD`. The new
article is then a *reprint* of the first copy (the earliest stored article of
its cluster). Headlines are left out: reprinting outlets rewrite them.

Signatures are kept in the store as bytes (:func:`to_bytes`) so the index can
be rebuilt when a store is opened again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datasketch import LeanMinHash

# datasketch is imported where it is used: it pulls in scipy, about 0.8 s of start-up
# that `entente extract` (which stores nothing) should not pay; numpy too (0.1-0.2 s), which
# a listing of the store never needs.

__all__ = ["LeanMinHash", "ReprintIndex", "from_bytes", "shingles", "signature", "to_bytes"]

NUM_PERM = 128
SEED = 1
SHINGLE = 5  # words a shingle
THRESHOLD = 0.5  # estimated Jaccard similarity from which two articles are one story
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of ``size``-word windows of ``text`` (the whole text when it is shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> LeanMinHash | None:
    """The MinHash signature of ``text``; None when it has no words."""
    found = shingles(text)
    if not found:
        return None
    from datasketch import LeanMinHash, MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations())
    minhash.update_batch([s.encode("utf-8") for s in found])
    return LeanMinHash(minhash)


@cache
def _permutations() -> Any:
    """The permutations a MinHash of :data:`NUM_PERM` and :data:`SEED` draws: the same at every call,
    and drawing them (numpy, one by one) cost as much as hashing a short article's shingles."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED).permutations


def to_bytes(minhash: LeanMinHash) -> bytes:
    import numpy as np

    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    import numpy as np
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(data, dtype="<u8").astype(np.uint64))


class ReprintIndex:
    """An LSH index of article signatures: which stored article is a new one a copy of."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh_index: Any = None  # made on first use (see the import note above)
        self._signatures: dict[str, LeanMinHash] = {}

    @property
    def _lsh(self) -> Any:
        if self._lsh_index is None:
            from datasketch import MinHashLSH

            self._lsh_index = MinHashLSH(threshold=self.threshold, num_perm=NUM_PERM)
        return self._lsh_index

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, minhash: LeanMinHash) -> None:
        """Index ``doc_id`` (replacing its previous signature, if any)."""
        self.remove(doc_id)
        self._lsh.insert(doc_id, minhash)
        self._signatures[doc_id] = minhash

    def remove(self, doc_id: str) -> None:
        if doc_id in self._signatures:
            self._lsh.remove(doc_id)
            del self._signatures[doc_id]

    def similar(self, minhash: LeanMinHash, exclude: Iterable[str] = ()) -> list[tuple[str, float]]:
        """Indexed articles at least :attr:`threshold` similar, most similar first.

        LSH candidates are checked against their signatures, so a chance
        collision in one band does not make a reprint.
        """
        skip = set(exclude)
        found = []
        for key in self._lsh.query(minhash):
            if key in skip:
                continue
            score = float(minhash.jaccard(self._signatures[key]))
            if score >= self.threshold:
                found.append((str(key), score))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def __getattr__(name: str) -> Any:
    if name == "LeanMinHash":  # re-exported, imported on first use
        from datasketch import LeanMinHash

        return LeanMinHash
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
