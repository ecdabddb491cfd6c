"""Fusion: claims from many articles become one relation per provider -> recipient -> item.

Pure functions over claims; no database. The store fuses the relations a
batch of articles touches, inside the batch's transaction: from all their
claims (:func:`fuse_one`), or, when a relation only gained claims, from its
kept :class:`entente.fuse.state.RelationState` and the new claims, which
gives the same row.

Grouping (:func:`relation_key`)
    ``(provider, recipient, item_key)`` where ``item_key`` is the catalogue id
    of the item, else ``category:<category>``, else ``kind:<kind>``. For
    ``cooperation`` the two partners are ordered alphabetically, so "Russia and
    Iran co-develop" and "Iran and Russia co-develop" fuse.

Who is a source (:func:`source_key`)
    A claim's voice is its source actor, else its source text (lower-cased);
    an anonymous, media or unattributed (``author``) claim is the voice of the
    outlet that printed it (the document's ``source``, else the document id).
    ``n_sources`` counts distinct voices among the independent claims.

Reprints (:mod:`entente.fuse.reprints`, :mod:`entente.fuse.independence`)
    An article the store found to be a near-duplicate of a stored one is a
    reprint of that first copy. Status, strongest evidence and ``n_sources``
    use one article per story; ``n_reprints`` counts the rest. Outlet voices
    printing one long sentence in different stories are one voice.

Strongest evidence (best first, see :data:`STRENGTHS`)
    1. ``party_admission``: a party (provider or recipient) says positively
       that it happened (source kind ``party``, stage ``occurred``, not
       ``possible``).
    2. ``independent_sources``: at least two positive claims stated as fact
       (``certain``, ``occurred``) in at least two distinct stories by at
       least two distinct voices.
    3. ``named_official``: a named official or government says so (source kind
       ``official``, or a party speaking of a stage other than ``occurred``).
    4. ``unnamed_sources``: anonymous sources, an expert, another outlet or the
       article itself, not speculative.
    5. ``speculation``: only claims that are ``possible`` or merely ``planned``.
    A relation with no positive claim at all has ``denial`` as its strongest.

Status (first rule that holds wins)
    - ``contested``: a party admission and a negative claim both exist.
    - ``denied``: every claim is negative.
    - ``refused``: the latest positive claim (newest article, then latest event
      time) has stage ``refused``.
    - ``confirmed``: a party admission, or two independent sources as above.
    - ``reported``: some positive ``occurred`` claim that is ``certain`` or
      ``probable``.
    - ``expected``: some positive ``agreed``, ``offered``, ``planned`` or
      ``requested`` claim that is ``certain`` or ``probable``.
    - ``speculated``: the rest (only ``possible`` positive claims).

Timeline order: event time (the claim's time start, else end, else its
article's date), then the article's date, then the claim id.
"""

from __future__ import annotations

from entente.fuse import reprints
from entente.fuse.keys import relation_id, relation_key, source_key
from entente.fuse.relations import fuse, fuse_one, timeline_order
from entente.fuse.rules import STRENGTHS, status_of, strongest_of

__all__ = [
    "STRENGTHS",
    "fuse",
    "fuse_one",
    "relation_id",
    "relation_key",
    "reprints",
    "source_key",
    "status_of",
    "strongest_of",
    "timeline_order",
]
