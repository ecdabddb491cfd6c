"""Which claims of a relation are independent, and whose voice each one is.

Reprints (articles the store found to be near-duplicates of a first copy, see
:mod:`entente.fuse.reprints`) repeat a story already counted: status, strongest
evidence and the source count are computed on one article per story
(:func:`independent`): the first copy when it holds claims of the relation,
else the earliest reprint that does (a rewritten headline can add a claim the
first copy lacks). Twelve reprints of one story are one article and one voice.

A claim whose voice is the outlet printing it (anonymous, media, the article
itself) is merged with the other outlet-voiced claims whose evidence sentence is
a near-duplicate of its own in another article (:func:`voices`): two outlets
printing the same wire sentence are one source. Sentences under
:data:`MIN_COPY_WORDS` words are never merged: short plain statements ("Iran
has supplied drones to Russia.") are written alike by outlets that never met.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from entente.fuse.keys import source_key
from entente.fuse.reprints import shingles
from entente.model import StoredClaim

SENTENCE_SHINGLE = 3  # words a shingle of an evidence sentence
SENTENCE_THRESHOLD = 0.6  # estimated Jaccard similarity from which two sentences are one
MIN_COPY_WORDS = 10
_SENTENCE_PERM = 64
_OUTLET_PREFIXES = ("outlet:", "doc:", "orig:")
_WORD = re.compile(r"\w+")


def independent(claims: Sequence[StoredClaim]) -> list[StoredClaim]:
    """The claims of one article per story (see the module docstring), in their given order."""
    stories: dict[str, list[StoredClaim]] = {}
    for s in claims:
        stories.setdefault(s.original_id, []).append(s)
    kept: set[int] = set()
    for story in stories.values():
        first = min(story, key=lambda s: (s.reprint_of is not None, s.doc_date, s.claim.doc_id))
        kept.update(s.id for s in story if s.claim.doc_id == first.claim.doc_id)
    return [s for s in claims if s.id in kept]


def reprint_ids(claims: Sequence[StoredClaim]) -> set[str]:
    """The reprint articles among the claims' articles."""
    return {s.claim.doc_id for s in claims if s.reprint_of is not None}


def voices(claims: Sequence[StoredClaim]) -> dict[int, str]:
    """Claim id -> its voice: :func:`~entente.fuse.keys.source_key`, with reprints and copies merged."""
    keys: dict[int, str] = {}
    for s in claims:
        key = source_key(s)
        if s.reprint_of is not None and key.startswith(_OUTLET_PREFIXES):
            key = f"orig:{s.reprint_of}"
        keys[s.id] = key
    outlet = [s for s in claims if keys[s.id].startswith(_OUTLET_PREFIXES)]
    for group in _copied_sentences(outlet):
        first = min(group, key=lambda s: (s.doc_date, s.id))
        for s in group:
            keys[s.id] = keys[first.id]
    return keys


def _copied_sentences(claims: Sequence[StoredClaim]) -> list[list[StoredClaim]]:
    """Groups of claims from two or more articles whose evidence sentences are near-duplicates."""
    if len({s.original_id for s in claims}) < 2:
        return []
    texts = [
        shingles(s.claim.evidence.text, SENTENCE_SHINGLE)
        if len(_WORD.findall(s.claim.evidence.text)) >= MIN_COPY_WORDS
        else set()
        for s in claims
    ]
    hashes = MinHash.bulk([[t.encode("utf-8") for t in shingle_set] for shingle_set in texts],
                          num_perm=_SENTENCE_PERM)
    lsh = MinHashLSH(threshold=SENTENCE_THRESHOLD, num_perm=_SENTENCE_PERM)
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, minhash in enumerate(hashes):
        if not texts[i]:
            continue
        for j in lsh.query(minhash):
            same_article = claims[i].original_id == claims[int(j)].original_id
            if not same_article and minhash.jaccard(hashes[int(j)]) >= SENTENCE_THRESHOLD:
                parent[root(i)] = root(int(j))
        lsh.insert(i, minhash)
    groups: dict[int, list[StoredClaim]] = {}
    for i, s in enumerate(claims):
        groups.setdefault(root(i), []).append(s)
    return [g for g in groups.values() if len({s.original_id for s in g}) > 1]
