"""``python -m entente``: the same as the ``entente`` command."""

from __future__ import annotations

if __name__ == "__main__":
    # Imported here, not at the top: a worker process of ``--workers N`` (multiprocessing's
    # spawn) imports this module again as ``__mp_main__`` and needs none of the CLI.
    from entente.cli import main

    main()
