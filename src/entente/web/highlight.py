"""Evidence sentences marked inside an article, with the article's text escaped.

The text comes from the web and may hold markup (``<script>``): every piece
is escaped *before* ``<mark>`` is put around it, so the only tags in the output
are the ones written here.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """A character range of the text to mark, and the claim ids it stands for."""

    start: int
    end: int
    claim_ids: tuple[int, ...] = ()


def highlight(text: str, spans: list[Span], *, offset: int = 0) -> Markup:
    """``text`` escaped, with each span in a ``<mark>``; ``offset`` is where ``text`` starts in the article.

    Overlapping spans (two claims on one sentence) share one mark, preceded by
    an empty anchor per claim (``id="claim-N"``) so links can point at each.
    """
    out: list[str] = []
    cursor = 0
    for group in _merge(_clip(spans, offset, len(text))):
        out.append(str(escape(text[cursor : group.start])))
        anchors = "".join(f'<a class="anchor" id="claim-{cid}"></a>' for cid in group.claim_ids)
        ids = " ".join(str(cid) for cid in group.claim_ids)
        out.append(f'{anchors}<mark data-claims="{ids}">{escape(text[group.start : group.end])}</mark>')
        cursor = group.end
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (text between blank lines or line breaks) around ``start:end``."""
    left = max(text.rfind("\n", 0, start), -1) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right


def _clip(spans: list[Span], offset: int, length: int) -> list[Span]:
    """Spans shifted into the excerpt's coordinates, dropping those outside it."""
    out = []
    for span in spans:
        start, end = max(span.start - offset, 0), min(span.end - offset, length)
        if start < end:
            out.append(Span(start, end, span.claim_ids))
    return out


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            ids = last.claim_ids + tuple(c for c in span.claim_ids if c not in last.claim_ids)
            merged[-1] = Span(last.start, max(last.end, span.end), ids)
        else:
            merged.append(span)
    return merged
