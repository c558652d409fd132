"""Writing files whole or not at all, and the files the package generates from code."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write *data* to *path* whole or not at all.

    The bytes go to a new temporary file beside *path*, are flushed to disk,
    and the file then replaces *path* in one step: a failed write never
    leaves a half-written file, and never writes through a file someone else
    put in the temporary name's place (``O_EXCL``).

    Raises:
        OSError: the file cannot be written (the folder does not exist, say);
            its ``filename`` is *path*, the file asked for, never the
            temporary file.

    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        # 0o666 with the umask gives the same permissions as an ordinary new file.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _naming(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _naming(exc, path) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _naming(exc: OSError, path: Path) -> OSError:
    """The same error, naming the file the caller asked for."""
    return type(exc)(exc.errno, exc.strerror, str(path))


def write_or_check(path: Path, text: str, *, write: bool, command: str) -> int:
    """Write *text* to *path*, or check that *path* holds exactly *text*.

    Returns the exit status of a command line: 0 when written or up to date,
    1 (with a message naming *command*, the way to regenerate) when stale.
    """
    if write:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))
        print(f"wrote {path}")
        return 0
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return 0
    print(f"{path} is stale: run {command}", file=sys.stderr)
    return 1
