"""DataFrame helpers: pandas, polars and pyarrow tables of requests → lines."""

from __future__ import annotations

import copy
import datetime
import json
from decimal import Decimal

import pytest
from conftest import AUTH_REQUEST, PLAN_REQUEST

import medcover
import medcover.frames as mf

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")


def requests_json():
    bad = copy.deepcopy(PLAN_REQUEST)
    bad["clinic"] = "nowhere"
    return [json.dumps(AUTH_REQUEST), json.dumps(bad), json.dumps(PLAN_REQUEST)]


def check_lines(rows, *, with_error=True):
    """rows: list of dicts of one lines table (any library)."""
    assert [r["request_index"] for r in rows] == [0, 0, 0, 0, 0] + ([1] if with_error else []) + [2, 2]
    implant = rows[4]
    assert (implant["request_id"], implant["member"], implant["service"], implant["line_index"]) == ("r-1", "m-1", "MINI-IMPLANT", 4)
    assert implant["outcome"] == "not_covered" and implant["mode"] == "self_pay"
    assert implant["discount"] == Decimal("86.42") and implant["patient_pays"] == Decimal("1148.08")
    assert list(implant["reason_codes"]) == ["NOT_IN_PROGRAM", "LOYALTY_DISCOUNT"]
    assert implant["date"] == datetime.date(2026, 5, 10)
    assert implant["error"] is None
    yag = rows[3]
    assert list(yag["alternatives"]) == ["mini-b"] and yag["next_step"] == "reauthorize_at_other_clinic"
    therapy = rows[-1]
    assert therapy["waiting_period_ends"] == datetime.date(2026, 3, 17)
    assert rows[-2]["covered_quantity"] == 1 and rows[-2]["quantity"] == 2
    if with_error:
        err = rows[5]
        assert (err["error_kind"], err["error_path"]) == ("unknown_reference", "clinic")
        assert "nowhere" in err["error"] and err["service"] is None and err["line_index"] is None


def test_line_columns_match_evaluate(rules):
    results = rules.evaluate_many(requests_json())
    cols = mf.line_columns(results)
    assert list(cols) == mf.LINE_COLUMNS
    rows = [dict(zip(cols, values)) for values in zip(*cols.values())]
    check_lines(rows)
    with pytest.raises(medcover.RequestError):
        mf.line_columns(results, errors="raise")
    assert len(mf.line_columns(results, errors="skip")["service"]) == 7
    with pytest.raises(ValueError):
        mf.line_columns(results, errors="ignore")
    strings = mf.line_columns(results, money="string")
    assert strings["discount"][4] == "86.42" and strings["price"][0] == "250.00"
    with pytest.raises(TypeError):
        mf.line_columns([42])
    # shared immutable values, fresh lists
    assert cols["outcome"][0] is cols["outcome"][1]
    assert cols["reason_codes"][0] is not cols["reason_codes"][1]


def test_pyarrow_round_trip(rules):
    table = pa.table({"claim": ["c0", "c1", "c2"], "request": requests_json()})
    lines = mf.evaluate_arrow(rules, table, keep=["claim"])
    assert lines.column_names == ["claim", *mf.LINE_COLUMNS]
    assert lines.schema.field("price").type == pa.decimal128(18, 2)
    assert lines.schema.field("date").type == pa.date32()
    assert lines.schema.field("reason_codes").type == pa.list_(pa.string())
    rows = lines.to_pylist()
    check_lines(rows)
    assert [r["claim"] for r in rows] == ["c0"] * 5 + ["c1", "c2", "c2"]
    # A record batch works the same; structs (dict rows) too.
    assert mf.evaluate_arrow(rules, table.to_batches()[0]).to_pylist() == lines.drop_columns(["claim"]).to_pylist()
    structs = pa.table({"request": pa.array([AUTH_REQUEST, PLAN_REQUEST])})
    assert mf.evaluate_arrow(rules, structs).column("outcome").to_pylist() == mf.evaluate_arrow(
        rules, pa.table({"request": [json.dumps(AUTH_REQUEST), json.dumps(PLAN_REQUEST)]})
    ).column("outcome").to_pylist()
    as_strings = mf.evaluate_arrow(rules, table, money="string", errors="skip")
    assert as_strings.schema.field("price").type == pa.string() and as_strings.num_rows == 7
    with pytest.raises(KeyError):
        mf.evaluate_arrow(rules, table, "requests")
    with pytest.raises(ValueError):
        mf.evaluate_arrow(rules, table, money="float")


