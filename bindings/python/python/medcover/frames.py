"""Tables of requests → tables of line decisions, for pandas, polars and pyarrow.

The input table has a column of requests (``column``, default ``"request"``):
JSON strings, or dicts / struct values shaped like the request contract. With
``column=None`` each row is a request: its columns (less the ``keep`` ones)
are the request's top-level fields (``date``, ``clinic``, ``member`` as a
dict or struct, ``services`` as a list…). In mappings, ``None`` means an absent field (struct columns carry ``None`` for
every field a row leaves out). Evaluation runs on ``RuleSet.evaluate_many``:
both cores, without the GIL, with ``messages=False``: a lines table carries
the reasons' codes, not their messages, so none is written.

The output has one row per decision line (see ``LINE_COLUMNS``), preceded by
the ``keep`` columns copied from the request's row. A request that fails gives
one row with ``error``, ``error_kind`` and ``error_path`` set and the line
fields empty (``errors="row"``, the default), or is left out
(``errors="skip"``), or raises its ``RequestError`` (``errors="raise"``).

With polars, build a struct column from dicts with
``infer_schema_length=None``: otherwise polars infers the struct's fields from
the first rows only and silently drops the fields the others add.

Money is exact: ``decimal.Decimal`` objects in pandas, ``decimal128(18,
money_scale)`` in Arrow and polars (or strings with ``money="string"``).
Dates are ``datetime.date`` / ``date32``.

    import medcover, medcover.frames as mf
    rules = medcover.RuleSet.load("rules")
    lines = mf.evaluate_pandas(rules, requests_df, keep=["claim_id"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

from . import _native
from .types import MoneyAs, OnError
from ._native import Decision, RuleSet

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import polars
    import pyarrow

__all__ = [
    "LINE_COLUMNS",
    "MONEY_COLUMNS",
    "line_columns",
    "arrow_schema",
    "lines_to_arrow",
    "lines_to_pandas",
    "evaluate_arrow",
    "evaluate_pandas",
    "evaluate_polars",
    "evaluate_frame",
]

LINE_COLUMNS: List[str] = list(_native.LINE_COLUMNS)
"""The columns of a lines table, in order (after any ``keep`` columns)."""

MONEY_COLUMNS: List[str] = ["price", "insurer_pays", "discount", "patient_pays"]
INT_COLUMNS: List[str] = ["request_index", "line_index", "quantity", "covered_quantity"]
_ERRORS = ("row", "skip", "raise")
_MONEY = ("decimal", "string")

Result = Union[Decision, BaseException]


def _check(errors: str, money: str) -> None:
    if errors not in _ERRORS:
        raise ValueError(f"errors must be one of {_ERRORS}, not {errors!r}")
    if money not in _MONEY:
        raise ValueError(f"money must be one of {_MONEY}, not {money!r}")


def line_columns(results: Sequence[Result], *, errors: OnError = "row", money: MoneyAs = "decimal") -> Dict[str, List[Any]]:
    """The results of ``evaluate_many`` as columns (dict of lists, keys in
    ``LINE_COLUMNS`` order), one entry per line; ``request_index`` is the
    result's position. Built natively: repeated values are shared objects."""
    _check(errors, money)
    return _native.line_columns(results, errors=errors, money=money)


def arrow_schema(*, money: MoneyAs = "decimal", money_scale: int = 2) -> "pyarrow.Schema":
    """The Arrow schema of a lines table (without ``keep`` columns)."""
    import pyarrow as pa

    money_type = pa.decimal128(18, money_scale) if money == "decimal" else pa.string()
    types = {
        "request_index": pa.int64(),
        "date": pa.date32(),
        "line_index": pa.int64(),
        "quantity": pa.int64(),
        "covered_quantity": pa.int64(),
        "reason_codes": pa.list_(pa.string()),
        "waiting_period_ends": pa.date32(),
        "alternatives": pa.list_(pa.string()),
    }
    for name in MONEY_COLUMNS:
        types[name] = money_type
    return pa.schema([(name, types.get(name, pa.string())) for name in LINE_COLUMNS])


def lines_to_arrow(
    results: Sequence[Result], *, errors: OnError = "row", money: MoneyAs = "decimal", money_scale: int = 2
) -> "pyarrow.Table":
    """The results of ``evaluate_many`` as an Arrow table of lines."""
    import pyarrow as pa

    _check(errors, money)
    scale = money_scale if money == "decimal" else None
    cols = _native.line_columns(results, errors=errors, money=money, money_scale=scale)
    return pa.table(cols, schema=arrow_schema(money=money, money_scale=money_scale))


