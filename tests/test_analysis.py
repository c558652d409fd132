from __future__ import annotations

import builtins
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest

import egov_events as ee
import egov_events.analysis
import egov_events.model
from egov_events.analysis import (
    attendance_by_day,
    attendance_by_group,
    attendance_frame,
    participants_frame,
    sessions_frame,
    submissions_frame,
)

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

EAT = ZoneInfo("Africa/Dar_es_Salaam")
FRAMES: list[Callable[..., Any]] = [
    participants_frame,
    sessions_frame,
    submissions_frame,
    attendance_by_group,
]


@pytest.fixture(scope="module")
def event() -> ee.Event:
    return ee.examples.kikao_kazi_2019()


def test_participants_one_row_each_with_typed_columns(event: ee.Event) -> None:
    frame = participants_frame(event)
    assert 786 == len(frame)
    assert [p.id for p in event.participants] == frame["id"].tolist()
    assert "category" == str(frame["organization_kind"].dtype)
    assert [str(k) for k in ee.OrganizationKind] == list(frame["organization_kind"].cat.categories)
    first = frame.iloc[0]
    assert ("p-0001", "mofp", ("ict_officer",), ("group-1", "group-3"), 2, "Dar es Salaam") == (
        first["id"],
        first["organization"],
        first["roles"],
        first["groups"],
        first["days_attended"],
        first["region"],
    )
    english = participants_frame(event, lang="en")
    assert "Ministry of Finance and Planning" == english.loc[0, "organization_name"]


def test_sessions_are_zone_aware_in_the_event_zone(event: ee.Event) -> None:
    frame = sessions_frame(event)
    assert "datetime64[ns, Africa/Dar_es_Salaam]" == str(frame["start"].dtype)
    opening = frame.set_index("id").loc["s-2019-01-30-opening"]
    assert datetime(2019, 1, 30, 9, tzinfo=EAT) == opening["start"].to_pydatetime()
    assert (60, "opening", ("group-1",)) == (opening["minutes"], opening["kind"], opening["groups"])
    polars = sessions_frame(event, backend="polars")
    assert pl.Datetime("us", time_zone="Africa/Dar_es_Salaam") == polars.schema["start"]
    assert frame["id"].tolist() == polars["id"].to_list()


def test_submissions_replayed_show_the_quota_line(event: ee.Event) -> None:
    frame = submissions_frame(event, replay=True)
    assert list(range(1, 25)) == frame["rank"].tolist()
    assert [True] * 10 + [False] * 14 == frame["selected"].tolist()
    assert ["within_quota"] * 10 + ["waiting_list"] * 14 == frame["reason"].astype(str).tolist()
    selected = {s.id for s in event.calls[0].submissions if s.booth is not None}
    assert selected == set(frame.loc[frame["selected"], "id"])
    assert (3, 4.7, 4.7, 0.0) == tuple(
        frame.loc[0, ["reviews", "weighted_mean", "median", "spread"]]
    )
    assert (
        "orodha ya akiba, wa 14: nafasi ya 24 kati ya 24, alama 2.13, "
        "chini ya mstari wa nafasi 10 (alama ya mstari 3.87)"
    ) == frame.loc[23, "explanation"]


def test_submissions_as_they_stand_keep_their_places(event: ee.Event) -> None:
    frame = submissions_frame(event, backend="polars", lang="en")
    assert 10 == frame["selected"].sum()
    assert {"already_accepted": 10, "rejected": 14} == dict(
        frame.group_by("reason").len().select(pl.col("reason").cast(pl.String), "len").rows()
    )
    assert pl.Enum([str(s) for s in ee.SubmissionState]) == frame.schema["state"]


def test_attendance_by_group_and_by_day(event: ee.Event) -> None:
    by_group = attendance_by_group(event, backend="polars")
    assert [
        ("group-1", date(2019, 1, 30), 520, 502),
        ("group-1", date(2019, 1, 31), 520, 486),
        ("group-2", date(2019, 2, 1), 170, 164),
        ("group-3", date(2019, 2, 2), 786, 596),
    ] == by_group.select(pl.col("group").cast(pl.String), "day", "registered", "present").rows()
    by_day = attendance_by_day(event, lang="en")
    assert ["Wednesday", "Thursday", "Friday", "Saturday"] == by_day["weekday"].astype(str).tolist()
    assert list(event.attendance().values()) == by_day["present"].tolist()


