"""What the SMTP tests share: a mailbox for aiosmtpd and a free loopback port.

The server itself is the ``mailbox`` fixture in ``tests/conftest.py``.
"""

from __future__ import annotations

import socket
from typing import Any

import attrs


@attrs.define
class Mailbox:
    """An aiosmtpd handler that keeps what it receives and refuses some recipients."""

    refuse: set[str] = attrs.field(factory=set)
    received: list[bytes] = attrs.field(factory=list)

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 (aiosmtpd's hook name)
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        self.received.append(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
