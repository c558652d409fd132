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

from typing import TYPE_CHECKING

from egov_events._lazy import lazy_names

# What works on the model loads with the package. What writes or reads
# calendars and e-mails (outbox, the replies) needs icalendar and loads on
# first use; outbox is an edge (it writes the messages it returns), so the
# package spans layers as rules does. Each public name is written once: see
# egov_events._lazy.
from egov_events.revisions._changes import Change as Change
from egov_events.revisions._changes import Changes as Changes
from egov_events.revisions._changes import DocumentAdded as DocumentAdded
from egov_events.revisions._changes import DocumentRemoved as DocumentRemoved
from egov_events.revisions._changes import EventRelocated as EventRelocated
from egov_events.revisions._changes import EventRescheduled as EventRescheduled
from egov_events.revisions._changes import EventRetitled as EventRetitled
from egov_events.revisions._changes import EventStatusChanged as EventStatusChanged
from egov_events.revisions._changes import GroupAdded as GroupAdded
from egov_events.revisions._changes import GroupChange as GroupChange
from egov_events.revisions._changes import GroupDaysChanged as GroupDaysChanged
from egov_events.revisions._changes import GroupHoursChanged as GroupHoursChanged
from egov_events.revisions._changes import GroupRemoved as GroupRemoved
from egov_events.revisions._changes import ParticipantAdded as ParticipantAdded
from egov_events.revisions._changes import ParticipantChange as ParticipantChange
from egov_events.revisions._changes import ParticipantMoved as ParticipantMoved
from egov_events.revisions._changes import ParticipantRemoved as ParticipantRemoved
from egov_events.revisions._changes import ParticipantStatusChanged as ParticipantStatusChanged
from egov_events.revisions._changes import SessionAdded as SessionAdded
from egov_events.revisions._changes import SessionCancelled as SessionCancelled
from egov_events.revisions._changes import SessionChange as SessionChange
from egov_events.revisions._changes import SessionMoved as SessionMoved
from egov_events.revisions._changes import SessionRedescribed as SessionRedescribed
from egov_events.revisions._changes import SessionRelocated as SessionRelocated
from egov_events.revisions._changes import SessionRemoved as SessionRemoved
from egov_events.revisions._changes import SessionRetitled as SessionRetitled
from egov_events.revisions._changes import SessionStatusChanged as SessionStatusChanged
from egov_events.revisions._diff import diff as diff
from egov_events.revisions._sequences import check as check
from egov_events.revisions._sequences import revise as revise

if TYPE_CHECKING:
    from egov_events.revisions._outbox import Message as Message
    from egov_events.revisions._outbox import outbox as outbox
    from egov_events.revisions._replies import AnswerCount as AnswerCount
    from egov_events.revisions._replies import InstanceReply as InstanceReply
    from egov_events.revisions._replies import Refusal as Refusal
    from egov_events.revisions._replies import Reply as Reply
    from egov_events.revisions._replies import ReplyReport as ReplyReport
    from egov_events.revisions._replies import answer_counts as answer_counts
    from egov_events.revisions._replies import apply_replies as apply_replies
    from egov_events.revisions._replies import read_replies as read_replies
    from egov_events.revisions._replies import sort_replies as sort_replies
else:
    __getattr__, __dir__ = lazy_names(__name__)
