"""What the components leave on a ``Doc``: mentions, triggers and frames.

A *frame* is a claim in the making: the roles component creates it from a
trigger and its arguments; attribution, factuality and time fill in the rest;
``entente.extract.claims`` turns finished frames into ``Claim`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from entente.extract.lexicon import TriggerSense

# A role the quoted speaker's own side fills ("'We will send more Patriot systems,' Pistorius
# said"): roles leave it, attribution replaces it with the speaker's actor or drops the frame.
SPEAKER = "@speaker"


@dataclass(frozen=True)
class ActorMention:
    start: int  # token index
    end: int  # exclusive
    actor: str
    form: str  # name, demonym, capital, seat, organisation, ...


@dataclass(frozen=True)
class ItemMention:
    start: int
    end: int
    head: int  # token index of the noun that heads the item's phrase
    id: str | None
    category: str
    nature: str  # equipment, personnel, support, joint
    cue: str = ""  # how it was found, for the trace; "" for a catalogued or generic term


@dataclass(frozen=True)
class Trigger:
    i: int
    end: int
    lemma: str
    sense: TriggerSense
    nominal: bool


@dataclass
class SourceCue:
    text: str | None
    actor: str | None
    kind: str
    start: int | None = None  # char offsets of the source text, for the trace
    cue: str = ""


@dataclass
class Frame:
    trigger: Trigger
    provider: str
    recipient: str
    item: ItemMention | None
    kind: str
    stage: str
    sent_start: int  # char offsets of the evidence
    sent_end: int
    modality: str = "certain"
    polarity: str = "positive"
    source: SourceCue | None = None
    time_span: tuple[int, int] | None = None  # char offsets of the time expression
    fallbacks: int = 0  # roles filled by a fallback rule rather than the syntax
    withdrawn: bool = False  # a refusal read from a deal that fell through or that a side backed out of
    trace: dict[str, Any] = field(default_factory=dict)


def register_extensions() -> None:
    for name in ("actors", "items", "triggers", "frames"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
