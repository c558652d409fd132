"""Events change: what changed between two revisions, and who must be told.

- :func:`diff`: the typed changes between two revisions, each rendered in
  Swahili and English (:class:`Changes`);
- :func:`revise`: the next revision of an event, with ``revision`` raised,
  ``updated`` set and the SEQUENCE of exactly the calendar objects that
  changed raised (RFC 5545 section 3.8.7.4); :func:`check` finds what an
  edit by hand forgot;
- :func:`outbox`: the least set of iTIP messages (RFC 5546) that brings
  every participant's calendar up to date: REQUESTs and CANCELs for those a
  change concerns, nothing for the others;
- :func:`read_replies` and :func:`apply_replies`: the participants' iTIP
  REPLYs (from ``.ics`` bytes, e-mails or a mailbox) recorded as answers per
  group and day; :func:`sort_replies` says which are refused and why
  (unknown UID, forged address, stale SEQUENCE).

>>> import attrs, egov_events as ee
>>> from datetime import datetime, timedelta
>>> from egov_events import revisions
>>> old = ee.examples.kikao_kazi_2019()
>>> day = old.group("group-2").days[0]
>>> cancelled = tuple(
...     attrs.evolve(s, status=ee.SessionStatus.CANCELLED)
...     if "group-2" in s.groups and old.day_of(s.start) == day else s
...     for s in old.sessions)
>>> new = revisions.revise(old, attrs.evolve(old, sessions=cancelled),
...                        at=datetime.fromisoformat("2019-02-05T09:00:00+03:00"))
>>> print(revisions.diff(old, new).render("en").splitlines()[0])
Session 'Registration of participants' cancelled: 08:00 to 09:00, 1 February 2019
>>> messages = revisions.outbox(old, new)
>>> len(messages), {(m.method, m.group, m.sequence) for m in messages}
(170, {('CANCEL', 'group-2', 2)})
"""

from __future__ import annotations

from egov_events.revisions._changes import (
    Change,
    Changes,
    DocumentAdded,
    DocumentRemoved,
    EventRelocated,
    EventRescheduled,
    EventRetitled,
    EventStatusChanged,
    GroupAdded,
    GroupChange,
    GroupDaysChanged,
    GroupHoursChanged,
    GroupRemoved,
    ParticipantAdded,
    ParticipantChange,
    ParticipantMoved,
    ParticipantRemoved,
    ParticipantStatusChanged,
    SessionAdded,
    SessionCancelled,
    SessionChange,
    SessionMoved,
    SessionRedescribed,
    SessionRelocated,
    SessionRemoved,
    SessionRetitled,
    SessionStatusChanged,
)
from egov_events.revisions._diff import diff
from egov_events.revisions._outbox import Message, outbox
from egov_events.revisions._replies import (
    AnswerCount,
    InstanceReply,
    Refusal,
    Reply,
    ReplyReport,
    answer_counts,
    apply_replies,
    read_replies,
    sort_replies,
)
from egov_events.revisions._sequences import check, revise

__all__ = [
    "AnswerCount",
    "Change",
    "Changes",
    "DocumentAdded",
    "DocumentRemoved",
    "EventRelocated",
    "EventRescheduled",
    "EventRetitled",
    "EventStatusChanged",
    "GroupAdded",
    "GroupChange",
    "GroupDaysChanged",
    "GroupHoursChanged",
    "GroupRemoved",
    "InstanceReply",
    "Message",
    "ParticipantAdded",
    "ParticipantChange",
    "ParticipantMoved",
    "ParticipantRemoved",
    "ParticipantStatusChanged",
    "Refusal",
    "Reply",
    "ReplyReport",
    "SessionAdded",
    "SessionCancelled",
    "SessionChange",
    "SessionMoved",
    "SessionRedescribed",
    "SessionRelocated",
    "SessionRemoved",
    "SessionRetitled",
    "SessionStatusChanged",
    "answer_counts",
    "apply_replies",
    "check",
    "diff",
    "outbox",
    "read_replies",
    "revise",
    "sort_replies",
]
