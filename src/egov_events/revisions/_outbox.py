"""outbox: the least set of iTIP messages that brings every participant up to date.

For each group and participant, comparing two revisions:

- the participant holds the group's invitation in the new revision but not
  in the old (newly registered, joined the group, the group is new or now
  has days): a REQUEST;
- held it in both, and the invitation changed (any property but DTSTAMP,
  SEQUENCE and the attendee), or one of the group's sessions, the group or
  the event changed (:func:`diff`), or the participant's own name, address
  or groups changed: a REQUEST, with the group's sequence (raised when the
  change was significant, the same with a later DTSTAMP otherwise: RFC 5546
  section 2.1.5), and the e-mail says what changed;
- held it in the old revision but not in the new (left the group, withdrew,
  was removed, the group was removed or has nothing left, the event was
  cancelled): a CANCEL of the whole object, with the group's new sequence
  (the old one plus one when the group is gone);
- otherwise nothing.

So there is at most one message per participant and UID in an outbox, and
its SEQUENCE is never below one sent before: :func:`revise` raised the
group's sequence for every change that calls for a CANCEL or for a REQUEST
to a new holder, so a CANCEL and a REQUEST never share a sequence or
invert. A day cancelled is an update of the invitation (its EXDATE), sent
as a REQUEST.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal

import attrs

from egov_events.errors import ValidationError
from egov_events.locale import language
from egov_events.model import Event, Participant
from egov_events.revisions import _changes as ch
from egov_events.revisions._diff import diff
from egov_events.revisions._sequences import GroupState, group_states, problems

if TYPE_CHECKING:
    from email.message import EmailMessage

    import icalendar

    from egov_events.ical import ItipExport

__all__ = ["Message", "outbox"]

_UPDATED: Final = {
    "sw": "Maelezo ya mwaliko yamesasishwa.",
    "en": "The invitation's details were updated.",
}


@attrs.frozen(kw_only=True)
class Message:
    """One iTIP message for one participant: a REQUEST or a CANCEL of one group's invitation."""

    participant: str
    """The participant's id."""
    group: str
    """The group whose invitation this is."""
    method: Literal["REQUEST", "CANCEL"]
    uid: str
    sequence: int
    calendar: icalendar.Calendar = attrs.field(eq=False, repr=False)
    """The METHOD:REQUEST or METHOD:CANCEL calendar."""
    changes: tuple[ch.Change, ...]
    """What changed for this participant in this group, as the e-mail says it."""
    lang: str
    event: Event = attrs.field(eq=False, repr=False)
    """The revision the message is written from (the old one for a CANCEL)."""
    _data: bytes | None = attrs.field(default=None, eq=False, repr=False, alias="data")
    """``calendar.to_ical()`` as the outbox wrote it (``None``: written when asked)."""

    def to_ical(self) -> bytes:
        """The calendar's bytes: ``calendar.to_ical()``, written by the bulk writer.

        :func:`outbox` writes each group's calendar once and puts each
        participant's ATTENDEE in (:class:`egov_events.ical.ItipExport`);
        the bytes are those ``calendar.to_ical()`` gives, as long as the
        calendar is not changed after the outbox made it.
        """
        return self.calendar.to_ical() if self._data is None else self._data

    def explanation(self) -> list[str]:
        """The "what changed" sentences in the message's language."""
        return [c.render(self.lang) for c in self.changes] or [_UPDATED[self.lang]]

    def email(self, *, sender: str | None = None) -> EmailMessage:
        """The e-mail (iMIP, RFC 6047) that carries the message, what changed first."""
        from egov_events.ical import change_email  # noqa: PLC0415 (lazy: icalendar)

        return change_email(
            self.event,
            self.event.participant(self.participant),
            self.event.group(self.group),
            self.calendar,
            changes=self.explanation(),
            lang=self.lang,
            sender=sender,
            data=self.to_ical(),
        )


