"""The public API of ``entente`` and ``entente.store`` is what ``__all__`` says, and the layers go one way.

Like httpx's exported-members test: a name added to or dropped from a
package's public surface must be added to or dropped from ``__all__`` and
from the list here, on purpose.
"""

from __future__ import annotations

import ast
import types
from pathlib import Path

import pytest

import entente
import entente.store

SRC = Path(entente.__file__).parent

ENTENTE = [
    "Claim",
    "Document",
    "EntenteError",
    "ReadError",
    "Relation",
    "evaluate",
    "extract_documents",
    "extract_paths",
    "extract_text",
]

STORE = [
    "DEFAULT_PATH",
    "ENV_VAR",
    "RELATION_ORDERS",
    "ActorSummary",
    "RelationFilters",
    "RelationOrder",
    "SaveResult",
    "Store",
    "StoreStats",
    "claim_record",
    "export_csv",
    "export_graphml",
    "export_jsonl",
    "relation_record",
    "resolve_url",
]


def _public(module: types.ModuleType) -> list[str]:
    """Every public name of ``module`` that is not a submodule or the ``__future__`` import."""
    return sorted(
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    )


@pytest.mark.parametrize(("module", "expected"), [(entente, ENTENTE), (entente.store, STORE)])
def test_all_is_the_public_api(module: types.ModuleType, expected: list[str]) -> None:
    assert sorted(module.__all__) == sorted(expected)
    assert _public(module) == sorted(expected)
    for name in module.__all__:
        assert getattr(module, name) is not None


def _imports(path: Path) -> set[str]:
    """The ``entente.*`` modules a source file imports, at the top or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("entente"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("entente"))
    return found


# package -> the entente packages it must never import (ingest -> nlp -> extract -> scale -> api -> cli)
FORBIDDEN = {
    "nlp": ("entente.extract", "entente.scale", "entente.api", "entente.cli", "entente.web", "entente.store"),
    "extract": ("entente.scale", "entente.api", "entente.cli", "entente.web", "entente.store"),
    "scale": ("entente.cli", "entente.web", "entente.api"),
    "cli": ("entente.scale.runner", "entente.scale.dask_runner", "entente.extract.pipeline", "entente.extract.prefilter"),
    "web": ("entente.scale", "entente.extract.pipeline", "entente.extract.prefilter"),
    "report": ("entente.scale", "entente.extract.pipeline", "entente.extract.prefilter"),
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_import_one_way_down(package: str) -> None:
    offending = []
    for path in sorted((SRC / package).rglob("*.py")):
        for module in _imports(path):
            if module.startswith(FORBIDDEN[package]):
                offending.append(f"{path.relative_to(SRC)} imports {module}")
    assert offending == []


def test_the_layer_test_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from entente.extract import components\n    import entente.scale.runner\n")
    assert _imports(source) == {"entente.extract", "entente.scale.runner"}
