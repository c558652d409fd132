"""Tables for notebooks: an event's participants, sessions and submissions as DataFrames.

Each function returns a pandas DataFrame, or a polars one with
``backend="polars"``. Both libraries are optional extras, imported only when
a table is asked for: ``pip install egov-events[pandas]`` or
``pip install egov-events[polars]``.

The columns are typed, the same way in both backends:

- what takes its values from an enumeration (organization kinds, states,
  session kinds, statuses) is categorical, with every possible value as a
  category, so that counts show the zeros too (pandas ``category``,
  polars ``Enum``);
- a group id column is categorical in pandas (every group of the event a
  category) and a plain ``String`` in polars, so that it joins with plain
  strings without a cast (polars does not join an ``Enum`` with a
  ``String``);
- lists of groups and roles are tuples of ids in pandas and
  ``List(String)`` in polars;
- moments are zone-aware, in the event's zone (pandas
  ``datetime64[ns, Africa/Dar_es_Salaam]``, polars ``Datetime`` with that
  ``time_zone``); calendar days are ``Period[D]`` in pandas and ``Date`` in
  polars;
- counts are integers, scores floats (exact scores are in
  :func:`egov_events.submissions.scores`), and missing values are
  ``NaN``/``<NA>`` in pandas and ``null`` in polars.

>>> import egov_events as ee
>>> from egov_events.analysis import attendance_by_day
>>> event = ee.examples.kikao_kazi_2019()
>>> by_day = attendance_by_day(event)
>>> [(str(day), n) for day, n in zip(by_day["day"], by_day["present"])]
[('2019-01-30', 502), ('2019-01-31', 486), ('2019-02-01', 164), ('2019-02-02', 596)]
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from egov_events.locale import DAY_NAMES, language
from egov_events.model import OrganizationKind, RegistrationStatus, SessionKind, SessionStatus
from egov_events.submissions import (
    Outcome,
    Reason,
    SubmissionKind,
    SubmissionState,
    before,
    scores,
    select,
)

if TYPE_CHECKING:
    from egov_events.model import Event

__all__ = [
    "Backend",
    "attendance_by_day",
    "attendance_by_group",
    "attendance_by_organization_kind",
    "attendance_frame",
    "attendance_table",
    "expected_attendance",
    "participants_frame",
    "sessions_frame",
    "submissions_frame",
]

Backend = Literal["pandas", "polars"]
"""The DataFrame libraries the tables are built with."""

_BACKENDS: tuple[str, ...] = ("pandas", "polars")


@dataclass(frozen=True)
class _Column:
    """A column's type, said once for both backends."""

    kind: Literal["str", "cat", "key", "list", "int", "float", "bool", "day", "moment"]
    categories: tuple[str, ...] = ()
    zone: str = ""
    nullable: bool = False


def _text() -> _Column:
    return _Column("str")


def _categories(values: Iterable[str] | type[enum.StrEnum]) -> _Column:
    return _Column("cat", tuple(str(v) for v in values))


def _load(backend: str, what: str) -> Any:
    """Import the backend, or raise an ImportError that names the extra to install."""
    if backend not in _BACKENDS:
        msg = f"unknown backend {backend!r}: expected 'pandas' or 'polars'"
        raise ValueError(msg)
    try:
        # importlib keeps the optional extras (and their type stubs) out of the type check.
        return importlib.import_module(backend)
    except ImportError:
        msg = (
            f"{what} with backend={backend!r} needs {backend}, an optional extra: "
            f"pip install egov-events[{backend}]"
        )
        raise ImportError(msg) from None


def _pandas_column(pd: Any, values: list[Any], col: _Column) -> Any:  # noqa: PLR0911
    if col.kind == "str":
        return pd.Series(values, dtype="string")
    if col.kind in ("cat", "key"):
        return pd.Series(pd.Categorical(values, categories=list(col.categories)))
    if col.kind == "list":
        return pd.Series(values, dtype=object)
    if col.kind == "int":
        return pd.Series(values, dtype="Int64" if col.nullable else "int64")
    if col.kind == "float":
        return pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
    if col.kind == "bool":
        return pd.Series(values, dtype="bool")
    if col.kind == "day":
        return pd.Series(pd.PeriodIndex([v.isoformat() for v in values], freq="D"))
    return pd.Series(
        pd.DatetimeIndex(pd.to_datetime(values, utc=True), dtype="datetime64[ns, UTC]").tz_convert(
            col.zone
        )
    )