def _unchanging(data: bytes) -> list[bytes]:
    """The content lines of a calendar but DTSTAMP, SEQUENCE and ATTENDEE, unfolded."""
    lines = data.replace(b"\r\n ", b"").split(b"\r\n")
    return [line for line in lines if not line.startswith((b"DTSTAMP", b"SEQUENCE", b"ATTENDEE"))]


def _invitation(event: Event, participant: str, group: str, lang: str) -> icalendar.Calendar:
    from egov_events.ical import scheduling_objects  # noqa: PLC0415 (lazy: icalendar)

    for found in scheduling_objects(event, participant, lang=lang, groups=(group,)):
        return found.calendar
    msg = f"participant {participant!r} has no invitation to group {group!r}"  # pragma: no cover
    raise AssertionError(msg)  # pragma: no cover


def _relevant(
    changes: ch.Changes, sessions: set[str], group: str, participant: str
) -> tuple[ch.Change, ...]:
    out = []
    for c in changes:
        if c.concerns_everyone:
            out.append(c)
        elif isinstance(c, ch.SessionChange):
            if c.session in sessions:
                out.append(c)
        elif isinstance(c, ch.GroupChange):
            if c.group == group:
                out.append(c)
        elif isinstance(c, ch.ParticipantChange) and c.participant == participant:
            out.append(c)
    return tuple(out)


@attrs.define
class _Outbox:
    old: Event
    new: Event
    lang: str
    languages: Mapping[str, str]
    changes: ch.Changes
    messages: list[tuple[tuple[int, int], Message]] = attrs.field(factory=list)
    _sessions: dict[str, set[str]] = attrs.field(factory=dict)
    _changed: dict[tuple[str, str], bool] = attrs.field(factory=dict)
    _exports: dict[bool, ItipExport] = attrs.field(factory=dict)

    def export(self, *, new: bool) -> ItipExport:
        """The bulk writer of the new revision's messages, or of the old one's."""
        found = self._exports.get(new)
        if found is None:
            from egov_events.ical import ItipExport  # noqa: PLC0415 (lazy: icalendar)

            found = self._exports[new] = ItipExport(self.new if new else self.old)
        return found

    def lang_of(self, participant: str) -> str:
        return language(self.languages.get(participant, self.lang))

    def sessions_of(self, group: str) -> set[str]:
        """The ids of the sessions the group attends in either revision."""
        if group not in self._sessions:
            ids: set[str] = set()
            for event in (self.old, self.new):
                if any(g.id == group for g in event.groups):
                    ids.update(s.id for s in event.sessions_for_group(group))
            self._sessions[group] = ids
        return self._sessions[group]

    def content_changed(self, group: str, holder: str, lang: str) -> bool:
        """Whether the group's invitation reads otherwise (one holder's copy stands for all)."""
        key = (group, lang)
        if key not in self._changed:
            before = self.export(new=False).request(holder, group, lang=lang)
            after = self.export(new=True).request(holder, group, lang=lang)
            self._changed[key] = _unchanging(before) != _unchanging(after)
        return self._changed[key]

    def add(
        self, order: tuple[int, int], participant: str, group: str, method: str, *, sequence: int
    ) -> None:
        from egov_events.ical import cancel_object  # noqa: PLC0415 (lazy: icalendar)

        lang = self.lang_of(participant)
        event = self.new if method == "REQUEST" else self.old
        if method == "REQUEST":
            calendar = _invitation(self.new, participant, group, lang)
            data = self.export(new=True).request(participant, group, lang=lang)
        else:
            calendar = cancel_object(
                self.old, participant, group, sequence=sequence, stamp=self.new.updated, lang=lang
            )
            data = self.export(new=False).cancel(
                participant, group, sequence=sequence, stamp=self.new.updated, lang=lang
            )
        relevant = _relevant(self.changes, self.sessions_of(group), group, participant)
        message = Message(
            participant=participant,
            group=group,
            method="REQUEST" if method == "REQUEST" else "CANCEL",
            uid=f"group+{group}@{self.new.id}.egov-events",
            sequence=sequence,
            calendar=calendar,
            changes=relevant,
            lang=lang,
            event=event,
            data=data,
        )
        self.messages.append((order, message))


