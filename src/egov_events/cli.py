"""The ``egov-events`` command (also ``python -m egov_events``).

Without FILE every subcommand works on the bundled 2019 workshop::

    egov-events validate [FILE]
    egov-events summary [FILE] [--lang sw|en]
    egov-events schema

Exit status: 0 on success, 1 on invalid input (each problem printed on its
own line, with its path), 2 on usage errors and unreadable files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from egov_events.errors import ValidationError
from egov_events.locale import LANGUAGES
from egov_events.model import Event

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

_MESSAGES: dict[str, dict[str, str]] = {
    "sw": {
        "valid": "Sawa: {source} ni sahihi (washiriki {participants}, vikao {sessions}, "
        "makundi {groups}).",
        "invalid": "{source} si sahihi: matatizo {n}.",
        "bundled": "mfano uliojumuishwa (Kikao Kazi 2019)",
    },
    "en": {
        "valid": "OK: {source} is valid ({participants} participants, {sessions} sessions, "
        "{groups} groups).",
        "invalid": "{source} is invalid: {n} problems.",
        "bundled": "the bundled example (2019 workshop)",
    },
}


class _UsageError(Exception):
    """A problem with how the command was called, or a file it cannot read."""


def _load(path: str | None) -> Event:
    if path is None:
        from egov_events.examples import kikao_kazi_2019  # noqa: PLC0415

        return kikao_kazi_2019()
    from egov_events.serialization import load  # noqa: PLC0415

    file = Path(path)
    if not file.is_file():
        msg = f"cannot read {path}: no such file"
        raise _UsageError(msg)
    try:
        return load(file)
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror or exc}"
        raise _UsageError(msg) from exc


def _source(path: str | None, lang: str) -> str:
    return path if path is not None else _MESSAGES[lang]["bundled"]


def _cmd_validate(args: argparse.Namespace) -> int:
    messages = _MESSAGES[args.lang]
    try:
        event = _load(args.file)
    except ValidationError as exc:
        for line in exc.errors:
            print(line, file=sys.stderr)
        print(
            messages["invalid"].format(source=_source(args.file, args.lang), n=len(exc.errors)),
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(
        messages["valid"].format(
            source=_source(args.file, args.lang),
            participants=len(event.participants),
            sessions=len(event.sessions),
            groups=len(event.groups),
        )
    )
    return EXIT_OK


def _cmd_summary(args: argparse.Namespace) -> int:
    from egov_events.summary import summarize  # noqa: PLC0415

    try:
        event = _load(args.file)
    except ValidationError as exc:
        for line in exc.errors:
            print(line, file=sys.stderr)
        return EXIT_INVALID
    print(summarize(event, lang=args.lang))
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from egov_events.serialization import SCHEMA_PATH  # noqa: PLC0415

    sys.stdout.write(SCHEMA_PATH.read_text(encoding="utf-8"))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="egov-events",
        description="Work with e-government events: validate, summarize, describe the "
        "JSON format. Without FILE, "
        "the bundled 2019 e-Government Workshop is used.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "file",
            nargs="?",
            metavar="FILE",
            help="an event as JSON (default: the bundled 2019 workshop)",
        )
        p.add_argument(
            "--lang",
            choices=LANGUAGES,
            default="sw",
            help="language of the output (default: sw, Swahili)",
        )
        return p

    add("validate", "check an event and report every problem with its path").set_defaults(
        run=_cmd_validate
    )
    add("summary", "print the event at a glance").set_defaults(run=_cmd_summary)
    sub.add_parser(
        "schema",
        help="print the JSON Schema of event documents",
        description="Print the JSON Schema (draft 2020-12) that event documents follow.",
    ).set_defaults(run=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except _UsageError as exc:
        print(f"egov-events: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