def lines_to_pandas(results: Sequence[Result], *, errors: OnError = "row", money: MoneyAs = "decimal") -> "pandas.DataFrame":
    """The results of ``evaluate_many`` as a pandas DataFrame of lines:
    ``Decimal`` money, ``datetime.date`` dates, nullable ``Int64`` counts."""
    import pandas as pd

    cols = line_columns(results, errors=errors, money=money)
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in cols.items()}, columns=LINE_COLUMNS)
    return frame.astype({name: "Int64" for name in INT_COLUMNS})


def _requests_from_arrow(table: Any, column: Optional[str], keep: Sequence[str]) -> List[Any]:
    for name in [column, *keep] if column is not None else keep:
        if name not in table.column_names:
            raise KeyError(f"no column `{name}` in the table; columns: {table.column_names}")
    if column is None:
        rows: List[Any] = table.drop_columns(list(keep)).to_pylist()
        return rows
    values: List[Any] = table.column(column).to_pylist()
    return values


def evaluate_arrow(
    rules: RuleSet,
    table: "Union[pyarrow.Table, pyarrow.RecordBatch]",
    column: Optional[str] = "request",
    *,
    keep: Sequence[str] = (),
    threads: Optional[int] = None,
    errors: OnError = "row",
    money: MoneyAs = "decimal",
    money_scale: int = 2,
) -> "pyarrow.Table":
    """Evaluates the requests in ``table[column]`` (strings or structs) into an
    Arrow table of lines, ``keep`` columns first."""
    import pyarrow as pa

    _check(errors, money)
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    results = rules.evaluate_many(_requests_from_arrow(table, column, keep), threads=threads, drop_nulls=True, messages=False)
    lines = lines_to_arrow(results, errors=errors, money=money, money_scale=money_scale)
    if not keep:
        return lines
    kept = table.select(list(keep)).take(lines.column("request_index"))
    for k, name in enumerate(keep):
        lines = lines.add_column(k, kept.schema.field(name), kept.column(name))
    return lines


def evaluate_pandas(
    rules: RuleSet,
    frame: "pandas.DataFrame",
    column: Optional[str] = "request",
    *,
    keep: Sequence[str] = (),
    threads: Optional[int] = None,
    errors: OnError = "row",
    money: MoneyAs = "decimal",
) -> "pandas.DataFrame":
    """Evaluates the requests in ``frame[column]`` (JSON strings or dicts) into
    a pandas DataFrame of lines, ``keep`` columns first."""
    import pandas as pd

    _check(errors, money)
    for name in [column, *keep] if column is not None else keep:
        if name not in frame.columns:
            raise KeyError(f"no column `{name}` in the frame; columns: {list(frame.columns)}")
    if column is None:
        rows = frame.drop(columns=list(keep)).astype(object)
        requests: List[Any] = rows.where(rows.notna(), None).to_dict("records")
    else:
        requests = frame[column].tolist()
    results = rules.evaluate_many(requests, threads=threads, drop_nulls=True, messages=False)
    lines = lines_to_pandas(results, errors=errors, money=money)
    if not keep:
        return lines
    kept = frame[list(keep)].iloc[lines["request_index"].astype("int64").to_numpy()].reset_index(drop=True)
    return pd.concat([kept, lines], axis=1)


def evaluate_polars(
    rules: RuleSet,
    frame: "polars.DataFrame",
    column: Optional[str] = "request",
    *,
    keep: Sequence[str] = (),
    threads: Optional[int] = None,
    errors: OnError = "row",
    money: MoneyAs = "decimal",
    money_scale: int = 2,
) -> "polars.DataFrame":
    """Evaluates the requests in ``frame[column]`` (strings or structs) into a
    polars DataFrame of lines (``Decimal(18, money_scale)`` money), ``keep``
    columns first. Needs pyarrow."""
    import polars as pl

    for name in [column, *keep] if column is not None else keep:
        if name not in frame.columns:
            raise KeyError(f"no column `{name}` in the frame; columns: {frame.columns}")
    table = frame.to_arrow() if column is None else frame.select([column, *[k for k in keep if k != column]]).to_arrow()
    out = evaluate_arrow(
        rules, table, column, keep=keep, threads=threads, errors=errors, money=money, money_scale=money_scale
    )
    return pl.from_arrow(out)  # type: ignore[return-value]  # a Table gives a DataFrame


def evaluate_frame(rules: RuleSet, frame: Any, column: Optional[str] = "request", **options: Any) -> Any:
    """``evaluate_pandas``, ``evaluate_polars`` or ``evaluate_arrow``, by the
    type of ``frame``."""
    module = type(frame).__module__.split(".")[0]
    if module == "pandas":
        return evaluate_pandas(rules, frame, column, **options)
    if module == "polars":
        return evaluate_polars(rules, frame, column, **options)
    if module == "pyarrow":
        return evaluate_arrow(rules, frame, column, **options)
    raise TypeError(f"expected a pandas, polars or pyarrow table, not {type(frame).__name__}")
