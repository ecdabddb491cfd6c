"""What makes two claims the same relation, and two sources the same voice."""

from __future__ import annotations

from entente.model import Claim, Relation, StoredClaim

# Voices that belong to the outlet printing them rather than to a named speaker.
_OUTLET_VOICES = frozenset({"anonymous", "media", "author"})


def relation_key(claim: Claim) -> tuple[str, str, str]:
    """``(provider, recipient, item_key)``; cooperation partners sorted so both directions fuse."""
    provider, recipient = claim.provider, claim.recipient
    if claim.kind == "cooperation" and recipient < provider:
        provider, recipient = recipient, provider
    return provider, recipient, claim.item_key


def relation_id(claim: Claim) -> str:
    """The stable id of the relation a claim belongs to."""
    return Relation.make_id(*relation_key(claim))


def source_key(stored: StoredClaim) -> str:
    """The voice behind a claim, for counting distinct sources (see the package docstring)."""
    source = stored.claim.source
    if source is not None and source.kind not in _OUTLET_VOICES:
        if source.actor:
            return f"actor:{source.actor}"
        if source.text:
            return f"text:{source.text.strip().lower()}"
    outlet = stored.doc_source.strip().lower() if stored.doc_source else None
    return f"outlet:{outlet}" if outlet else f"doc:{stored.claim.doc_id}"
