"""A relation's fusion kept between saves, so new claims update it without its old claims.

:class:`RelationState` holds what :func:`entente.fuse.fuse_one` needs to give
the same relation row (everything but the timeline) from a relation's claims:
counts, date bounds, kinds, the category counts in first-seen order, each
story's chosen article (:func:`~entente.fuse.independence.independent`), the
reprint articles, and, for the claims of the chosen articles, what status,
strongest evidence and the voices need: the latest positive claim, the best
claim strength, the stories and voices of the facts, and the near-copy
sentence groups of outlet-voiced claims with the union-find
:func:`~entente.fuse.independence.voices` runs, which new sentences continue.

Each group's voice is the base voice of its earliest member (article date,
then claim id): a group of one story holds one article's claims, which share
that article's outlet voice, so this is the voice ``voices`` gives every
member whether or not it merges them.

:meth:`RelationState.add` applies claims with ids above every claim seen so
far, or returns False, leaving the state as it was, when it cannot be exact
(the caller fuses the relation fully then): a claim out of id order or of
another relation, a new article that would become its story's chosen one,
or sentences crossing :data:`~entente.fuse.independence.NEAR_COPY_LIMIT`
after groups of several sentences formed. ``tests/test_fuse_state.py``
checks that a state built from a prefix of a relation's claims and given the
rest in batches gives ``fuse_one``'s row, whenever every ``add`` accepted.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from entente.fuse import independence
from entente.fuse.independence import (
    OUTLET_PREFIXES,
    SENTENCE_THRESHOLD,
    base_voice,
    lsh_bands,
    sentence_hashes,
    sentence_words,
)
from entente.fuse.keys import relation_key
from entente.fuse.relations import keyed_relation
from entente.fuse.rules import EXPECTED_STAGES, STRENGTHS, claim_strength, is_admission, is_fact, latest_key
from entente.model import Relation, StoredClaim

VERSION = 1  # of the serialised form: a state of another version is as good as none
_INDEPENDENT = STRENGTHS.index("independent_sources")
_HASH_BYTES = 4  # a sentence MinHash value is below 2**32 (datasketch masks it so): stored as uint32


def _digest(text: str) -> str:
    """A sentence's identity in the state (96 bits: collisions are not a practical concern)."""
    return base64.b64encode(hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()).decode("ascii")


@dataclass
class _Group:
    """A near-copy group of sentences: its earliest member (date ordinal, claim id), whose voice it takes."""

    first: tuple[int, int]
    voice: str
    has_fact: bool

    def take(self, first: tuple[int, int], voice: str, has_fact: bool) -> None:
        if first < self.first:
            self.first, self.voice = first, voice
        self.has_fact = self.has_fact or has_fact


# A story's chosen article, stored as JSON reads it back (a state is read at every save: no objects per story):
# its date ordinal when it is the first copy itself, else [the reprint's id, its date ordinal].
_Chosen = int | list[Any]


def _chosen(s: StoredClaim) -> _Chosen:
    day = s.doc_date.toordinal()
    return [s.claim.doc_id, day] if s.reprint_of is not None else day


def _chosen_key(story: str, chosen: _Chosen) -> tuple[bool, int, str]:
    """``independent``'s sort key of the chosen article: (is a reprint, date, id)."""
    if isinstance(chosen, int):
        return (False, chosen, story)
    return (True, chosen[1], chosen[0])