@pytest.mark.parametrize("function", FRAMES)
def test_both_backends_give_the_same_table(event: ee.Event, function: Any) -> None:
    pandas_frame = function(event)
    polars_frame = function(event, backend="polars")
    assert list(pandas_frame.columns) == polars_frame.columns
    assert pandas_frame.shape == polars_frame.shape
    assert pandas_frame["present" if "present" in pandas_frame else "id"].tolist() == (
        polars_frame["present" if "present" in pandas_frame else "id"].to_list()
    )


def test_an_empty_event_gives_empty_tables(event: ee.Event) -> None:
    empty = attrs.evolve(event, participants=(), calls=(), groups=(), sessions=())
    assert (0, 11) == participants_frame(empty).shape
    assert (0, 11) == sessions_frame(empty, backend="polars").shape
    assert (0, 17) == submissions_frame(empty).shape
    assert [0, 0, 0, 0] == attendance_by_day(empty)["present"].tolist()


def test_a_missing_backend_names_the_extra_to_install(
    event: ee.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        if name in ("pandas", "polars"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)
    monkeypatch.delitem(__import__("sys").modules, "pandas")
    monkeypatch.delitem(__import__("sys").modules, "polars")
    with pytest.raises(ImportError) as caught:
        participants_frame(event)
    assert (
        "participants_frame with backend='pandas' needs pandas, an optional extra: "
        "pip install egov-events[pandas]"
    ) == str(caught.value)
    with pytest.raises(ImportError) as caught:
        attendance_by_group(event, backend="polars")
    assert (
        "attendance_by_group with backend='polars' needs polars, an optional extra: "
        "pip install egov-events[polars]"
    ) == str(caught.value)


def test_an_unknown_backend_is_an_error(event: ee.Event) -> None:
    with pytest.raises(ValueError, match=r"^") as caught:
        sessions_frame(event, backend="spark")  # type: ignore[arg-type]
    assert "unknown backend 'spark': expected 'pandas' or 'polars'" == str(caught.value)


def test_html_tables_escape_every_text(event: ee.Event) -> None:
    person = attrs.evolve(event.participants[0], region="<script>&")
    html = person._repr_html_()
    assert "<td style='text-align:left'>&lt;script&gt;&amp;</td>" in html
    assert "<script>" not in html
    session = attrs.evolve(event.sessions[1], title=ee.LocalizedText.of(sw="A & <B>", en="x"))
    assert "<td style='text-align:left'>A &amp; &lt;B&gt;</td>" in session._repr_html_()
    assert event._repr_html_().startswith("<table><caption>Event kikao-kazi-2019</caption>")


def test_the_long_attendance_table_is_one_groupby_from_per_kind_per_day(event: ee.Event) -> None:
    frame = attendance_frame(event)
    assert [
        "participant",
        "organization",
        "organization_kind",
        "group",
        "day",
        "expected",
        "present",
    ] == list(frame.columns)
    assert len(event.participants) * len(event.days) == len(frame)
    assert "category" == str(frame["organization_kind"].dtype)
    per_day = frame.groupby("day")["present"].sum()
    assert [502, 486, 164, 596] == [int(n) for n in per_day]
    by_kind = frame.groupby(["organization_kind", "day"], observed=False)["present"].sum()
    expected = sum(
        1
        for p in event.participants
        if event.organization(p.organization).kind is ee.OrganizationKind.MINISTRY
        and date(2019, 1, 30) in p.days_attended
    )
    assert expected == int(by_kind.loc[("ministry", "2019-01-30")])
    assert not frame.loc[(frame["day"] == "2019-02-01") & (frame["group"] == "group-1")].size


def test_group_and_role_columns_join_with_plain_strings_in_polars(event: ee.Event) -> None:
    names = pl.DataFrame({"group": ["group-1", "group-2", "group-3"], "n": [1, 2, 3]})
    long = attendance_frame(event, backend="polars")
    assert pl.String == long.schema["group"]
    assert len(long.filter(pl.col("expected"))) == len(long.join(names, on="group"))
    by_group = attendance_by_group(event, backend="polars").join(names, on="group")
    assert [1, 1, 2, 3] == by_group["n"].to_list()
    people = participants_frame(event, backend="polars")
    assert pl.List(pl.String) == people.schema["roles"]
    roles = pl.DataFrame({"role": ["researcher"], "wanted": [True]})
    exploded = people.explode("roles").rename({"roles": "role"}).join(roles, on="role")
    assert sum("researcher" in p.roles for p in event.participants) == len(exploded)
