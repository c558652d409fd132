"""The ``egov-events`` command (also ``python -m egov_events``).

Without FILE every subcommand works on the bundled 2019 workshop::

    egov-events --version
    egov-events validate [FILE] [--lang sw|en] [--strict]
    egov-events summary [FILE] [--lang sw|en]
    egov-events ics [FILE] [-o OUT] [--lang sw|en] [--group ID] [--participant ID]
    egov-events invites [FILE] --out-dir DIR [--lang sw|en] [--smtp HOST:PORT] [--sender ADDR]
    egov-events invites NEW --since OLD --out-dir DIR [--lang sw|en] [--smtp HOST:PORT]
    egov-events diff OLD NEW [--lang sw|en] [--json]
    egov-events replies EVENT MAILBOX -o UPDATED [--lang sw|en]
    egov-events site [FILE] -o DIR [--lang sw|en]
    egov-events schema
    egov-events import EVENT FILE [--sheet NAME] [--lang sw|en] [-o UPDATED.json] [--valid-only]
        [--merge refuse|first|last] [--new-organizations]
    egov-events workbook [FILE] -o OUT.xlsx [--lang sw|en] [--template]
    egov-events schedule [FILE] [--format xml|json|jsonld|jcal] [-o OUT] [--lang sw|en]
    egov-events read-schedule SCHEDULE [-o OUT]

Messages, problems included, are in the language of ``--lang`` (Swahili by
default). ``validate`` also prints the schedule's conflicts
(:meth:`egov_events.Event.conflicts`) as warnings; ``--strict`` makes them
fail.

Exit status:

- 0: success;
- 1: invalid input (each problem printed on its own line, with its path;
  nothing is written), schedule conflicts under ``validate --strict``, an
  organizer without an e-mail address for ``invites``, or a message the
  mail server refused;
- 2: usage errors, unreadable files and files that cannot be written.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from egov_events._files import write_atomically
from egov_events.errors import ValidationError, count_problems
from egov_events.locale import LANGUAGES
from egov_events.model import Event

if TYPE_CHECKING:
    from email.message import EmailMessage

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

_EXIT_STATUS = """exit status:
  0  success
  1  invalid input (every problem printed with its path, nothing written),
     schedule conflicts under validate --strict, an organizer without an
     e-mail address (invites), or a message the mail server refused
  2  usage errors, unreadable files, files that cannot be written"""

_MESSAGES: dict[str, dict[str, str]] = {
    "sw": {
        "valid": "Sawa: {source} ni sahihi (washiriki {participants}, vikao {sessions}, "
        "makundi {groups}).",
        "invalid": "{source} si sahihi: {count}.",
        "warning": "onyo: {conflict}",
        "conflicts": "{source}: migongano {n} ya ratiba.",
        "conflict": "{source}: mgongano 1 wa ratiba.",
        "no_organizer_email": "taasisi mwandaaji {org!r} haina anwani ya barua pepe: weka "
        "Organization.email ya {org!r} (mialiko huitaja kama ORGANIZER, anayepokea majibu, "
        "RFC 5546 kifungu 3.2.2). --sender huweka anwani ya From ya barua tu; haibadilishi "
        "ORGANIZER wala haitumwi majibu.",
        "is_directory": "haiwezi kusoma {path}: ni saraka, si faili",
        "no_such_file": "haiwezi kusoma {path}: faili haipo",
        "bundled": "mfano uliojumuishwa (Kikao Kazi 2019)",
        "written": "Kalenda imeandikwa: {path} (vikao {sessions})",
        "schedule_written": "Ratiba imeandikwa: {path} ({format}, vikao {sessions})",
        "schedule_read": "Tukio limeandikwa: {path} (vikao {sessions})",
        "eml_written": "Barua za mwaliko {n} zimeandikwa katika {folder}",
        "progress": "zimetumwa {sent}/{total}",
        "all_sent": "Barua zote {n} zimetumwa kupitia {server}.",
        "refused": "Utumaji umesimama: zimetumwa {sent} kati ya {total}; haikukubaliwa: "
        "{refusal}; hazikutumwa {left} (orodha: {listing})",
        "import_invalid": "{source}: matatizo {n}; hakuna kilichoandikwa.",
        "imported": "{source} ({read}): washiriki wapya {added}, waliobadilishwa {replaced}, "
        "waliokuwepo tayari {unchanged}, taasisi mpya {organizations}, waliorudiwa {duplicates}, "
        "mistari yenye matatizo iliyoachwa {skipped}.",
        "import_written": "Tukio jipya limeandikwa: {path} (washiriki {participants})",
        "workbook_written": "Kitabu kimeandikwa: {path}",
        "replies": "Majibu {n} yamesomwa: majibu {answers} yamerekodiwa, {refused} yamekataliwa.",
        "reply_refused": "limekataliwa: {address} ({uid}): {reason}",
        "expected": "{group}, {day}: wamekubali {accepted}, labda {tentative}, "
        "wamekataa {declined}, hawajajibu {no_answer} (kati ya {registered})",
        "event_written": "Tukio limeandikwa: {path}",
        "no_changes": "Hakuna mabadiliko.",
        "since_recurring": "--since hutuma mabadiliko ya mialiko ya kujirudia tu "
        "(--instances recurring)",
        "outbox_written": "Barua {n} zimeandikwa katika {folder}: mialiko iliyosasishwa "
        "{requests}, ufutaji {cancels}.",
        "site_written": "Tovuti ya programu imeandikwa: {path}",
    },
    "en": {
        "valid": "OK: {source} is valid ({participants} participants, {sessions} sessions, "
        "{groups} groups).",
        "invalid": "{source} is invalid: {count}.",
        "warning": "warning: {conflict}",
        "conflicts": "{source}: {n} schedule conflicts.",
        "conflict": "{source}: 1 schedule conflict.",
        "no_organizer_email": "the organizer {org!r} has no e-mail address: set "
        "Organization.email of {org!r} (invitations name it as ORGANIZER, where replies go, "
        "RFC 5546 section 3.2.2). --sender sets only the From address of the messages; it "
        "does not change the ORGANIZER and receives no replies.",
        "is_directory": "cannot read {path}: it is a directory, not a file",
        "no_such_file": "cannot read {path}: no such file",
        "bundled": "the bundled example (2019 workshop)",
        "written": "Calendar written: {path} ({sessions} sessions)",
        "schedule_written": "Programme written: {path} ({format}, {sessions} sessions)",
        "schedule_read": "Event written: {path} ({sessions} sessions)",
        "eml_written": "{n} invitation messages written to {folder}",
        "progress": "sent {sent}/{total}",
        "all_sent": "All {n} messages sent through {server}.",
        "refused": "Sending stopped: {sent} of {total} sent; refused: {refusal}; "
        "{left} not sent (listed in {listing})",
        "import_invalid": "{source}: {n} problems; nothing written.",
        "imported": "{source} ({read}): {added} new participants, {replaced} replaced, "
        "{unchanged} already registered, {organizations} new institutions, {duplicates} "
        "duplicates merged, {skipped} rows with problems left out.",
        "import_written": "Updated event written: {path} ({participants} participants)",
        "workbook_written": "Workbook written: {path}",
        "replies": "{n} replies read: {answers} answers recorded, {refused} refused.",
        "reply_refused": "refused: {address} ({uid}): {reason}",
        "expected": "{group}, {day}: {accepted} accepted, {tentative} tentative, "
        "{declined} declined, {no_answer} without answer (of {registered})",
        "event_written": "Event written: {path}",
        "no_changes": "No changes.",
        "since_recurring": "--since sends updates of recurring invitations only "
        "(--instances recurring)",
        "outbox_written": "{n} messages written to {folder}: {requests} invitations or "
        "updates, {cancels} cancellations.",
        "site_written": "Programme site written: {path}",
    },
}


class _UsageError(Exception):
    """A problem with how the command was called, or a file it cannot read."""


class _InvalidInput(Exception):  # noqa: N818 (a message for the user, not a program error)
    """Input that cannot be used, with a message in the user's language (exit 1)."""


