"""The README's command table and the CLI agree (after Datasette's tests/test_docs.py).

Each row of the table under "## Commands" names a command and the options it
shows; a command the CLI lacks, an option the command does not take, or a CLI
command with no row fails here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from entente.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
ROW = re.compile(r"^\| `entente ([a-z-]+)([^`]*)` \|", re.MULTILINE)
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z])\b")


def _rows() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    return {name: rest for name, rest in ROW.findall(section)}


def _commands() -> dict[str, Any]:
    group = typer.main.get_command(app)  # Typer 0.29 carries its own copy of click: duck-typed here
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_a_row_and_every_row_a_command() -> None:
    assert set(_rows()) == set(_commands())


@pytest.mark.parametrize("name", sorted(_rows()))
def test_the_options_a_row_shows_are_options_of_the_command(name: str) -> None:
    command = _commands().get(name)
    assert command is not None, f"README shows `entente {name}`, which the CLI does not have"
    taken = {opt for param in command.params if param.param_type_name == "option" for opt in param.opts}
    shown = set(OPTION.findall(_rows()[name]))
    assert shown <= taken, f"`entente {name}` in README shows {sorted(shown - taken)}, which it does not take"


def test_the_sample_output_block_is_there_for_the_script_to_regenerate() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.index("<!-- demo:start -->") < text.index("<!-- demo:end -->")
    assert "$ entente demo" in text
