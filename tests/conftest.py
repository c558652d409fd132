"""Fixtures shared by the tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests import postgres
from tests.smtp import Mailbox, free_port


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 and a free port, stopped afterwards."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    handler = Mailbox()
    port = free_port()
    controller = controller_module.Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[postgres.Server]:
    """A real PostgreSQL cluster on a Unix socket in a temporary folder, for the whole session."""
    pytest.importorskip("psycopg")
    if postgres.binaries() is None:
        pytest.skip("PostgreSQL is not installed (Debian package postgresql)")
    server = postgres.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
