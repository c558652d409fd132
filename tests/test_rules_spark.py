"""Rules on Apache Spark through ibis: the same members as everywhere, on a local[1] session.

Marked ``spark`` and run by ``make test-spark`` (pyspark is a large extra);
skipped when pyspark or Java 17 or later is missing. The data goes to Spark
as parquet files: loading arrow tables straight into classic PySpark turns a
NULL string into the text ``'NaN'``, which would flip a negated leaf.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import egov_events as ee
from egov_events import rules
from egov_events.rules import Rule
from tests.test_rules_sql import SEEDS, cases_with_nulls, expected_members

pytestmark = [
    pytest.mark.spark,
    # py4j (PySpark's bridge to the JVM) leaves its sockets to the garbage collector.
    pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning"),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning"
    ),
]

ibis = pytest.importorskip("ibis")
pq = pytest.importorskip("pyarrow.parquet")


def _java_major() -> int:
    java = shutil.which("java")
    if java is None:
        return 0
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)  # noqa: S603
    found = re.search(r'version "(\d+)', out.stderr + out.stdout)
    return int(found.group(1)) if found else 0


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One local Spark session, one core, bound to 127.0.0.1, no web UI."""
    sql = pytest.importorskip("pyspark.sql")
    pytest.importorskip("ibis.backends.pyspark")
    if _java_major() < 17:
        pytest.skip("Spark needs Java 17 or later (Debian package openjdk-17-jre-headless)")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (
        sql.SparkSession.builder.master("local[1]")
        .appName("egov-events-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
        .getOrCreate()
    )
    try:
        yield ibis.pyspark.connect(session)
    finally:
        session.stop()


def test_the_seed_groups_on_spark(spark: Any, tmp_path: Path) -> None:
    event = ee.examples.kikao_kazi_2019()
    path = tmp_path / "participants.parquet"
    pq.write_table(rules.rule_table(event), path)
    table = spark.read_parquet(str(path))
    assert SEEDS == {g: len(rules.members(event, g, backend=table)) for g in SEEDS}


@settings(
    max_examples=10,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases_with_nulls())
def test_spark_admits_the_same_people_nulls_included(
    spark: Any, tmp_path: Path, case: tuple[ee.Event, Rule, Any]
) -> None:
    event, rule, arrow = case
    path = tmp_path / f"generated-{id(arrow)}.parquet"
    pq.write_table(arrow, path)
    table = spark.read_parquet(str(path))
    assert expected_members(event, rule) == rules.members(event, rule, backend=table)
