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

# The models load with the package. JSON (the cattrs converter) and the
# bundled example load on first use, so that ``import egov_events`` costs
# little more than the models; icalendar, dateutil's parser, pandas and
# polars load only in the modules that use them. Each public name is written
# once: see egov_events._lazy.
from egov_events._caches import clear_caches as clear_caches
from egov_events._lazy import lazy_names
from egov_events.errors import Problem as Problem
from egov_events.errors import ValidationError as ValidationError
from egov_events.model import Document as Document
from egov_events.model import DocumentKind as DocumentKind
from egov_events.model import Event as Event
from egov_events.model import EventStatus as EventStatus
from egov_events.model import Organization as Organization
from egov_events.model import OrganizationKind as OrganizationKind
from egov_events.model import Participant as Participant
from egov_events.model import ParticipantGroup as ParticipantGroup
from egov_events.model import Person as Person
from egov_events.model import RegistrationStatus as RegistrationStatus
from egov_events.model import Role as Role
from egov_events.model import Room as Room
from egov_events.model import Session as Session
from egov_events.model import SessionKind as SessionKind
from egov_events.model import SessionStatus as SessionStatus
from egov_events.model import Sponsor as Sponsor
from egov_events.model import Venue as Venue
from egov_events.submissions import CallForSubmissions as CallForSubmissions
from egov_events.submissions import Criterion as Criterion
from egov_events.submissions import Review as Review
from egov_events.submissions import StateChange as StateChange
from egov_events.submissions import Submission as Submission
from egov_events.submissions import SubmissionKind as SubmissionKind
from egov_events.submissions import SubmissionState as SubmissionState
from egov_events.text import LocalizedText as LocalizedText

__version__ = "0.1.0.dev0"

if TYPE_CHECKING:
    from egov_events import examples as examples
    from egov_events.serialization import SCHEMA_VERSION as SCHEMA_VERSION
    from egov_events.serialization import dump as dump
    from egov_events.serialization import dumps as dumps
    from egov_events.serialization import json_schema as json_schema
    from egov_events.serialization import load as load
    from egov_events.serialization import loads as loads
else:
    __getattr__, __dir__ = lazy_names(__name__, "__version__")
