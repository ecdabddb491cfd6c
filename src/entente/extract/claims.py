"""From finished frames on a parsed ``Doc`` to spec ``Claim`` objects."""

from __future__ import annotations

from spacy.tokens import Doc

from entente.extract import quantity
from entente.extract.frames import Frame
from entente.extract.time import TIMEX_MATCHES
from entente.extract.timex import find_timex_matches, resolve_timex
from entente.model import Claim, Document, Evidence, Item, Source, TimeSpan


def claims_from_doc(parsed: Doc, document: Document) -> list[Claim]:
    frames = parsed._.frames or []
    if not frames:
        return []
    anchor = "assumed" if document.date_assumed else "document"
    text = parsed.text  # Doc.text joins every token again: once per document
    # The time component found the expressions; only those a frame picked are resolved.
    matches = parsed.user_data.get(TIMEX_MATCHES)
    if matches is None:
        matches = {m.span(): m for m in find_timex_matches(text)}
    timexes = {}
    for span in {f.time_span for f in frames if f.time_span in matches}:
        found = resolve_timex(matches[span], document.date)
        if found is not None:
            timexes[span] = found
    return [_claim(parsed, text, frame, document, timexes, anchor) for frame in frames]


def _claim(parsed: Doc, text: str, frame: Frame, document: Document, timexes: dict, anchor: str) -> Claim:  # type: ignore[type-arg]
    start, end = frame.sent_start, frame.sent_end
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    item = None
    if frame.item is not None:
        span = parsed[frame.item.start:frame.item.end]
        head = parsed[frame.item.head]
        phrase = parsed[min(span.start, _np_start(head)):max(span.end, head.i + 1)]
        item = Item(phrase.text, frame.item.id, frame.item.category)
    source = None
    if frame.source is not None:
        source = Source(frame.source.text, frame.source.actor, frame.source.kind)
    time = None
    if frame.time_span is not None and frame.time_span in timexes:
        t = timexes[frame.time_span]
        time = TimeSpan(t.text, t.start, t.end, anchor)
    trace = dict(frame.trace)
    in_sentence = (phrase.start_char - start, phrase.end_char - start) if item is not None else (None, None)
    stated, value = quantity.read(text[start:end], *in_sentence)
    return Claim(
        doc_id=document.id,
        kind=frame.kind,
        provider=frame.provider,
        recipient=frame.recipient,
        item=item,
        stage=frame.stage,
        modality=frame.modality,
        polarity=frame.polarity,
        source=source,
        time=time,
        evidence=Evidence(start, end, text[start:end]),
        trace=trace,
        quantity=stated,
        value=value,
    )


def _np_start(head) -> int:  # type: ignore[no-untyped-def]
    """Start of the noun phrase a head noun leads (its determiners and modifiers)."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("nmod", "compound") and any(g.dep_ == "conj" for g in child.children):
            # "raw uranium and enrichment centrifuges" read as one phrase: the last conjunct starts it
            start = min(start, max(g.i for g in child.children if g.dep_ == "conj"))
            continue
        if child.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod"):
            start = min(start, child.left_edge.i)
    return start