def _polars_dtype(pl: Any, col: _Column) -> Any:
    simple = {
        "str": pl.String,
        "key": pl.String,
        "int": pl.Int64,
        "float": pl.Float64,
        "bool": pl.Boolean,
        "day": pl.Date,
    }
    if col.kind in simple:
        return simple[col.kind]
    if col.kind == "cat":
        return pl.Enum(list(col.categories))
    if col.kind == "list":
        return pl.List(pl.String)
    return pl.Datetime("us", time_zone=col.zone)


def _frame(
    backend: str, what: str, columns: dict[str, _Column], rows: Sequence[Sequence[Any]]
) -> Any:
    module = _load(backend, what)
    data = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
    if backend == "pandas":
        return module.DataFrame(
            {name: _pandas_column(module, data[name], col) for name, col in columns.items()}
        )
    return module.DataFrame(
        [
            module.Series(name, data[name], dtype=_polars_dtype(module, col))
            for name, col in columns.items()
        ]
    )


def participants_frame(event: Event, *, backend: Backend = "pandas", lang: str = "sw") -> Any:
    """One row per participant: who, from where, in which groups, how many days present.

    Columns: ``id``, ``person``, ``name`` (with honorific), ``organization``
    (id), ``organization_name`` (in *lang*), ``organization_kind``,
    ``region``, ``roles``, ``groups``, ``status``, ``days_attended`` (a count).

    >>> import egov_events as ee
    >>> frame = participants_frame(ee.examples.kikao_kazi_2019())
    >>> frame.shape
    (786, 11)
    >>> frame.loc[0, ["id", "organization", "organization_kind", "groups"]].tolist()
    ['p-0001', 'mofp', 'ministry', ('group-1', 'group-3')]
    >>> int(frame["days_attended"].sum())
    1748
    >>> str(frame["organization_kind"].dtype), str(frame["status"].dtype)
    ('category', 'category')

    Raises:
        ImportError: the backend's library is not installed (the message says
            which extra to install).
        ValueError: an unknown backend or language.

    """
    code = language(lang)
    columns = {
        "id": _text(),
        "person": _text(),
        "name": _text(),
        "organization": _text(),
        "organization_name": _text(),
        "organization_kind": _categories(OrganizationKind),
        "region": _text(),
        "roles": _Column("list", tuple(r.id for r in event.roles)),
        "groups": _Column("list", tuple(g.id for g in event.groups)),
        "status": _categories(RegistrationStatus),
        "days_attended": _Column("int"),
    }
    rows = []
    for p in event.participants:
        org = event.organization(p.organization)
        rows.append(
            (
                p.id,
                p.person,
                event.person(p.person).display_name,
                org.id,
                org.name.get(code),
                str(org.kind),
                p.region,
                tuple(sorted(p.roles)),
                tuple(sorted(p.groups)),
                str(p.status),
                len(p.days_attended),
            )
        )
    return _frame(backend, "participants_frame", columns, rows)


