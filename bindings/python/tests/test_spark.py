"""PySpark in local mode: medcover.spark.evaluate_dataframe (mapInArrow)."""

from __future__ import annotations

import copy
import datetime
import json
import os
import sys
from decimal import Decimal

import pytest
from conftest import AUTH_REQUEST, FIXTURE, PLAN_REQUEST, fixture_files

import medcover

pyspark = pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():
    import shutil

    from pyspark.sql import SparkSession

    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (java on PATH or JAVA_HOME)")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("medcover-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_evaluate_dataframe_of_json_and_structs(spark):
    from medcover.spark import evaluate_dataframe

    bad = copy.deepcopy(PLAN_REQUEST)
    bad["clinic"] = "nowhere"
    rows = [("c0", json.dumps(AUTH_REQUEST)), ("c1", json.dumps(bad)), ("c2", json.dumps(PLAN_REQUEST))]
    df = spark.createDataFrame(rows, "claim string, request string").repartition(2)
    lines = evaluate_dataframe(df, str(FIXTURE), keep=["claim"])
    assert lines.columns[0] == "claim" and "request_index" not in lines.columns
    types = dict(lines.dtypes)
    assert types["price"] == "decimal(18,2)" and types["date"] == "date"
    assert types["reason_codes"] == "array<string>" and types["quantity"] == "bigint"
    got = sorted(lines.collect(), key=lambda r: (r["claim"], r["line_index"] if r["line_index"] is not None else -1))
    assert [r["claim"] for r in got] == ["c0"] * 5 + ["c1", "c2", "c2"]
    implant = got[4]
    assert implant["service"] == "MINI-IMPLANT" and implant["discount"] == Decimal("86.42")
    assert implant["reason_codes"] == ["NOT_IN_PROGRAM", "LOYALTY_DISCOUNT"]
    assert implant["date"] == datetime.date(2026, 5, 10)
    err = got[5]
    assert (err["error_kind"], err["error_path"], err["service"]) == ("unknown_reference", "clinic", None)
    assert got[7]["waiting_period_ends"] == datetime.date(2026, 3, 17)

    # The same requests as a struct column (spark.read.json infers it), rules
    # given in memory, bad requests skipped.
    structs = spark.read.json(spark.sparkContext.parallelize([r for _, r in rows]))
    in_memory = evaluate_dataframe(structs.selectExpr("struct(*) as request"), fixture_files(), errors="skip")
    outcomes = sorted((r["request_id"], r["line_index"], r["outcome"]) for r in in_memory.collect())
    assert outcomes == sorted((r["request_id"], r["line_index"], r["outcome"]) for r in got if r["error"] is None)
    # Each row a request (column=None): the struct's fields are the row's columns.
    as_rows = evaluate_dataframe(structs, str(FIXTURE), None, errors="skip")
    assert sorted((r["request_id"], r["line_index"], r["outcome"]) for r in as_rows.collect()) == outcomes


def test_rule_errors_surface_on_the_driver(spark, tmp_path):
    from medcover.spark import evaluate_dataframe

    df = spark.createDataFrame([("{}",)], "request string")
    with pytest.raises(medcover.RuleError):
        evaluate_dataframe(df, str(tmp_path))
    with pytest.raises(KeyError):
        evaluate_dataframe(df, str(FIXTURE), "nope")
