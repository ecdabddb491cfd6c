"""Regenerate the README's sample output from what ``make demo`` and the commands after it print.

    .venv/bin/python tools/readme_demo.py          # rewrite the block in README.md
    .venv/bin/python tools/readme_demo.py --check  # exit 1 if README.md is out of date

The block sits between ``<!-- demo:start -->`` and ``<!-- demo:end -->``. The
commands run in a fresh temporary directory (so the store is the samples
only) at 100 columns; the progress line (its rate changes from run to run) is
left out and long listings are cut after a few rows, saying how many more.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "<!-- demo:start -->", "<!-- demo:end -->"
WIDTH = "100"

# (command, lines of its output to keep: None for all)
COMMANDS: list[tuple[list[str], int | None]] = [
    (["demo"], 8),
    (["relations", "--provider", "IRN", "--recipient", "RUS"], None),
    (["relations", "--provider", "RUS", "--recipient", "IRN"], None),
    (["show", "49c1a3"], 14),
    (["timeline", "IRN", "RUS"], 10),
    (["tracker", "UKR"], 14),
    (["stats"], None),
]


def run(args: list[str], cwd: Path) -> str:
    env = {**os.environ, "COLUMNS": WIDTH, "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("ENTENTE_DB", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))  # this tree
    done = subprocess.run(
        [sys.executable, "-m", "entente", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"`entente {' '.join(args)}` failed ({done.returncode}):\n{done.stderr}")
    stderr = [line for line in done.stderr.splitlines() if "articles/s" not in line]  # the progress line
    text = "\n".join([*stderr, *done.stdout.splitlines()])
    return text.replace(str(ROOT) + os.sep, "").replace(str(cwd.resolve()) + os.sep, "").replace(str(cwd) + os.sep, "")


def trim(text: str, keep: int | None) -> str:
    lines = text.rstrip("\n").splitlines()
    if keep is None or len(lines) <= keep + 1:
        return "\n".join(lines)
    return "\n".join([*lines[:keep], f"... ({len(lines) - keep} more lines)"])


def block() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        parts = [f"$ entente {' '.join(args)}\n{trim(run(args, Path(tmp)), keep)}" for args, keep in COMMANDS]
    return "\n".join([START, "```", *parts, "```", END])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when README.md differs, change nothing")
    options = parser.parse_args()
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"README.md has no {START} ... {END} block")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = head + block() + tail
    if options.check:
        if new != text:
            print("README.md's sample output differs from the demo: run tools/readme_demo.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
