"""Component ``entente_time``: the time expression each frame happened or is expected in.

The expression must sit in the trigger's own clause (or be a sentence-opening
adverbial of it): "Kirby said on Friday" dates the statement, not the flow.
Intervals are resolved later, against the document date (``claims.py``).
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Token

from entente.extract.factuality import deal_subject
from entente.extract.frames import Frame
from entente.extract.lexicon import Lexicon, load_lexicon
from entente.extract.timex import find_timex_matches, resolve_timex

# The date only matters for resolving; finding is the same for any anchor.
_ANY_ANCHOR = dt.date(2000, 6, 15)
# Where the component leaves the time expressions it found ({(start, end): match}).
TIMEX_MATCHES = "entente.timex_matches"


@Language.factory("entente_time")
def make_time(nlp: Language, name: str) -> TimeComponent:
    return TimeComponent()


class TimeComponent:
    def __init__(self) -> None:
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        frames: list[Frame] = doc._.frames or []
        if not frames:
            return doc
        # One pass over the text: the matches wait on the doc for claims.py to resolve with the article date.
        matches = find_timex_matches(doc.text)
        doc.user_data[TIMEX_MATCHES] = {m.span(): m for m in matches}
        spans = [m.span() for m in matches if resolve_timex(m, _ANY_ANCHOR) is not None]
        for frame in frames:
            frame.time_span = self._pick(doc, frame, spans)
        _carry_over(doc, frames, self.lexicon)
        return doc

    def _pick(self, doc: Doc, frame: Frame, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The time phrase on the trigger's own path ("In 2019, Russia rejected"), else the nearest one."""
        trigger = doc[frame.trigger.i]
        depth = {t.i: d for d, t in enumerate([trigger, *trigger.ancestors])}
        triggers = {t.i for t in doc._.triggers or []}
        best: tuple[tuple[int, int], tuple[int, int]] | None = None
        for start, end in spans:
            if not (frame.sent_start <= start < frame.sent_end):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            head = _attachment(span.root)
            if head.i not in triggers and self._speech(head) and not _impersonal(head):
                continue  # "Kirby said on Friday" dates the statement; "In 1988, it is believed" does not
            # attached to the trigger itself, then to its nearest governor, then anywhere in the sentence
            rank = (depth.get(head.i, len(depth) + 1), abs(span.root.i - trigger.i))
            if best is None or rank < best[0]:
                best = (rank, (start, end))
        return best[1] if best else None

    def _speech(self, head: Token) -> bool:
        """A speech verb; denials and admissions are dated by their own time (spec)."""
        lemma = head.lemma_.lower()
        return lemma in self.lexicon.speech_verbs and lemma not in self.lexicon.deny and lemma not in self.lexicon.admit


def _impersonal(verb: Token) -> bool:
    """ "it is believed that", "it was reported that": nobody speaks, the time is the content's."""
    children = list(verb.children)
    return any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in children) \
        and not any(c.dep_ == "agent" for c in children)


def _attachment(token: Token) -> Token:
    """The verb or noun a time phrase modifies ("In 2019" -> "rejected")."""
    current = token
    while current.dep_ in ("pobj", "prep", "npadvmod", "advmod", "amod", "compound", "nummod", "det") and current.head.i != current.i:
        current = current.head
    return current


_CARRY_CHARS = 600  # how far back the deal may have been dated


def _carry_over(doc: Doc, frames: list[Frame], lexicon: Lexicon) -> None:
    """What a deal provides for takes the deal's date: "Sometime in June 1987, Iran concluded an
    agreement with the DPRK. The agreement called for the supply of Hwasong-5 missiles."

    Only then: annotators (and readers) leave other undated sentences undated.
    """
    for frame in frames:
        if frame.time_span is not None or not deal_subject(lexicon, doc[frame.trigger.i]):
            continue
        for earlier in reversed(frames):
            if earlier.sent_start >= frame.sent_start or earlier.time_span is None:
                continue
            if frame.sent_start - earlier.sent_end > _CARRY_CHARS:
                break
            if {earlier.provider, earlier.recipient} == {frame.provider, frame.recipient}:
                frame.time_span = earlier.time_span
                frame.trace["time"] = "time: the date of the deal named before"
                break