def _load(path: str | None, lang: str = "sw") -> Event:
    if path is None:
        from egov_events.examples import kikao_kazi_2019  # noqa: PLC0415 (lazy)

        return kikao_kazi_2019()
    from egov_events.serialization import load  # noqa: PLC0415 (lazy: cattrs)

    file = Path(path)
    if file.is_dir():
        raise _UsageError(_MESSAGES[lang]["is_directory"].format(path=path))
    if not file.is_file():
        raise _UsageError(_MESSAGES[lang]["no_such_file"].format(path=path))
    try:
        return load(file)
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror or exc}"
        raise _UsageError(msg) from exc


def _source(path: str | None, lang: str) -> str:
    return path if path is not None else _MESSAGES[lang]["bundled"]


def _cmd_validate(args: argparse.Namespace) -> int:
    messages = _MESSAGES[args.lang]
    event = _load(args.file, args.lang)
    source = _source(args.file, args.lang)
    conflicts = event.conflicts()
    for conflict in conflicts:
        print(messages["warning"].format(conflict=conflict.render(args.lang)), file=sys.stderr)
    if conflicts:
        n = len(conflicts)
        line = messages["conflict"] if n == 1 else messages["conflicts"]
        print(line.format(source=source, n=n), file=sys.stderr)
        if args.strict:
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
    from egov_events.summary import summarize  # noqa: PLC0415 (lazy)

    print(summarize(_load(args.file, args.lang), lang=args.lang))
    return EXIT_OK