@dataclass
class RelationState:
    """What fusing a relation's claims needs, without the claims (see the module docstring)."""

    key: tuple[str, str, str]
    n_claims: int = 0
    last_id: int = 0
    categories: dict[str, int] = field(default_factory=dict)  # in first-seen order: a tie goes to the first
    kinds: set[str] = field(default_factory=set)
    first_seen: int | None = None
    last_seen: int | None = None
    event_start: int | None = None
    event_end: int | None = None
    stories: dict[str, _Chosen] = field(default_factory=dict)  # story (first copy's id) -> its chosen article
    reprints: set[str] = field(default_factory=set)
    # over the claims of the stories' chosen articles ("kept")
    n_kept: int = 0
    n_positive: int = 0
    admitted: bool = False
    latest: tuple[str, str, int] | None = None  # rules.latest_key of the latest positive claim
    latest_refused: bool = False
    sure_occurred: bool = False
    sure_expected: bool = False
    best_rank: int | None = None  # the best claim strength among positive claims (index in STRENGTHS)
    fact_stories: set[str] = field(default_factory=set)  # at most two: has_independent_facts needs two
    fixed_voices: set[str] = field(default_factory=set)  # voices of kept claims in no sentence group
    fact_fixed_voices: set[str] = field(default_factory=set)
    # the outlet-voiced sentences of MIN_COPY_WORDS or more, in first-seen order, and their union-find
    identical_only: bool = False  # beyond NEAR_COPY_LIMIT sentences: only identical ones are grouped
    texts: dict[str, int] = field(default_factory=dict)  # digest -> index
    parent: list[int] = field(default_factory=list)
    groups: dict[int, _Group] = field(default_factory=dict)  # root index -> group
    minhashes: dict[int, bytes] = field(default_factory=dict)  # the LSH index's sentences: index -> values

    # ------------------------------------------------------------ building

    @classmethod
    def from_claims(cls, claims: Sequence[StoredClaim]) -> RelationState:
        """The state of a relation's claims (in id order, as the store reads them for it)."""
        if not claims:
            raise ValueError("a relation needs at least one claim")
        state = cls(relation_key(claims[0].claim))
        if not state.add(claims):
            raise ValueError("claims given out of id order, or of several relations")
        return state

    def add(self, new: Sequence[StoredClaim]) -> bool:
        """Apply ``new`` claims exactly and return True, or return False and change nothing."""
        batch = sorted(new, key=lambda s: s.id)
        if not batch:
            return True
        if batch[0].id <= self.last_id or len({s.id for s in batch}) != len(batch):
            return False
        if any(relation_key(s.claim) != self.key for s in batch):
            return False
        stories = self._new_stories(batch)
        if stories is None:
            return False
        self.stories.update(stories)  # nothing below refuses once this holds
        kept = [(s, _voice(s)) for s in batch if _chosen_key(s.original_id, self.stories[s.original_id])[2] == s.claim.doc_id]
        texts = {digest for _, (_, digest) in kept if digest is not None and digest not in self.texts}
        if not self.identical_only and len(self.texts) + len(texts) > independence.NEAR_COPY_LIMIT:
            if any(self._root(i) != i for i in range(len(self.parent))):
                for story in stories:
                    del self.stories[story]
                return False  # groups of several sentences would split: fuse again from the claims
            self.identical_only = True  # every group holds one sentence: grouping identical ones is the same
            self.minhashes.clear()
        for s in batch:
            self._count(s)
        pending: dict[str, tuple[str, list[tuple[tuple[int, int], str, bool]]]] = {}
        for s, voice in kept:
            self._keep(s, voice, pending)
        if pending:
            self._group_new_texts(pending)
        self.n_claims += len(batch)
        self.last_id = batch[-1].id
        return True

    def _new_stories(self, new: Sequence[StoredClaim]) -> dict[str, _Chosen] | None:
        """The stories first seen in ``new``, with their chosen articles; None when a held story's would change."""
        candidates: dict[str, _Chosen] = {}
        for s in new:
            story, chosen = s.original_id, _chosen(s)
            key = _chosen_key(story, chosen)
            held = self.stories.get(story)
            if held is not None:
                held_key = _chosen_key(story, held)
                if key[2] != held_key[2] and key < held_key:
                    return None  # the old claims of the story would drop out of the kept ones
                continue
            best = candidates.get(story)
            if best is None or key < _chosen_key(story, best):
                candidates[story] = chosen
        return candidates

    def _count(self, s: StoredClaim) -> None:
        """What fusion counts over every claim, kept or not."""
        c = s.claim
        if c.item is not None:
            self.categories[c.item.category] = self.categories.get(c.item.category, 0) + 1
        self.kinds.add(c.kind)
        day = s.doc_date.toordinal()
        self.first_seen = day if self.first_seen is None else min(self.first_seen, day)
        self.last_seen = day if self.last_seen is None else max(self.last_seen, day)
        if c.time is not None and c.time.start is not None:
            start = c.time.start.toordinal()
            self.event_start = start if self.event_start is None else min(self.event_start, start)
        if c.time is not None and c.time.end is not None:
            end = c.time.end.toordinal()
            self.event_end = end if self.event_end is None else max(self.event_end, end)
        if s.reprint_of is not None:
            self.reprints.add(c.doc_id)

    def _keep(
        self, s: StoredClaim, voice: tuple[str, str | None],
        pending: dict[str, tuple[str, list[tuple[tuple[int, int], str, bool]]]],
    ) -> None:
        """A claim of its story's chosen article: status, strongest and voices."""
        c = s.claim
        self.n_kept += 1
        positive = c.polarity == "positive"
        fact = is_fact(s)
        if positive:
            self.n_positive += 1
            self.admitted = self.admitted or is_admission(s)
            latest = latest_key(s)
            if self.latest is None or latest > self.latest:
                self.latest, self.latest_refused = latest, c.stage == "refused"
            if c.modality in ("certain", "probable"):
                self.sure_occurred = self.sure_occurred or c.stage == "occurred"
                self.sure_expected = self.sure_expected or c.stage in EXPECTED_STAGES
            rank = STRENGTHS.index(claim_strength(s))
            self.best_rank = rank if self.best_rank is None else min(self.best_rank, rank)
        if fact and len(self.fact_stories) < 2:
            self.fact_stories.add(s.original_id)
        base, digest = voice
        if digest is None:  # in no sentence group: its own voice for good
            self.fixed_voices.add(base)
            if fact:
                self.fact_fixed_voices.add(base)
            return
        member = ((s.doc_date.toordinal(), s.id), base, fact)
        index = self.texts.get(digest)
        if index is not None:
            self.groups[self._root(index)].take(*member)
        else:
            pending.setdefault(digest, (sentence_words(c.evidence.text), []))[1].append(member)

    # ------------------------------------------------------------ sentence groups

    def _root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _group_new_texts(self, pending: dict[str, tuple[str, list[tuple[tuple[int, int], str, bool]]]]) -> None:
        """Continue ``_copied_sentences``' union-find with the sentences first seen now, in their order."""
        start = len(self.parent)
        for offset, (digest, (_, members)) in enumerate(pending.items()):
            index = start + offset
            self.texts[digest] = index
            self.parent.append(index)
            first, voice, fact = members[0]
            group = _Group(first, voice, fact)
            for member in members[1:]:
                group.take(*member)
            self.groups[index] = group
        if self.identical_only:
            return
        import numpy as np

        hashes = sentence_hashes([text for text, _ in pending.values()])
        table: dict[bytes, list[int]] = {}
        for index, held in self.minhashes.items():
            for band in _band_keys(held):
                table.setdefault(band, []).append(index)
        for offset, minhash in enumerate(hashes):
            index = start + offset
            values = np.asarray(minhash.hashvalues)
            mine = values.astype("<u4").tobytes()  # lossless: datasketch keeps each value below 2**32
            bands = _band_keys(mine)
            joined = False
            for other in {i for band in bands for i in table.get(band, ())}:
                theirs = np.frombuffer(self.minhashes[other], dtype="<u4")
                if float(np.count_nonzero(values == theirs)) / float(len(values)) >= SENTENCE_THRESHOLD:
                    self._union(index, other)
                    joined = True
            if not joined:  # a new group: its first sentence stands for it in the index
                self.minhashes[index] = mine
                for band in bands:
                    table.setdefault(band, []).append(index)

    def _union(self, i: int, j: int) -> None:
        a, b = self._root(i), self._root(j)
        if a != b:
            self.parent[a] = b
            moved = self.groups.pop(a)
            self.groups[b].take(moved.first, moved.voice, moved.has_fact)

    # ------------------------------------------------------------ the relation

    def relation(self) -> Relation:
        """The relation ``fuse_one`` gives the claims this state has seen, without its timeline."""
        if not self.n_claims or self.first_seen is None or self.last_seen is None:
            raise ValueError("a relation needs at least one claim")
        group_voices = {g.voice for g in self.groups.values()}
        fact_voices = self.fact_fixed_voices | {g.voice for g in self.groups.values() if g.has_fact}
        independent = len(self.fact_stories) >= 2 and len(fact_voices) >= 2
        return keyed_relation(
            self.key,
            category=max(self.categories, key=self.categories.__getitem__) if self.categories else None,
            kinds=tuple(sorted(self.kinds)),
            status=self._status(independent),
            strongest=self._strongest(independent),
            first_seen=dt.date.fromordinal(self.first_seen),
            last_seen=dt.date.fromordinal(self.last_seen),
            event_start=dt.date.fromordinal(self.event_start) if self.event_start is not None else None,
            event_end=dt.date.fromordinal(self.event_end) if self.event_end is not None else None,
            n_articles=len(self.stories),
            n_sources=len(self.fixed_voices | group_voices),
            n_claims=self.n_claims,
            n_reprints=len(self.reprints),
        )

    def _status(self, independent: bool) -> str:
        """``rules.status_of_kept``, from the counts."""
        if self.admitted and self.n_positive < self.n_kept:
            return "contested"
        if not self.n_positive:
            return "denied"
        if self.latest_refused:
            return "refused"
        if self.admitted or independent:
            return "confirmed"
        if self.sure_occurred:
            return "reported"
        if self.sure_expected:
            return "expected"
        return "speculated"

    def _strongest(self, independent: bool) -> str:
        """``rules.strongest_of_kept``, from the counts."""
        if self.best_rank is None:
            return "denial"
        return STRENGTHS[min(self.best_rank, _INDEPENDENT) if independent else self.best_rank]

    # ------------------------------------------------------------ stored form

    def to_json(self) -> str:
        """The compact stored form (:func:`from_json` reads it back)."""
        for i in range(len(self.parent)):
            self._root(i)  # compressed: each sentence points at its group's root
        data: dict[str, Any] = {
            "v": VERSION,
            "key": list(self.key),
            "n": self.n_claims,
            "last": self.last_id,
            "cat": list(self.categories.items()),
            "kinds": sorted(self.kinds),
            "seen": [self.first_seen, self.last_seen, self.event_start, self.event_end],
            "stories": self.stories,
            "reprints": sorted(self.reprints),
            "kept": [self.n_kept, self.n_positive, int(self.admitted), int(self.latest_refused),
                     int(self.sure_occurred), int(self.sure_expected), self.best_rank],
            "latest": list(self.latest) if self.latest else None,
            "facts": sorted(self.fact_stories),
            "voices": sorted(self.fixed_voices),
            "fact_voices": sorted(self.fact_fixed_voices),
            "identical": int(self.identical_only),
            "texts": list(self.texts),
            "parent": self.parent,
            "groups": [[root, *g.first, g.voice, int(g.has_fact)] for root, g in self.groups.items()],
            "lsh": list(self.minhashes),
            "hashes": base64.b64encode(b"".join(self.minhashes.values())).decode("ascii"),
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> RelationState | None:
        """A state from :meth:`to_json`; None when it is of another :data:`VERSION`."""
        data = json.loads(text)
        if data.get("v") != VERSION:
            return None
        first_seen, last_seen, event_start, event_end = data["seen"]
        n_kept, n_positive, admitted, refused, occurred, expected, best_rank = data["kept"]
        blob = base64.b64decode(data["hashes"])
        size = len(blob) // len(data["lsh"]) if data["lsh"] else 0
        key = data["key"]
        return cls(
            key=(key[0], key[1], key[2]),
            n_claims=data["n"],
            last_id=data["last"],
            categories=dict(data["cat"]),
            kinds=set(data["kinds"]),
            first_seen=first_seen, last_seen=last_seen, event_start=event_start, event_end=event_end,
            stories=data["stories"],
            reprints=set(data["reprints"]),
            n_kept=n_kept, n_positive=n_positive, admitted=bool(admitted), latest_refused=bool(refused),
            sure_occurred=bool(occurred), sure_expected=bool(expected), best_rank=best_rank,
            latest=(data["latest"][0], data["latest"][1], data["latest"][2]) if data["latest"] else None,
            fact_stories=set(data["facts"]),
            fixed_voices=set(data["voices"]),
            fact_fixed_voices=set(data["fact_voices"]),
            identical_only=bool(data["identical"]),
            texts={digest: i for i, digest in enumerate(data["texts"])},
            parent=list(data["parent"]),
            groups={root: _Group((day, claim_id), voice, bool(fact))
                    for root, day, claim_id, voice, fact in data["groups"]},
            minhashes={index: blob[n * size:(n + 1) * size] for n, index in enumerate(data["lsh"])},
        )


def _band_keys(values: bytes) -> list[bytes]:
    """The LSH bands of a sentence's MinHash values, each prefixed by its number: MinHashLSH's buckets."""
    bands, rows = lsh_bands()
    width = rows * _HASH_BYTES
    return [bytes([band]) + values[band * width:(band + 1) * width] for band in range(bands)] if values else []


def _voice(s: StoredClaim) -> tuple[str, str | None]:
    """A kept claim's base voice (``voices`` before merging copies), and its sentence's digest when it may merge."""
    voice = base_voice(s)
    if not voice.startswith(OUTLET_PREFIXES):
        return voice, None
    text = sentence_words(s.claim.evidence.text)
    return voice, (_digest(text) if text.count(" ") + 1 >= independence.MIN_COPY_WORDS else None)


def states_of(claims: Iterable[StoredClaim]) -> dict[str, RelationState]:
    """Relation id -> the state of its claims (each relation's claims in id order)."""
    grouped: dict[tuple[str, str, str], list[StoredClaim]] = {}
    for s in sorted(claims, key=lambda s: s.id):
        grouped.setdefault(relation_key(s.claim), []).append(s)
    return {Relation.make_id(*key): RelationState.from_claims(group) for key, group in grouped.items()}
