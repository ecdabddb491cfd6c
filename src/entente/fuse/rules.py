"""How strong the evidence for a relation is, and what status it earns.

The rules are written out in the ``entente.fuse`` package docstring and in
``docs/store.md``; keep the three in step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from entente.fuse.independence import independent, voices
from entente.model import StoredClaim

STRENGTHS: tuple[str, ...] = (
    "party_admission",
    "independent_sources",
    "named_official",
    "unnamed_sources",
    "speculation",
    "denial",
)


def is_admission(stored: StoredClaim) -> bool:
    c = stored.claim
    return (
        c.polarity == "positive"
        and c.stage == "occurred"
        and c.modality != "possible"
        and c.source is not None
        and c.source.kind == "party"
    )


def is_speculative(stored: StoredClaim) -> bool:
    return stored.claim.modality == "possible" or stored.claim.stage == "planned"


# Stages a sure positive claim may be at for the relation to be "expected".
EXPECTED_STAGES = frozenset({"agreed", "offered", "planned", "requested"})


def is_fact(stored: StoredClaim) -> bool:
    """Stated as fact that it happened: positive, certain, occurred."""
    c = stored.claim
    return c.polarity == "positive" and c.modality == "certain" and c.stage == "occurred"


def latest_key(stored: StoredClaim) -> tuple[str, str, int]:
    """Which positive claim is the latest: newest article, then latest event time, then id."""
    time = stored.claim.time
    event = (time.end or time.start) if time else None
    return (stored.doc_date.isoformat(), event.isoformat() if event else "", stored.id)


def has_independent_facts(claims: Sequence[StoredClaim], voice: Mapping[int, str] | None = None) -> bool:
    """Two or more stories and two or more voices state, as fact, that it happened.

    A reprint is its first copy's story, and copied sentences are one voice
    (:func:`entente.fuse.independence.voices`; pass ``voice`` when it is computed already).
    """
    facts = [s for s in claims if is_fact(s)]
    if len({s.original_id for s in facts}) < 2:
        return False
    keys = voice if voice is not None else voices(facts)
    return len({keys[s.id] for s in facts}) >= 2


def claim_strength(stored: StoredClaim) -> str:
    if is_admission(stored):
        return "party_admission"
    if is_speculative(stored):
        return "speculation"
    kind = stored.claim.source.kind if stored.claim.source else "author"
    if kind in ("official", "party"):
        return "named_official"
    return "unnamed_sources"


def strongest_of(claims: Sequence[StoredClaim], voice: Mapping[int, str] | None = None) -> str:
    """The best kind of evidence among the independent claims, one of :data:`STRENGTHS`."""
    return strongest_of_kept(independent(claims), voice)


def strongest_of_kept(kept: Sequence[StoredClaim], voice: Mapping[int, str] | None = None) -> str:
    """:func:`strongest_of` claims that are :func:`~entente.fuse.independence.independent` already."""
    positive = [s for s in kept if s.claim.polarity == "positive"]
    if not positive:
        return "denial"
    ranks = [STRENGTHS.index(claim_strength(s)) for s in positive]
    if has_independent_facts(positive, voice):
        ranks.append(STRENGTHS.index("independent_sources"))
    return STRENGTHS[min(ranks)]


def _latest(claims: Sequence[StoredClaim]) -> StoredClaim:
    return max(claims, key=latest_key)


def status_of(claims: Sequence[StoredClaim], voice: Mapping[int, str] | None = None) -> str:
    """The status the independent claims earn (first rule that holds, see the package docstring)."""
    if not claims:
        raise ValueError("a relation needs at least one claim")
    return status_of_kept(independent(claims), voice)


def status_of_kept(claims: Sequence[StoredClaim], voice: Mapping[int, str] | None = None) -> str:
    """:func:`status_of` claims that are :func:`~entente.fuse.independence.independent` already."""
    positive = [s for s in claims if s.claim.polarity == "positive"]
    admitted = any(is_admission(s) for s in positive)
    if admitted and len(positive) < len(claims):
        return "contested"
    if not positive:
        return "denied"
    if _latest(positive).claim.stage == "refused":
        return "refused"
    if admitted or has_independent_facts(positive, voice):
        return "confirmed"
    sure = [s for s in positive if s.claim.modality in ("certain", "probable")]
    if any(s.claim.stage == "occurred" for s in sure):
        return "reported"
    if any(s.claim.stage in EXPECTED_STAGES for s in sure):
        return "expected"
    return "speculated"
