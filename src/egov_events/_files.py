"""Writing files whole or not at all, and the files the package generates from code."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path
from typing import Final

PRIVATE_MODE: Final = 0o600
"""The permissions of a new file that may hold personal data: its owner's alone."""


def write_atomically(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write *data* to *path* whole or not at all.

    The bytes go to a new temporary file beside the file written, are
    flushed to disk, and the temporary file then replaces it in one step: a
    failed write never leaves a half-written file, and never writes through
    a file someone else put in the temporary name's place (``O_EXCL``).

    - A symbolic link is written through: its target is replaced, and the
      link stays (a dangling link's target is created).
    - A file replaced keeps its permissions, and its owner and group where
      the process may set them: a ``0600`` file of participants' addresses
      never becomes readable by others.
    - A new file gets *mode* (as given, whatever the umask), or with
      ``None`` the permissions of an ordinary new file (``0666`` less the
      umask).
    - Anything but a regular file (a folder, a FIFO, a device) is refused.

    Raises:
        OSError: the file cannot be written (the folder does not exist, say),
            or *path* names something that is not a regular file; its
            ``filename`` is *path*, the file asked for, never the temporary file.

    """
    try:
        _write(path, data, mode)
    except OSError as exc:
        raise _naming(exc, path) from None


def _naming(exc: OSError, path: Path) -> OSError:
    """The same error, naming the file the caller asked for."""
    return type(exc)(exc.errno, exc.strerror, str(path))


def _write(path: Path, data: bytes, mode: int | None) -> None:
    target = Path(os.path.realpath(path))
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise OSError(errno.EINVAL, "not a regular file: refusing to replace it", str(path))
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            if old is not None:
                _keep_owner(file.fileno(), old)
                os.fchmod(file.fileno(), stat.S_IMODE(old.st_mode))
            elif mode is not None:
                os.fchmod(file.fileno(), mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(file.fileno(), 0o666 & ~umask)
            os.fsync(file.fileno())
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _keep_owner(fd: int, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group, where the process may."""
    if (old.st_uid, old.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except PermissionError:
        # Only a group the process belongs to; else only the permissions are the old file's.
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, old.st_gid)


def open_regular(path: str | os.PathLike[str]) -> int:
    """Open *path* for reading, refusing anything that is not a regular file.

    A FIFO or a device would block a reader forever or never end: the file
    is looked at before it is opened, and opened without waiting
    (``O_NONBLOCK``), then looked at again, so that nothing swapped in
    between is read either. Returns a file descriptor.

    Raises:
        OSError: the file does not exist, cannot be read, or is not a
            regular file.

    """
    if not stat.S_ISREG(Path(path).stat().st_mode):
        raise OSError(errno.EINVAL, "not a regular file: refusing to read it", os.fspath(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file: refusing to read it", os.fspath(path))
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


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