def _same_person(old: Event, new: Event, a: Participant, b: Participant) -> bool:
    if a.person == b.person and old.people is new.people:
        return True
    x, y = old.person(a.person), new.person(b.person)
    return (x.display_name, x.email) == (y.display_name, y.email)


def _order(event: Event) -> dict[str, int]:
    return {p.id: i for i, p in enumerate(event.participants)}


def outbox(
    old: Event,
    new: Event,
    *,
    lang: str = "sw",
    languages: Mapping[str, str] | None = None,
) -> list[Message]:
    """The messages to send after revising *old* into *new*, and nothing more.

    See the module's notes for who gets what. *new* must be a proper
    revision of *old* (:func:`revise` makes one): a later ``updated`` (the
    messages' DTSTAMP), a higher ``revision``, and every sequence raised that
    needs to be. *lang* is the language of the calendars and e-mails;
    *languages* gives some participants (by id) another one. Messages come
    in the order of the participants (the new revision's, then those who
    left), each participant's by group.

    Moving a session within its group's hours tells the group's members
    (their e-mail says what moved) and raises no invitation's sequence:

    >>> import attrs, egov_events as ee
    >>> from datetime import datetime, timedelta
    >>> from egov_events.revisions import revise
    >>> old = ee.examples.kikao_kazi_2019()
    >>> s = old.sessions[1]
    >>> later = attrs.evolve(s, start=s.start + timedelta(hours=1), end=s.end + timedelta(hours=1))
    >>> new = revise(old, attrs.evolve(old, sessions=(old.sessions[0], later, *old.sessions[2:])),
    ...              at=datetime.fromisoformat("2019-02-05T09:00:00+03:00"))
    >>> messages = outbox(old, new)
    >>> len(messages), {(m.method, m.group, m.sequence) for m in messages}
    (520, {('REQUEST', 'group-1', 1)})

    Raises:
        ValidationError: *new* is not a proper revision of *old*
            (:func:`check` says why).
        ValueError: a participant or the organizer has no e-mail address.

    """
    found = problems(old, new)
    if found:
        raise ValidationError(found)
    box = _Outbox(old, new, language(lang), languages or {}, diff(old, new))
    before, after = group_states(old), group_states(new)
    empty = GroupState(invited=False, days=(), status="", place=(), members=frozenset())
    position_new, position_old = _order(new), _order(old)
    groups_new = {g.id: g for g in new.groups}
    groups_old = {g.id: g for g in old.groups}
    every = [*groups_new, *(g for g in groups_old if g not in groups_new)]
    ranks = {g: i for i, g in enumerate(every)}
    gone = len(position_new)

    def order(participant: str, group: str) -> tuple[int, int]:
        rank = position_new.get(participant)
        return (rank if rank is not None else gone + position_old[participant], ranks[group])

    parts_old = (
        {p.id: p for p in old.participants} if old.participants is not new.participants else None
    )
    for group in ranks:
        was, now = before.get(group, empty), after.get(group, empty)
        g_new = groups_new.get(group)
        for pid in sorted(was.members - now.members):
            # the group's new sequence; one above its last when the group is gone
            sequence = g_new.sequence if g_new is not None else groups_old[group].sequence + 1
            box.add(order(pid, group), pid, group, "CANCEL", sequence=sequence)
        if g_new is None:
            continue
        for pid in sorted(now.members - was.members):
            box.add(order(pid, group), pid, group, "REQUEST", sequence=g_new.sequence)
        touched = bool(_relevant(box.changes, box.sessions_of(group), group, ""))
        for pid in sorted(was.members & now.members):
            changed = touched or box.content_changed(group, pid, box.lang_of(pid))
            if not changed and parts_old is not None:
                a, b = parts_old[pid], new.participant(pid)
                changed = a is not b and not _same_person(old, new, a, b)
            if changed:
                box.add(order(pid, group), pid, group, "REQUEST", sequence=g_new.sequence)
    return [m for _, m in sorted(box.messages, key=lambda item: item[0])]