def sessions_frame(event: Event, *, backend: Backend = "pandas", lang: str = "sw") -> Any:
    """One row per session, by start: when, what, for whom.

    Columns: ``id``, ``kind``, ``title`` (in *lang*), ``start`` and ``end``
    (zone-aware, in the event's zone), ``day`` (of the start, in that zone),
    ``minutes``, ``room``, ``groups`` (empty: everyone present that day),
    ``speakers`` (a count), ``status``.

    >>> import egov_events as ee
    >>> frame = sessions_frame(ee.examples.kikao_kazi_2019())
    >>> str(frame["start"].dtype)
    'datetime64[ns, Africa/Dar_es_Salaam]'
    >>> first = frame.iloc[0]
    >>> first["id"], str(first["start"]), str(first["day"]), first["kind"]
    ('s-2019-01-30-registration', '2019-01-30 08:00:00+03:00', '2019-01-30', 'other')

    Raises:
        ImportError: the backend's library is not installed.
        ValueError: an unknown backend or language.

    """
    code = language(lang)
    zone = event.timezone.key
    columns = {
        "id": _text(),
        "kind": _categories(SessionKind),
        "title": _text(),
        "start": _Column("moment", zone=zone),
        "end": _Column("moment", zone=zone),
        "day": _Column("day"),
        "minutes": _Column("int"),
        "room": _text(),
        "groups": _Column("list", tuple(g.id for g in event.groups)),
        "speakers": _Column("int"),
        "status": _categories(SessionStatus),
    }
    rows = [
        (
            s.id,
            str(s.kind),
            s.title.get(code),
            s.start.astimezone(event.timezone),
            s.end.astimezone(event.timezone),
            event.day_of(s.start),
            int(s.duration.total_seconds() // 60),
            s.room,
            tuple(sorted(s.groups)),
            len(s.speakers),
            str(s.status),
        )
        for s in sorted(event.sessions, key=lambda s: (s.start.astimezone(UTC), s.id))
    ]
    return _frame(backend, "sessions_frame", columns, rows)


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def submissions_frame(
    event: Event, *, backend: Backend = "pandas", lang: str = "sw", replay: bool = False
) -> Any:
    """One row per submission, in rank order per call: its scores and the selection's verdict.

    The figures are those of :func:`egov_events.submissions.scores` and
    :func:`egov_events.submissions.select` (the call's quota): ``reviews``
    (a count), ``weighted_mean`` (the score that ranks), ``median``,
    ``spread``, ``rank`` (empty when not ranked), ``outcome``, ``selected``,
    ``reason`` and ``explanation`` (in *lang*). Other columns: ``call``,
    ``id``, ``title``, ``kind``, ``state``, ``organization``,
    ``organization_kind``, ``booth``.

    Submissions already accepted or rejected keep their places, as
    :func:`~egov_events.submissions.select` treats them. With *replay*,
    each is taken as it stood just before its last state change
    (:func:`egov_events.submissions.before`): the committee's decision is
    ranked again, with its quota line.

    >>> import egov_events as ee
    >>> event = ee.examples.kikao_kazi_2019()
    >>> frame = submissions_frame(event, replay=True)
    >>> frame.shape
    (24, 17)
    >>> frame.loc[:1, ["id", "weighted_mean", "rank", "selected", "reason"]].to_dict("records")
    [{'id': 'sub-21', 'weighted_mean': 4.7, 'rank': 1, 'selected': True, 'reason': 'within_quota'},
     {'id': 'sub-02', 'weighted_mean': 4.566666666666666, 'rank': 2, 'selected': True,
      'reason': 'within_quota'}]
    >>> int(frame["selected"].sum()), set(frame.loc[frame["selected"], "state"])
    (10, {'under_review'})
    >>> submissions_frame(event)["reason"].value_counts()[["already_accepted", "rejected"]].tolist()
    [10, 14]

    Raises:
        ImportError: the backend's library is not installed.
        ValueError: an unknown backend or language.

    """
    code = language(lang)
    columns = {
        "call": _categories(c.id for c in event.calls),
        "id": _text(),
        "title": _text(),
        "kind": _categories(SubmissionKind),
        "state": _categories(SubmissionState),
        "organization": _text(),
        "organization_kind": _categories(OrganizationKind),
        "reviews": _Column("int"),
        "weighted_mean": _Column("float"),
        "median": _Column("float"),
        "spread": _Column("float"),
        "rank": _Column("int", nullable=True),
        "outcome": _categories(Outcome),
        "selected": _Column("bool"),
        "reason": _categories(Reason),
        "explanation": _text(),
        "booth": _text(),
    }
    rows = []
    for call in event.calls:
        subs = [
            before(s, s.history[-1].at) if replay and s.history else s for s in call.submissions
        ]
        by_id = {s.id: s for s in subs}
        for placement in select(call, subs).placements:
            sub = by_id[placement.submission]
            summary = scores(call, sub)
            rows.append(
                (
                    call.id,
                    sub.id,
                    sub.title.get(code),
                    str(sub.kind),
                    str(sub.state),
                    sub.organization,
                    str(event.organization(sub.organization).kind),
                    summary.count,
                    _float(summary.weighted_mean),
                    _float(summary.median),
                    _float(summary.spread),
                    placement.rank,
                    str(placement.outcome),
                    placement.outcome is Outcome.SELECTED,
                    str(placement.reason),
                    placement.explain(code),
                    sub.booth,
                )
            )
    return _frame(backend, "submissions_frame", columns, rows)


def attendance_table(event: Event) -> Any:
    """An arrow table, one row per participant, that the attendance figures can be computed from.

    Columns: ``id``, ``organization_kind``, ``groups`` (a list of group
    ids) and ``days_present`` (a list of dates). Write it to parquet or load
    it into a database, then pass it as an ibis table to
    :func:`attendance_by_group` or :func:`attendance_by_organization_kind`:
    the counting is done by the engine.

    >>> import egov_events as ee
    >>> table = attendance_table(ee.examples.kikao_kazi_2019())
    >>> table.column_names, table.num_rows
    (['id', 'organization_kind', 'groups', 'days_present'], 786)

    Raises:
        ImportError: pyarrow is not installed (the ``sql`` extra).

    """
    pa = _load_sql("attendance_table", "pyarrow")
    rows = event.participants
    kinds = {o.id: str(o.kind) for o in event.organizations}
    return pa.table(
        {
            "id": pa.array([p.id for p in rows], pa.string()),
            "organization_kind": pa.array([kinds[p.organization] for p in rows], pa.string()),
            "groups": pa.array([sorted(p.groups) for p in rows], pa.list_(pa.string())),
            "days_present": pa.array(
                [sorted(p.days_attended) for p in rows], pa.list_(pa.date32())
            ),
        }
    )


def _load_sql(what: str, module: str = "ibis") -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = f"{what} over a table needs {module}, an optional extra: pip install egov-events[sql]"
        raise ImportError(msg) from None


def _sums(table: Any, measures: dict[str, Any]) -> dict[str, int]:
    """Each boolean measure counted over *table* by its engine, in one query."""
    ibis = _load_sql("attendance")
    sums = {name: ibis.ifelse(test, 1, 0).sum() for name, test in measures.items()}
    row = table.aggregate(**sums).to_pyarrow().to_pylist()[0]
    return {name: int(row[name] or 0) for name in measures}


def attendance_by_group(event: Event, *, backend: Backend = "pandas", table: Any = None) -> Any:
    """For each group and each of its days: how many are registered and how many came.

    Columns: ``group``, ``day``, ``registered`` (participants in the group),
    ``present`` (those of them recorded present that day), ``share``
    (present / registered; empty when none is registered).

    With *table*, an ibis table with the columns of :func:`attendance_table`
    (a parquet file, a PostgreSQL table), the counts are computed by its
    engine, in one query; *event* gives the groups and their days.

    >>> import egov_events as ee
    >>> table = attendance_by_group(ee.examples.kikao_kazi_2019())
    >>> [(g, str(d), r, p) for g, d, r, p in
    ...  table[["group", "day", "registered", "present"]].itertuples(index=False)]
    [('group-1', '2019-01-30', 520, 502), ('group-1', '2019-01-31', 520, 486),
     ('group-2', '2019-02-01', 170, 164), ('group-3', '2019-02-02', 786, 596)]

    Raises:
        ImportError: the backend's library is not installed.
        ValueError: an unknown backend.

    """
    columns = {
        "group": _Column("key", tuple(g.id for g in event.groups)),
        "day": _Column("day"),
        "registered": _Column("int"),
        "present": _Column("int"),
        "share": _Column("float"),
    }
    if table is not None:
        measures = {}
        for i, group in enumerate(event.groups):
            member = table.groups.contains(group.id)
            measures[f"g{i}"] = member
            for j, day in enumerate(group.days):
                measures[f"g{i}d{j}"] = member & table.days_present.contains(day)
        counts = _sums(table, measures)
    rows = []
    for i, group in enumerate(event.groups):
        members = event.participants_in(group) if table is None else ()
        registered = len(members) if table is None else counts[f"g{i}"]
        for j, day in enumerate(group.days):
            if table is None:
                present = sum(day in p.days_attended for p in members)
            else:
                present = counts[f"g{i}d{j}"]
            share = present / registered if registered else None
            rows.append((group.id, day, registered, present, share))
    return _frame(backend, "attendance_by_group", columns, rows)


def attendance_by_organization_kind(
    event: Event, *, backend: Backend = "pandas", table: Any = None
) -> Any:
    """For each kind of organization: how many participants, how many came, how many days.

    Columns: ``organization_kind`` (every kind, zeros included),
    ``participants``, ``present`` (recorded present on at least one day)
    and ``days_present`` (participant-days). With *table* (the columns of
    :func:`attendance_table`), the counts are computed by its engine.

    >>> import egov_events as ee
    >>> table = attendance_by_organization_kind(ee.examples.kikao_kazi_2019())
    >>> [(kind, n, days) for kind, n, _, days in table.head(3).itertuples(index=False)]
    [('ministry', 135, 325), ('independent_department', 16, 37), ('executive_agency', 43, 104)]
    >>> int(table["participants"].sum()), int(table["days_present"].sum())
    (786, 1748)

    Raises:
        ImportError: the backend's library is not installed.
        ValueError: an unknown backend.

    """
    columns = {
        "organization_kind": _categories(OrganizationKind),
        "participants": _Column("int"),
        "present": _Column("int"),
        "days_present": _Column("int"),
    }
    found: dict[str, list[int]] = {str(k): [0, 0, 0] for k in OrganizationKind}
    if table is None:
        kinds = {o.id: str(o.kind) for o in event.organizations}
        for p in event.participants:
            counts = found[kinds[p.organization]]
            counts[0] += 1
            counts[1] += bool(p.days_attended)
            counts[2] += len(p.days_attended)
    else:
        ibis = _load_sql("attendance_by_organization_kind")
        days = table.days_present.length()
        summary = table.group_by("organization_kind").aggregate(
            participants=table.count(),
            present=ibis.ifelse(days > 0, 1, 0).sum(),
            days_present=days.sum(),
        )
        for row in summary.to_pyarrow().to_pylist():
            if row["organization_kind"] in found:
                found[row["organization_kind"]] = [
                    int(row[name] or 0) for name in ("participants", "present", "days_present")
                ]
    rows = [(kind, *counts) for kind, counts in found.items()]
    return _frame(backend, "attendance_by_organization_kind", columns, rows)


def attendance_by_day(event: Event, *, backend: Backend = "pandas", lang: str = "sw") -> Any:
    """For each day of the event: who was expected and how many were present.

    Columns: ``day``, ``weekday`` (in *lang*), ``groups`` (those meeting
    that day), ``expected`` (participants of those groups), ``present``
    (recorded present, :meth:`egov_events.Event.attendance`).

    >>> import egov_events as ee
    >>> table = attendance_by_day(ee.examples.kikao_kazi_2019(), backend="polars")
    >>> table.select("day", "weekday", "expected", "present").rows()
    [(datetime.date(2019, 1, 30), 'Jumatano', 520, 502),
     (datetime.date(2019, 1, 31), 'Alhamisi', 520, 486),
     (datetime.date(2019, 2, 1), 'Ijumaa', 170, 164),
     (datetime.date(2019, 2, 2), 'Jumamosi', 786, 596)]

    Raises:
        ImportError: the backend's library is not installed.
        ValueError: an unknown backend or language.

    """
    code = language(lang)
    columns = {
        "day": _Column("day"),
        "weekday": _categories(DAY_NAMES[code]),
        "groups": _Column("list", tuple(g.id for g in event.groups)),
        "expected": _Column("int"),
        "present": _Column("int"),
    }
    attendance = event.attendance()
    rows = []
    for day in event.days:
        groups = tuple(g.id for g in event.groups if day in g.days)
        expected = sum(any(g in p.groups for g in groups) for p in event.participants)
        rows.append((day, DAY_NAMES[code][day.weekday()], groups, expected, attendance.get(day, 0)))
    return _frame(backend, "attendance_by_day", columns, rows)


def attendance_frame(event: Event, *, backend: Backend = "pandas") -> Any:
    """The long table: one row per participant and day of the event, expected or not.

    Columns: ``participant`` (id), ``organization`` (id),
    ``organization_kind``, ``group`` (the participant's group that meets
    that day, the first by id if several do; empty if none), ``day``,
    ``expected`` (a group of the participant meets that day) and
    ``present`` (recorded present that day). Attendance per institution
    kind per day is then one ``groupby``:

    >>> import egov_events as ee
    >>> frame = attendance_frame(ee.examples.kikao_kazi_2019())
    >>> frame.shape
    (3144, 7)
    >>> by_kind = frame.groupby(["organization_kind", "day"], observed=True)["present"].sum()
    >>> int(by_kind.loc[("university", "2019-02-02")])
    70

    In polars, ``group`` is a plain string column, so it joins with a table
    of plain strings without a cast:

    >>> import polars as pl
    >>> names = pl.DataFrame({"group": ["group-1", "group-2"], "name": ["Kwanza", "Pili"]})
    >>> joined = attendance_frame(ee.examples.kikao_kazi_2019(), backend="polars").join(
    ...     names, on="group")
    >>> joined.group_by("name").len().sort("name").rows()
    [('Kwanza', 1040), ('Pili', 170)]

    Raises:
        ImportError: the backend's library is not installed.
        ValueError: an unknown backend.

    """
    columns = {
        "participant": _text(),
        "organization": _text(),
        "organization_kind": _categories(OrganizationKind),
        "group": _Column("key", tuple(g.id for g in event.groups), nullable=True),
        "day": _Column("day"),
        "expected": _Column("bool"),
        "present": _Column("bool"),
    }
    meeting = {day: sorted(g.id for g in event.groups if day in g.days) for day in event.days}
    kinds = {o.id: str(o.kind) for o in event.organizations}
    rows = []
    for p in event.participants:
        for day in event.days:
            group = next((g for g in meeting[day] if g in p.groups), None)
            rows.append(
                (
                    p.id,
                    p.organization,
                    kinds[p.organization],
                    group,
                    day,
                    group is not None,
                    day in p.days_attended,
                )
            )
    return _frame(backend, "attendance_frame", columns, rows)


def expected_attendance(event: Event, *, backend: Backend = "pandas") -> Any:
    """For each group and each of its days: the answers its members gave to the invitation.

    Columns: ``group``, ``day``, ``registered`` (participants in the group),
    ``accepted``, ``tentative``, ``declined`` and ``no_answer`` (members
    without an answer for that day), and ``expected`` (accepted plus
    tentative). A member's answer for a day is the latest of their answer
    to the whole invitation and their answer to that day
    (:attr:`egov_events.Event.answers`, recorded by
    :func:`egov_events.revisions.apply_replies`).

    >>> import egov_events as ee
    >>> table = expected_attendance(ee.examples.kikao_kazi_2019())
    >>> [(g, str(d), r, n) for g, d, r, n in
    ...  table[["group", "day", "registered", "no_answer"]].itertuples(index=False)]
    [('group-1', '2019-01-30', 520, 520), ('group-1', '2019-01-31', 520, 520),
     ('group-2', '2019-02-01', 170, 170), ('group-3', '2019-02-02', 786, 786)]

    Raises:
        ImportError: the backend's library is not installed.
        ValueError: an unknown backend.

    """
    columns = {
        "group": _categories(g.id for g in event.groups),
        "day": _Column("day"),
        "registered": _Column("int"),
        "accepted": _Column("int"),
        "tentative": _Column("int"),
        "declined": _Column("int"),
        "no_answer": _Column("int"),
        "expected": _Column("int"),
    }
    from egov_events.revisions import answer_counts  # noqa: PLC0415 (lazy: loads on use)

    rows = [
        (
            c.group,
            c.day,
            c.registered,
            c.accepted,
            c.tentative,
            c.declined,
            c.no_answer,
            c.expected,
        )
        for c in answer_counts(event)
    ]
    return _frame(backend, "expected_attendance", columns, rows)
