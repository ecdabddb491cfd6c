"""What each relation status means, in one sentence each: the legend of the graph, relation page and dossier.

The rules themselves are in ``entente.fuse`` (and ``docs/store.md``); these are
their plain-language summaries, in the order the legend shows them.
"""

from __future__ import annotations

STATUS_MEANINGS: dict[str, str] = {
    "confirmed": "a party to the flow admits it, or two independent sources state it as fact",
    "contested": "a party admits it and someone denies it",
    "reported": "stated as having happened, but not yet confirmed",
    "expected": "requested, offered, agreed or planned, stated as certain or probable",
    "speculated": "only said to be possible",
    "refused": "the latest report says the provider refused",
    "denied": "every claim denies it",
}
