"""Files the package ships that are generated from code: write them, or check them."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(path: Path, text: str, *, write: bool, command: str) -> int:
    """Write *text* to *path*, or check that *path* holds exactly *text*.

    Returns the exit status of a command line: 0 when written or up to date,
    1 (with a message naming *command*, the way to regenerate) when stale.
    """
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
        return 0
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return 0
    print(f"{path} is stale: run {command}", file=sys.stderr)
    return 1
