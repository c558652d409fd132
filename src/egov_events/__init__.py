"""egov_events: typed models of e-government events, Swahili first.

>>> import egov_events as ee
>>> event = ee.examples.kikao_kazi_2019()
>>> print(event.title.get("sw"))
Kikao Kazi cha 2 cha Serikali Mtandao 2019
>>> len(event.participants), event.reported_attendance
(786, 786)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from egov_events._lazy import lazy_names
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

# JSON (the cattrs converter) and the bundled example load on first use, so
# that ``import egov_events`` costs little more than the models; icalendar,
# dateutil's parser, pandas and polars load only in the modules that use them.
if TYPE_CHECKING:
    from egov_events import examples
    from egov_events.serialization import (
        SCHEMA_VERSION,
        dump,
        dumps,
        json_schema,
        load,
        loads,
    )

_LAZY = {
    "examples": ".examples",
    "SCHEMA_VERSION": "egov_events.serialization",
    "dump": "egov_events.serialization",
    "dumps": "egov_events.serialization",
    "json_schema": "egov_events.serialization",
    "load": "egov_events.serialization",
    "loads": "egov_events.serialization",
}

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

# Hidden from type checkers, which see the imports above instead, so that a
# misspelt name is still an error for them.
if not TYPE_CHECKING:
    __getattr__, __dir__ = lazy_names(__name__, _LAZY, __all__)
