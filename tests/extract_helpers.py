"""Shared pieces of the extractor tests: one spaCy pipeline, and frames as plain tuples.

Test modules import the ``nlp`` fixture from here (``from extract_helpers import nlp_fixture``);
``load_pipeline`` is cached, so the model loads once per session whatever the scope.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from entente.extract.frames import Frame


@pytest.fixture(scope="module", name="nlp")
def nlp_fixture() -> Language:
    from entente.extract.pipeline import load_pipeline

    return load_pipeline()


class Flow(NamedTuple):
    """The roles of a frame, compared as one value in assertions."""

    kind: str
    provider: str
    recipient: str
    item_id: str | None
    category: str | None


def flow(frame: Frame) -> Flow:
    item = frame.item
    return Flow(
        frame.kind,
        frame.provider,
        frame.recipient,
        item.id if item else None,
        item.category if item else None,
    )


def flows(doc: Doc) -> list[Flow]:
    return [flow(f) for f in doc._.frames or []]


def only_frame(doc: Doc) -> Frame:
    """The single frame of a one-claim sentence (fails loudly when there are more or none)."""
    frames = list(doc._.frames or [])
    assert len(frames) == 1, f"expected one frame in {doc.text!r}, got {flows(doc)}"
    return frames[0]
