"""Registrations from spreadsheets: CSV and XLSX in, every problem named; a workbook out.

Government events collect registrations through online forms exported to
CSV or Excel, lists that ministries and LGAs send in, and sign-in sheets
typed up afterwards. :func:`read_registrations` turns such a file into
participants of an existing event and names every problem at once, each
as ``row N, column "X": message`` in Swahili and English, so that the file
is fixed instead of the code; :meth:`Registrations.apply` adds them to the
event. :func:`write_workbook` hands committees the event as a workbook
(participants per group with their days, sessions, submissions with their
scores and the selection line), and :func:`write_registrations_template`
an empty form with the right columns and lists to choose from.

CSV needs nothing more than the library; XLSX needs the ``excel`` extra
(openpyxl) and a "Simu"/"Phone" column the ``phone`` extra (phonenumbers);
the ``registrations`` extra installs both.
"""

from __future__ import annotations

from egov_events.registrations._columns import COLUMNS, REQUIRED, Column
from egov_events.registrations._problems import RowProblem
from egov_events.registrations._read import (
    MAX_CELL,
    MAX_PROBLEMS,
    Duplicate,
    Registration,
    Registrations,
    read_registrations,
)
from egov_events.registrations._workbook import write_registrations_template, write_workbook

__all__ = [
    "COLUMNS",
    "MAX_CELL",
    "MAX_PROBLEMS",
    "REQUIRED",
    "Column",
    "Duplicate",
    "Registration",
    "Registrations",
    "RowProblem",
    "read_registrations",
    "write_registrations_template",
    "write_workbook",
]