def test_money_scale_never_loses_digits():
    results = [medcover.Decision.from_json(json.dumps({
        "id": None, "member": "m", "date": "2026-01-01", "ruleset": "x", "requirements": [],
        "totals": {"price": "1.125", "insurer_pays": "0", "discount": "0", "patient_pays": "1.125"},
        "lines": [{"service": "S", "quantity": 1, "category": "consultation", "covered_quantity": 0,
                   "outcome": "not_covered", "mode": "self_pay", "reasons": [], "next_step": None,
                   "currency": "KWD", "price": "1.125", "insurer_pays": "0.000", "discount": "0.000",
                   "patient_pays": "1.125", "limits": [], "alternatives": []}]}))]
    with pytest.raises(ValueError, match="money_scale=3"):
        mf.lines_to_arrow(results)
    assert mf.lines_to_arrow(results, money_scale=3).column("price").to_pylist() == [Decimal("1.125")]


def test_pandas_round_trip(rules):
    frame = pd.DataFrame({"claim": ["c0", "c1", "c2"], "request": requests_json()})
    lines = mf.evaluate_pandas(rules, frame, keep=["claim"])
    assert list(lines.columns) == ["claim", *mf.LINE_COLUMNS]
    assert str(lines["line_index"].dtype) == "Int64" and str(lines["request_index"].dtype) == "Int64"
    assert all(type(v) is Decimal for v in lines["insurer_pays"].dropna())
    assert type(lines["date"][0]) is datetime.date
    rows = lines.to_dict("records")
    rows = [{k: (None if v is pd.NA else v) for k, v in r.items()} for r in rows]
    check_lines(rows)
    assert list(lines["claim"]) == ["c0"] * 5 + ["c1", "c2", "c2"]
    # dict rows (a column of dicts) give the same lines
    dicts = pd.DataFrame({"request": [json.loads(t) for t in requests_json()]})
    assert mf.evaluate_pandas(rules, dicts).equals(mf.evaluate_pandas(rules, frame.drop(columns=["claim"])))
    assert mf.evaluate_frame(rules, frame).equals(mf.evaluate_pandas(rules, frame))
    with pytest.raises(KeyError):
        mf.evaluate_pandas(rules, frame, "nope")


def test_polars_round_trip(rules):
    frame = pl.DataFrame({"claim": ["c0", "c1", "c2"], "request": requests_json()})
    lines = mf.evaluate_polars(rules, frame, keep=["claim"])
    assert lines.columns == ["claim", *mf.LINE_COLUMNS]
    assert lines.schema["price"] == pl.Decimal(18, 2)
    assert lines.schema["date"] == pl.Date
    assert lines.schema["reason_codes"] == pl.List(pl.String)
    check_lines(lines.to_dicts())
    # a struct column (dict rows: polars fills absent fields with null)
    # (polars infers a struct's fields from the first value unless told to
    # read them all: infer_schema_length=None)
    structs = pl.DataFrame([{"request": AUTH_REQUEST}, {"request": PLAN_REQUEST}], infer_schema_length=None)
    assert structs.schema["request"].__class__.__name__ == "Struct"
    out = mf.evaluate_polars(rules, structs)
    assert out.get_column("outcome").to_list() == [r["outcome"] for r in lines.to_dicts() if r["request_index"] != 1]
    assert mf.evaluate_frame(rules, frame).equals(mf.evaluate_polars(rules, frame))
    with pytest.raises(TypeError):
        mf.evaluate_frame(rules, [1, 2])


def test_rows_as_requests(rules):
    """column=None: each row is a request, its columns the request's fields."""
    expected = mf.evaluate_arrow(rules, pa.table({"request": [json.dumps(AUTH_REQUEST), json.dumps(PLAN_REQUEST)]}))
    outcomes = expected.column("outcome").to_pylist()
    rows = [{"claim": "c0", **AUTH_REQUEST}, {"claim": "c1", **PLAN_REQUEST}]
    # (Table.from_pylist takes its columns from the first row: build by column)
    names = list(dict.fromkeys(k for r in rows for k in r))
    arrow_rows = mf.evaluate_arrow(rules, pa.table({k: [r.get(k) for r in rows] for k in names}), None, keep=["claim"])
    assert arrow_rows.column("outcome").to_pylist() == outcomes
    assert arrow_rows.column("claim").to_pylist() == ["c0"] * 5 + ["c1"] * 2
    pandas_rows = mf.evaluate_pandas(rules, pd.DataFrame(rows), None, keep=["claim"])
    assert pandas_rows["outcome"].tolist() == outcomes and pandas_rows["error"].isna().all()
    polars_rows = mf.evaluate_polars(rules, pl.DataFrame(rows, infer_schema_length=None), None, keep=["claim"])
    assert polars_rows.get_column("outcome").to_list() == outcomes
    with pytest.raises(KeyError):
        mf.evaluate_pandas(rules, pd.DataFrame(rows), None, keep=["nope"])


def test_numpy_integers_are_integers(rules):
    import numpy as np

    request = json.loads(json.dumps(PLAN_REQUEST))
    request["services"][0]["quantity"] = np.int64(2)
    assert rules.evaluate(request) == rules.evaluate(PLAN_REQUEST)
    request["services"][0]["quantity"] = np.float64(2.0)
    with pytest.raises(medcover.RequestError):
        rules.evaluate(request)