def _write(path: Path, data: bytes) -> None:
    """Write a file whole or not at all; a failure is a usage error naming the file."""
    if not path.parent.is_dir():
        msg = f"cannot write {path}: no such directory {path.parent}"
        raise _UsageError(msg)
    try:
        write_atomically(path, data)
    except OSError as exc:
        msg = f"cannot write {path}: {exc.strerror or exc}"
        raise _UsageError(msg) from exc


def _output(args: argparse.Namespace, data: bytes, message: str, **fields: object) -> int:
    """Write *data* to ``args.output`` (atomically, then say so) or to stdout."""
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    path = Path(args.output)
    _write(path, data)
    print(_MESSAGES[args.lang][message].format(path=path, **fields))
    return EXIT_OK


def _cmd_ics(args: argparse.Namespace) -> int:
    from egov_events.ical import FeedExport  # noqa: PLC0415 (lazy: icalendar only when asked for)

    event = _load(args.file, args.lang)
    try:
        data = FeedExport(event).feed(
            lang=args.lang, group=args.group, participant=args.participant
        )
    except KeyError as exc:
        raise _UsageError(exc.args[0]) from None
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    sessions = data.count(b"\r\nBEGIN:VEVENT\r\n")
    return _output(args, data, "written", sessions=sessions)


