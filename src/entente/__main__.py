"""``python -m entente``: the same as the ``entente`` command."""

from __future__ import annotations

from entente.cli import main

if __name__ == "__main__":
    main()
