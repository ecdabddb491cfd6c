"""The docs cannot rot (after Datasette's tests/test_docs.py).

A CLI command added without being named in README.md, or a claim field of the
spec that no document explains, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from entente.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))

# The fields of a claim in the spec (/work/shared/spec/claims.md, "Fields"), in its order.
SPEC_FIELDS = [
    "doc_id", "kind", "provider", "recipient", "item", "stage", "modality", "polarity",
    "source", "time", "evidence", "trace",
]


def _command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def _readme() -> str:
    assert README.exists(), "README.md is missing"
    return README.read_text(encoding="utf-8")


def test_the_app_has_commands_to_document() -> None:
    assert {"extract", "ingest", "demo", "serve"} <= set(_command_names())


@pytest.mark.parametrize("name", _command_names())
def test_every_cli_command_is_named_in_the_readme(name: str) -> None:
    assert re.search(rf"\bentente {re.escape(name)}\b", _readme()), f"README.md never says `entente {name}`"


@pytest.mark.parametrize("field", SPEC_FIELDS)
def test_every_spec_field_is_named_in_the_docs(field: str) -> None:
    # Named as code: `item`, or a path into it such as `item.text` (prose "time" does not count).
    pattern = re.compile(rf"`{re.escape(field)}[`.]")
    texts = [p.read_text(encoding="utf-8") for p in [README, *DOCS] if p.exists()]
    assert any(pattern.search(t) for t in texts), f"no README.md or docs/*.md names `{field}`"
