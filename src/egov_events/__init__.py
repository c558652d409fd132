"""egov_events: typed models of e-government events, Swahili first.

>>> import egov_events as ee
>>> event = ee.examples.kikao_kazi_2019()
>>> print(event.title.get("sw"))
Kikao Kazi cha 2 cha Serikali Mtandao 2019
>>> len(event.participants), event.reported_attendance
(786, 786)
"""

from __future__ import annotations

from egov_events import examples
from egov_events.errors import Problem, ValidationError
from egov_events.model import (
    Document,
    DocumentKind,
    Event,
    EventStatus,
    Organization,
    OrganizationKind,
    Participant,
    ParticipantGroup,
    Person,
    RegistrationStatus,
    Role,
    Room,
    Session,
    SessionKind,
    SessionStatus,
    Sponsor,
    Venue,
)
from egov_events.serialization import (
    SCHEMA_VERSION,
    dump,
    dumps,
    json_schema,
    load,
    loads,
)
from egov_events.submissions import (
    CallForSubmissions,
    Criterion,
    Review,
    StateChange,
    Submission,
    SubmissionKind,
    SubmissionState,
)
from egov_events.text import LocalizedText

__version__ = "0.1.0.dev0"

__all__ = [
    "SCHEMA_VERSION",
    "CallForSubmissions",
    "Criterion",
    "Document",
    "DocumentKind",
    "Event",
    "EventStatus",
    "LocalizedText",
    "Organization",
    "OrganizationKind",
    "Participant",
    "ParticipantGroup",
    "Person",
    "Problem",
    "RegistrationStatus",
    "Review",
    "Role",
    "Room",
    "Session",
    "SessionKind",
    "SessionStatus",
    "Sponsor",
    "StateChange",
    "Submission",
    "SubmissionKind",
    "SubmissionState",
    "ValidationError",
    "Venue",
    "__version__",
    "dump",
    "dumps",
    "examples",
    "json_schema",
    "load",
    "loads",
]