def _smtp_server(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        msg = f"invalid --smtp {value!r}: expected HOST:PORT, e.g. 127.0.0.1:1025"
        raise argparse.ArgumentTypeError(msg)
    return host, int(port)


def _cmd_invites(args: argparse.Namespace) -> int:
    from egov_events.ical import emails_by_group, emails_by_object  # noqa: PLC0415 (lazy: icalendar)

    messages = _MESSAGES[args.lang]
    event = _load(args.file, args.lang)
    organizer = event.organization(event.organizer)
    if not organizer.email:
        # Invitations name the organizer as ORGANIZER: no --sender stands in for it.
        raise _InvalidInput(messages["no_organizer_email"].format(org=organizer.id))
    folder = Path(args.out_dir)
    if args.since is not None:
        return _send(args, _outbox(args, event), folder)
    # Build every message before writing anything: a participant without an
    # address stops the command with nothing written.
    outgoing = []
    try:
        for participant in event.participants:
            if args.instances == "recurring":  # the bulk writer: shared parts written once
                for group, message in emails_by_group(
                    event, participant, lang=args.lang, sender=args.sender
                ):
                    outgoing.append((f"{participant.id}.{group.id}.eml", message))
                continue
            for obj, message in emails_by_object(
                event, participant, lang=args.lang, sender=args.sender, instances=args.instances
            ):
                day = "" if obj.day is None else f".{obj.day.isoformat()}"
                outgoing.append((f"{participant.id}.{obj.group.id}{day}.eml", message))
    except ValueError as exc:
        raise _UsageError(str(exc)) from None
    return _send(args, outgoing, folder)


def _outbox(args: argparse.Namespace, new: Event) -> list[tuple[str, EmailMessage]]:
    """The e-mails of :func:`egov_events.revisions.outbox`, named ``<pid>.<gid>.<method>.eml``."""
    from egov_events.revisions import outbox  # noqa: PLC0415 (lazy: icalendar)

    if args.instances != "recurring":
        raise _UsageError(_MESSAGES[args.lang]["since_recurring"])
    old = _load(args.since, args.lang)
    try:
        return [
            (f"{m.participant}.{m.group}.{m.method.lower()}.eml", m.email(sender=args.sender))
            for m in outbox(old, new, lang=args.lang)
        ]
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            raise
        raise _UsageError(str(exc)) from None


def _send(args: argparse.Namespace, outgoing: list[tuple[str, EmailMessage]], folder: Path) -> int:
    """Write every message to *folder*, then send them if ``--smtp`` asks to."""
    from egov_events.ical import send_emails  # noqa: PLC0415 (lazy: icalendar)

    messages = _MESSAGES[args.lang]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"cannot create {folder}: {exc.strerror or exc}"
        raise _UsageError(msg) from exc
    for name, message in outgoing:
        _write(folder / name, message.as_bytes())
    if args.since is None:
        print(messages["eml_written"].format(n=len(outgoing), folder=folder))
    else:
        cancels = sum(name.endswith(".cancel.eml") for name, _ in outgoing)
        print(
            messages["outbox_written"].format(
                n=len(outgoing), folder=folder, requests=len(outgoing) - cancels, cancels=cancels
            )
        )
    if args.smtp is None:
        return EXIT_OK
    host, port = args.smtp
    total = len(outgoing)
    step = max(1, total // 20)

    def progress(sent: int, total: int) -> None:
        if sent % step == 0 or sent == total:
            print(messages["progress"].format(sent=sent, total=total), file=sys.stderr)

    report = send_emails([m for _, m in outgoing], host=host, port=port, progress=progress)
    if report.complete:
        print(messages["all_sent"].format(n=total, server=f"{host}:{port}"))
        return EXIT_OK
    names = {str(m["Message-ID"]): name for name, m in outgoing}
    listing = folder / "not-sent.txt"
    _write(listing, "".join(f"{names[i]}\n" for i in report.not_sent).encode("utf-8"))
    print(
        messages["refused"].format(
            sent=len(report.sent),
            total=total,
            refusal=report.refusal,
            left=len(report.not_sent),
            listing=listing,
        ),
        file=sys.stderr,
    )
    return EXIT_INVALID


def _replies_source(path: str) -> object:
    """A mailbox, a message or calendar bytes, by what *path* is."""
    import mailbox  # noqa: PLC0415 (lazy)
    from email import message_from_bytes, policy  # noqa: PLC0415 (lazy)

    where = Path(path)
    if where.is_dir():
        if not all((where / sub).is_dir() for sub in ("cur", "new", "tmp")):
            msg = f"cannot read {path}: a folder must be a Maildir (cur, new, tmp)"
            raise _UsageError(msg)
        return mailbox.Maildir(where, create=False)
    if not where.is_file():
        msg = f"cannot read {path}: no such file"
        raise _UsageError(msg)
    if where.suffix.lower() == ".ics":
        return where.read_bytes()
    if where.suffix.lower() == ".eml":
        return message_from_bytes(where.read_bytes(), policy=policy.default)
    return mailbox.mbox(where, create=False)


def _cmd_replies(args: argparse.Namespace) -> int:
    from egov_events.locale import format_date  # noqa: PLC0415 (lazy)
    from egov_events.revisions import (  # noqa: PLC0415 (lazy: icalendar)
        answer_counts,
        read_replies,
        sort_replies,
    )
    from egov_events.serialization import dumps  # noqa: PLC0415 (lazy: cattrs)

    messages = _MESSAGES[args.lang]
    event = _load(args.event, args.lang)
    source = _replies_source(args.mailbox)
    try:
        replies = read_replies(source)  # type: ignore[arg-type]
    except OSError as exc:
        msg = f"cannot read {args.mailbox}: {exc.strerror or exc}"
        raise _UsageError(msg) from exc
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    report = sort_replies(event, replies)
    updated = attrs.evolve(event, answers=report.answers)
    recorded = len(set(report.answers) - set(event.answers))
    print(messages["replies"].format(n=len(replies), answers=recorded, refused=len(report.refused)))
    for refusal in report.refused:
        print(
            messages["reply_refused"].format(
                address=refusal.reply.address, uid=refusal.reply.uid, reason=refusal.reason
            )
        )
    for count in answer_counts(updated):
        day = format_date(count.day, lang=args.lang, weekday=True)
        print(messages["expected"].format(**{**attrs.asdict(count), "day": day}))
    path = Path(args.output)
    _write(path, dumps(updated).encode("utf-8"))
    print(messages["event_written"].format(path=path))
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from egov_events.revisions import diff  # noqa: PLC0415 (lazy)

    changes = diff(_load(args.old, args.lang), _load(args.new, args.lang))
    if args.json:
        print(json.dumps(changes.to_json(), ensure_ascii=False, indent=2))
    else:
        print(changes.render(args.lang) if changes else _MESSAGES[args.lang]["no_changes"])
    return EXIT_OK


def _cmd_site(args: argparse.Namespace) -> int:
    try:
        from egov_events import site  # noqa: PLC0415 (optional: Jinja2 only when asked for)
    except ImportError as exc:
        msg = f"the site needs Jinja2: pip install 'egov-events[site]' ({exc})"
        raise _UsageError(msg) from None
    event = _load(args.file)
    langs = (args.lang, *(code for code in LANGUAGES if code != args.lang))
    try:
        index = site.build(event, Path(args.output), langs=langs)
    except OSError as exc:
        msg = f"cannot write the site to {args.output}: {exc.strerror or exc}"
        raise _UsageError(msg) from exc
    print(_MESSAGES[args.lang]["site_written"].format(path=index))
    return EXIT_OK


def _json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _cmd_schedule(args: argparse.Namespace) -> int:
    from egov_events import interchange  # noqa: PLC0415 (lazy)

    event = _load(args.file)
    if args.format == "xml":
        data = interchange.schedule_xml(event, lang=args.lang)
    elif args.format == "json":
        data = _json_bytes(interchange.schedule_json(event, lang=args.lang))
    elif args.format == "jsonld":
        data = _json_bytes(interchange.json_ld(event, lang=args.lang))
    else:
        from egov_events import ical  # noqa: PLC0415 (lazy: icalendar)

        data = _json_bytes(interchange.jcal(ical.calendar(event, lang=args.lang)))
    return _output(args, data, "schedule_written", format=args.format, sessions=len(event.sessions))


def _cmd_read_schedule(args: argparse.Namespace) -> int:
    from egov_events import interchange  # noqa: PLC0415 (lazy)
    from egov_events.serialization import dumps  # noqa: PLC0415 (lazy: cattrs)

    file = Path(args.schedule)
    if file.is_dir():
        raise _UsageError(_MESSAGES[args.lang]["is_directory"].format(path=args.schedule))
    if not file.is_file():
        raise _UsageError(_MESSAGES[args.lang]["no_such_file"].format(path=args.schedule))
    try:
        raw = file.read_bytes()
    except OSError as exc:
        msg = f"cannot read {args.schedule}: {exc.strerror or exc}"
        raise _UsageError(msg) from exc
    event = interchange.read_schedule(raw)
    data = (dumps(event) + "\n").encode("utf-8")
    return _output(args, data, "schedule_read", sessions=len(event.sessions))


def _cmd_schema(args: argparse.Namespace) -> int:
    from egov_events.serialization import SCHEMA_PATH  # noqa: PLC0415 (lazy: cattrs)

    sys.stdout.write(SCHEMA_PATH.read_text(encoding="utf-8"))
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from egov_events.registrations import read_registrations  # noqa: PLC0415 (lazy)
    from egov_events.serialization import dumps  # noqa: PLC0415 (lazy: cattrs)

    messages = _MESSAGES[args.lang]
    event = _load(args.file)
    table = Path(args.table)
    if not table.is_file():
        msg = f"cannot read {table}: no such file"
        raise _UsageError(msg)
    try:
        found = read_registrations(
            table,
            event=event,
            sheet=args.sheet,
            lang=args.lang,
            merge=args.merge,
            new_organizations=args.new_organizations,
        )
    except OSError as exc:
        msg = f"cannot read {table}: {exc.strerror or exc}"
        raise _UsageError(msg) from exc
    for problem in found.problems:
        print(problem.render(args.lang), file=sys.stderr)
    if found.problems and not args.valid_only:
        print(
            messages["import_invalid"].format(source=table, n=len(found.problems)), file=sys.stderr
        )
        return EXIT_INVALID
    updated = found.apply(event, valid_only=args.valid_only)
    how = (
        f"{found.encoding}, '{found.delimiter}'" if found.encoding is not None else f"{found.sheet}"
    )
    print(
        messages["imported"].format(
            source=table,
            read=how.replace("\t", "TAB"),
            added=len(found.rows),
            replaced=len(found.replaced),
            unchanged=len(found.unchanged),
            organizations=len(found.organizations),
            duplicates=len(found.duplicates),
            skipped=len({p.row for p in found.problems}),
        )
    )
    if args.output is not None:
        path = Path(args.output)
        _write(path, dumps(updated).encode("utf-8"))
        print(messages["import_written"].format(path=path, participants=len(updated.participants)))
    return EXIT_OK


def _cmd_workbook(args: argparse.Namespace) -> int:
    from egov_events.registrations import (  # noqa: PLC0415 (lazy: openpyxl only when asked for)
        write_registrations_template,
        write_workbook,
    )

    event = _load(args.file)
    buffer = io.BytesIO()
    if args.template:
        write_registrations_template(buffer, event, lang=args.lang)
    else:
        write_workbook(event, buffer, lang=args.lang)
    path = Path(args.output)
    _write(path, buffer.getvalue())
    print(_MESSAGES[args.lang]["workbook_written"].format(path=path))
    return EXIT_OK


def _add_revision_commands(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    """The commands about revisions of an event, ``diff`` and ``replies``, by *add_parser*."""
    changes = add_parser(
        "diff",
        help="print what changed between two revisions of an event",
        description="Print what changed from OLD to NEW: sessions, groups, participants, "
        "the event and its documents, one change a line, or as JSON.",
    )
    changes.add_argument("old", metavar="OLD", help="the earlier revision (JSON)")
    changes.add_argument("new", metavar="NEW", help="the later revision (JSON)")
    changes.add_argument(
        "--lang", choices=LANGUAGES, default="sw", help="language of the output (default: sw)"
    )
    changes.add_argument("--json", action="store_true", help="print the changes as JSON")
    changes.set_defaults(run=_cmd_diff)
    replies = add_parser(
        "replies",
        help="read participants' replies (iTIP REPLY) and record their answers",
        description="Read the replies in MAILBOX (an mbox file, a Maildir folder, an .eml or "
        "an .ics file), record each accepted answer in the event, print what was refused "
        "and the expected attendance, and write the updated event to UPDATED.",
    )
    replies.add_argument("event", metavar="EVENT", help="the event as JSON")
    replies.add_argument("mailbox", metavar="MAILBOX", help="mbox, Maildir, .eml or .ics")
    replies.add_argument(
        "-o", "--output", required=True, metavar="UPDATED", help="where to write the event"
    )
    replies.add_argument(
        "--lang", choices=LANGUAGES, default="sw", help="language of the output (default: sw)"
    )
    replies.set_defaults(run=_cmd_replies)


def _add_schedule_commands(
    add: Callable[[str, str], argparse.ArgumentParser],
    add_parser: Callable[..., argparse.ArgumentParser],
) -> None:
    """``schedule`` (with *add*: FILE and --lang) and ``read-schedule`` (by *add_parser*)."""
    schedule = add(
        "schedule",
        "write the programme for apps and search engines: c3voc schedule.xml or "
        "schedule.json, schema.org JSON-LD, or the calendar as jCal; one language per file",
    )
    schedule.add_argument(
        "--format",
        choices=("xml", "json", "jsonld", "jcal"),
        default="xml",
        help="xml: schedule.xml for the conference apps (default); json: schedule.json "
        "(version 1); jsonld: schema.org JSON-LD; jcal: the iCalendar feed as jCal (RFC 7265)",
    )
    schedule.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of stdout"
    )
    schedule.set_defaults(run=_cmd_schedule)
    read_schedule = add_parser(
        "read-schedule",
        help="read a frab, pretalx or c3voc schedule (JSON or XML) and write it as an event",
        description="Read a frab, pretalx or c3voc schedule.json or schedule.xml and write "
        "the event as this library's JSON.",
    )
    read_schedule.add_argument("schedule", metavar="SCHEDULE", help="the schedule file")
    read_schedule.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of stdout"
    )
    read_schedule.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="sw",
        help="language of the messages (default: sw, Swahili)",
    )
    read_schedule.set_defaults(run=_cmd_read_schedule, file=None)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="egov-events",
        description="Work with e-government events: validate, summarize, publish calendars, "
        "send invitations, describe the JSON format. Without FILE, "
        "the bundled 2019 e-Government Workshop is used.",
        epilog=_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    version = importlib.metadata.version("egov-events")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text,
            epilog=_EXIT_STATUS,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
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

    validate = add(
        "validate",
        "check an event and report every problem with its path; schedule conflicts are "
        "printed as warnings",
    )
    validate.add_argument(
        "--strict", action="store_true", help="fail (exit 1) on schedule conflicts too"
    )
    validate.set_defaults(run=_cmd_validate)
    add("summary", "print the event at a glance").set_defaults(run=_cmd_summary)
    ics = add(
        "ics",
        "write the programme as an iCalendar feed (METHOD:PUBLISH): the whole event, "
        "one group's or one participant's",
    )
    ics.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of stdout"
    )
    who = ics.add_mutually_exclusive_group()
    who.add_argument("--group", metavar="ID", help="only the sessions of this group")
    who.add_argument("--participant", metavar="ID", help="only this participant's sessions")
    ics.set_defaults(run=_cmd_ics)
    invites = add(
        "invites",
        "write each participant's invitation e-mail (iMIP, one .eml per group) and "
        "optionally send them",
    )
    invites.add_argument(
        "--out-dir", required=True, metavar="DIR", help="where to write the .eml files"
    )
    invites.add_argument(
        "--smtp",
        type=_smtp_server,
        metavar="HOST:PORT",
        help="also send them through this SMTP server; stops at the first refused message",
    )
    invites.add_argument(
        "--sender",
        metavar="ADDR",
        help="the From address of the messages (default: the organizer's); the invitations "
        "still name the organizer (Organization.email) as ORGANIZER, where replies go",
    )
    invites.add_argument(
        "--since",
        metavar="OLD",
        help="only what changed since the revision OLD (JSON): updates and cancellations "
        "for the participants a change concerns, nothing for the others",
    )
    invites.add_argument(
        "--instances",
        choices=("recurring", "per-day"),
        default="recurring",
        help="recurring: one invitation per group (RRULE, default); per-day: one per day "
        "of each group, for calendars that ignore RECURRENCE-ID overrides",
    )
    invites.set_defaults(run=_cmd_invites)
    imports = sub.add_parser(
        "import",
        help="add the participants of a registration list (CSV or XLSX) to an event",
        description="Read a registration list (CSV in any encoding, or XLSX) into "
        "participants of EVENT. Every problem is printed as 'row N, column \"X\": message' "
        "and nothing is written (exit 1), unless --valid-only.",
    )
    imports.add_argument("file", metavar="EVENT", help="the event as JSON")
    imports.add_argument("table", metavar="FILE", help="the registration list, .csv or .xlsx")
    imports.add_argument("--sheet", metavar="NAME", help="the XLSX sheet (default: the first)")
    imports.add_argument(
        "--lang", choices=LANGUAGES, default="sw", help="language of the list and of the output"
    )
    imports.add_argument(
        "-o", "--output", metavar="UPDATED.json", help="write the event with them added"
    )
    imports.add_argument(
        "--valid-only", action="store_true", help="add the rows without problems, leave the rest"
    )
    imports.add_argument(
        "--merge",
        choices=("refuse", "first", "last"),
        default="refuse",
        help="the same person twice: a problem (default), keep the first, or keep the last",
    )
    imports.add_argument(
        "--new-organizations",
        action="store_true",
        help="an unknown institution becomes a new organization instead of a problem",
    )
    imports.set_defaults(run=_cmd_import)
    workbook = add(
        "workbook",
        "write the event as an XLSX workbook for committees: participants per group "
        "with their days, sessions, submissions with scores and the selection line",
    )
    workbook.add_argument(
        "-o", "--output", required=True, metavar="OUT.xlsx", help="where to write it"
    )
    workbook.add_argument(
        "--template",
        action="store_true",
        help="write an empty registration form with the event's lists instead",
    )
    workbook.set_defaults(run=_cmd_workbook)
    _add_revision_commands(sub.add_parser)
    site = add(
        "site",
        "write the programme as a static web site (both languages, --lang first): "
        "a page per day, session and group, with the calendars and schedule files",
    )
    site.add_argument("-o", "--output", required=True, metavar="DIR", help="the site's folder")
    site.set_defaults(run=_cmd_site)
    _add_schedule_commands(add, sub.add_parser)
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
    except _InvalidInput as exc:
        print(f"egov-events: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except ValidationError as exc:
        for line in exc.messages(args.lang):
            print(line, file=sys.stderr)
        if args.command == "validate":
            source = _source(args.file, args.lang)
            count = count_problems(len(exc.problems), args.lang)
            print(
                _MESSAGES[args.lang]["invalid"].format(source=source, count=count), file=sys.stderr
            )
        return EXIT_INVALID
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
