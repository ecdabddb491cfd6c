"""Regression guard: the extractor's figures on all dev gold together, as a floor.

The figures in the README come from ``entente eval`` on the same files; when
the extractor improves, raise these floors with it (never lower them to pass).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.api import evaluate

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"

# Reset 2026-12-01 for the dev gold grown from 31 to 60 documents (353 required claims):
# measured there F1 0.590, P 0.768, R 0.479; stage 0.964, modality 0.911, source.kind 0.923.
# Raised the same day with the Generalise work: F1 0.694, P 0.778, R 0.626; stage 0.973,
# modality 0.923, source.kind 0.860. source.kind is measured over the matched pairs, which grew
# from 169 to 220: the newly matched claims are mostly chains of attribution (press citing
# intelligence reports) where the source is hardest, so its floor sits under the reset one.
# End of the day: F1 0.764, P 0.833, R 0.705; stage 0.964, modality 0.924, source.kind 0.855.
# Floors sit a little under the figures.
FLOORS = {"f1": 0.75, "precision": 0.82, "recall": 0.69}
ATTRIBUTE_FLOORS = {"stage": 0.96, "modality": 0.91, "source.kind": 0.85}


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = sorted(DEV.glob("*.jsonl"))
    if not files:
        pytest.skip(f"no dev gold at {DEV}")
    combined = tmp_path_factory.mktemp("gold") / "dev.jsonl"
    combined.write_text("".join(f.read_text(encoding="utf-8") for f in files), encoding="utf-8")
    return evaluate(combined)


@pytest.mark.slow
def test_claim_figures_do_not_fall(dev_scores) -> None:  # type: ignore[no-untyped-def]
    assert dev_scores.f1 >= FLOORS["f1"]
    assert dev_scores.precision >= FLOORS["precision"]
    assert dev_scores.recall >= FLOORS["recall"]


@pytest.mark.slow
@pytest.mark.parametrize("attribute", sorted(ATTRIBUTE_FLOORS))
def test_attribute_accuracy_does_not_fall(dev_scores, attribute: str) -> None:  # type: ignore[no-untyped-def]
    accuracy = dev_scores.accuracy(attribute)
    assert accuracy is not None and accuracy >= ATTRIBUTE_FLOORS[attribute]
