"""JSON output shared by the ``coi-nlp`` command modules (cli, cli_loop, cli_models)."""

from __future__ import annotations

import json

__all__ = ["print_json"]


def print_json(data) -> None:
    """Print ``data`` as indented JSON, non-ASCII characters as they are."""
    print(json.dumps(data, ensure_ascii=False, indent=2))
