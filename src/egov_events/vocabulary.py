"""The former name of :mod:`egov_events.enum_names`, kept so that existing imports work.

>>> from egov_events.vocabulary import name
>>> from egov_events import SessionKind
>>> name(SessionKind.KEYNOTE, "en")
'Keynote'
"""

from __future__ import annotations

from egov_events.enum_names import name

__all__ = ["name"]
