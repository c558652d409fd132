"""A real PostgreSQL server for the tests: a cluster in a temporary folder, a Unix socket only.

Debian's ``postgresql`` package (in ``.ci/debian-packages``) puts the server
under ``/usr/lib/postgresql/<version>/bin``. PostgreSQL refuses to run as
root, so when the tests run as root the cluster belongs to the ``postgres``
user the package creates. No TCP port is opened (``listen_addresses=''``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs


def binaries() -> Path | None:
    """The folder of the newest installed server, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


@attrs.frozen
class Server:
    """A running cluster: connect with ``host=folder``, user ``postgres``, database ``postgres``."""

    folder: Path
    bin: Path
    prefix: tuple[str, ...]

    def run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=120)  # noqa: S603 (our own arguments)

    def stop(self) -> None:
        data = str(self.folder / "data")
        self.run(str(self.bin / "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")

    @property
    def dsn(self) -> dict[str, str]:
        return {"host": str(self.folder), "user": "postgres", "dbname": "postgres"}


def start() -> Server:
    """initdb into a new temporary folder, then start the server on a socket in that folder."""
    bin_ = binaries()
    if bin_ is None:
        msg = "PostgreSQL is not installed (Debian package postgresql)"
        raise FileNotFoundError(msg)
    folder = Path(tempfile.mkdtemp(prefix="egov-pg-"))
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if runuser is None:
            msg = "running as root needs runuser to start PostgreSQL as the postgres user"
            raise FileNotFoundError(msg)
        shutil.chown(folder, "postgres", "postgres")
        prefix = (runuser, "-u", "postgres", "--")
    server = Server(folder=folder, bin=bin_, prefix=prefix)
    data = str(folder / "data")
    server.run(
        str(bin_ / "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
        "--locale=C", "--no-sync",
    )  # fmt: skip
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    log = str(folder / "server.log")
    server.run(str(bin_ / "pg_ctl"), "-D", data, "-l", log, "-o", options, "-w", "start")
    return server


def load(
    connection: object,
    name: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[object]],
) -> None:
    """CREATE TABLE *name* (*columns*) and fill it with ``COPY ... FROM STDIN``."""
    cursor = connection.cursor()  # type: ignore[attr-defined]
    spec = ", ".join(f'"{c}" {t}' for c, t in columns)
    cursor.execute(f'DROP TABLE IF EXISTS "{name}"; CREATE TABLE "{name}" ({spec})')
    names = ", ".join(f'"{c}"' for c, _ in columns)
    with cursor.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(f'ANALYZE "{name}"')
    connection.commit()  # type: ignore[attr-defined]
