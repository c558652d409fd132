"""Send invitations (iMIP e-mail with an iTIP REQUEST calendar) to participants over SMTP.

    python examples/send_invitations.py --host 127.0.0.1 --port 1025 [--limit 3] [--lang sw|en]

Try it against a local test server first, e.g. ``python -m aiosmtpd -n -l
127.0.0.1:1025``. It sends the bundled 2019 workshop's invitations to the
first --limit participants: one message per group each belongs to.
"""

from __future__ import annotations

import argparse

import egov_events as ee
from egov_events import ical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--limit", type=int, default=3, help="how many participants to invite")
    parser.add_argument("--lang", default="sw", choices=["sw", "en"])
    parser.add_argument("--sender", help="the From address (default: the organizer's)")
    args = parser.parse_args(argv)

    event = ee.examples.kikao_kazi_2019()
    messages = [
        message
        for participant in event.participants[: args.limit]
        for message in ical.invitation_emails(
            event, participant, lang=args.lang, sender=args.sender
        )
    ]
    report = ical.send_emails(messages, host=args.host, port=args.port)
    print(f"sent {len(report.sent)} of {len(messages)} messages to {args.host}:{args.port}")
    if not report.complete:
        print(f"stopped: {report.refusal}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
