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
A relation with more than :data:`NEAR_COPY_LIMIT` distinct sentences groups
identical sentences only (after lower-casing and dropping punctuation), so a
relation refreshed at every article stays fast.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: see the note in entente.fuse.reprints
    from datasketch import LeanMinHash

from entente.fuse.keys import source_key
from entente.fuse.reprints import shingles
from entente.model import StoredClaim

SENTENCE_SHINGLE = 3  # words a shingle of an evidence sentence
SENTENCE_THRESHOLD = 0.6  # estimated Jaccard similarity from which two sentences are one
MIN_COPY_WORDS = 10
NEAR_COPY_LIMIT = 1000  # distinct sentences in one relation above which only identical ones are grouped
_SENTENCE_PERM = 64
OUTLET_PREFIXES = ("outlet:", "doc:", "orig:")  # voices of the outlet printing a claim, not of a speaker
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


def base_voice(stored: StoredClaim) -> str:
    """A claim's voice before copied sentences merge: its source key, a reprint's outlet voice its first copy's."""
    key = source_key(stored)
    if stored.reprint_of is not None and key.startswith(OUTLET_PREFIXES):
        return f"orig:{stored.reprint_of}"
    return key


def voices(claims: Sequence[StoredClaim]) -> dict[int, str]:
    """Claim id -> its voice: :func:`~entente.fuse.keys.source_key`, with reprints and copies merged."""
    keys = {s.id: base_voice(s) for s in claims}
    outlet = [s for s in claims if keys[s.id].startswith(OUTLET_PREFIXES)]
    for group in _copied_sentences(outlet):
        first = min(group, key=lambda s: (s.doc_date, s.id))
        for s in group:
            keys[s.id] = keys[first.id]
    return keys


_HASHED: OrderedDict[str, LeanMinHash] = OrderedDict()  # sentence -> MinHash, most recent last
_HASHED_MAX = 50_000  # about 35 MB: a relation refreshed per article hashes only its new sentences


def clear_cache() -> None:
    """Forget the hashed sentences (tests, or to free memory)."""
    _HASHED.clear()
    sentence_words.cache_clear()


@lru_cache(maxsize=_HASHED_MAX)
def sentence_words(sentence: str) -> str:
    """The sentence lower-cased, its words joined by single spaces (a relation's refresh meets each many times)."""
    return " ".join(_WORD.findall(sentence.lower()))


def sentence_hashes(texts: Sequence[str]) -> list[LeanMinHash]:
    missing = [t for t in dict.fromkeys(texts) if t not in _HASHED]
    if missing:
        from datasketch import LeanMinHash, MinHash

        made = MinHash.bulk(
            [[s.encode("utf-8") for s in shingles(t, SENTENCE_SHINGLE)] for t in missing], num_perm=_SENTENCE_PERM
        )
        for text, minhash in zip(missing, made, strict=True):
            _HASHED[text] = LeanMinHash(minhash)
    out = []
    for text in texts:
        _HASHED.move_to_end(text)
        out.append(_HASHED[text])
    while len(_HASHED) > _HASHED_MAX:
        _HASHED.popitem(last=False)
    return out


@cache
def lsh_bands() -> tuple[int, int]:
    """The LSH (bands, rows) for the sentence threshold: datasketch integrates for them at every new
    index (about 7 ms), and a store refreshing relations makes one per relation."""
    from datasketch import MinHashLSH

    probe = MinHashLSH(threshold=SENTENCE_THRESHOLD, num_perm=_SENTENCE_PERM)
    return probe.b, probe.r


def _copied_sentences(claims: Sequence[StoredClaim]) -> list[list[StoredClaim]]:
    """Groups of claims from two or more stories whose evidence sentences are near-duplicates.

    Each distinct sentence is hashed once; the LSH index holds one sentence per
    group found so far, so a wire sentence printed a thousand times costs a
    thousand lookups, not a million comparisons.
    """
    if len({s.original_id for s in claims}) < 2:
        return []
    by_text: dict[str, list[StoredClaim]] = {}
    for s in claims:
        text = sentence_words(s.claim.evidence.text)
        if text.count(" ") + 1 >= MIN_COPY_WORDS:
            by_text.setdefault(text, []).append(s)
    texts = list(by_text)
    if len(texts) < 2 or len(texts) > NEAR_COPY_LIMIT:  # beyond the limit, identical sentences only
        return [g for g in by_text.values() if len({s.original_id for s in g}) > 1]
    from datasketch import MinHashLSH

    hashes = sentence_hashes(texts)
    lsh = MinHashLSH(num_perm=_SENTENCE_PERM, params=lsh_bands())
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, minhash in enumerate(hashes):
        joined = False
        for j in lsh.query(minhash):
            if minhash.jaccard(hashes[int(j)]) >= SENTENCE_THRESHOLD:
                parent[root(i)] = root(int(j))
                joined = True
        if not joined:  # a new group: its first sentence stands for it in the index
            lsh.insert(i, minhash)
    groups: dict[int, list[StoredClaim]] = {}
    for i, text in enumerate(texts):
        groups.setdefault(root(i), []).extend(by_text[text])
    return [g for g in groups.values() if len({s.original_id for s in g}) > 1]
