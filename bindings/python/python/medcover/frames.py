"""Tables of requests → tables of line decisions, for pandas, polars and pyarrow.

The input table has a column of requests (``column``, default ``"request"``):
JSON strings, or dicts / struct values shaped like the request contract. In
mappings, ``None`` means an absent field (struct columns carry ``None`` for
every field a row leaves out). Evaluation runs on ``RuleSet.evaluate_many``:
both cores, without the GIL.

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

import decimal
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

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

LINE_COLUMNS: List[str] = [
    "request_index",
    "request_id",
    "member",
    "date",
    "ruleset",
    "line_index",
    "service",
    "category",
    "quantity",
    "covered_quantity",
    "outcome",
    "mode",
    "program",
    "document",
    "next_step",
    "currency",
    "price",
    "insurer_pays",
    "discount",
    "patient_pays",
    "reason_codes",
    "waiting_period_ends",
    "alternatives",
    "error_kind",
    "error_path",
    "error",
]
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


def line_columns(results: Sequence[Result], *, errors: str = "row", money: str = "decimal") -> Dict[str, List[Any]]:
    """The results of ``evaluate_many`` as columns (dict of lists), one entry
    per line; ``request_index`` is the result's position."""
    _check(errors, money)
    cols: Dict[str, List[Any]] = {name: [] for name in LINE_COLUMNS}
    as_money = str if money == "string" else (lambda v: v)
    for i, result in enumerate(results):
        if isinstance(result, BaseException):
            if errors == "raise":
                raise result
            if errors == "skip":
                continue
            for name in LINE_COLUMNS:
                cols[name].append(None)
            cols["request_index"][-1] = i
            cols["error_kind"][-1] = getattr(result, "kind", "internal")
            cols["error_path"][-1] = getattr(result, "path", "")
            cols["error"][-1] = str(result)
            continue
        request_id, member, date, ruleset = result.id, result.member, result.date, result.ruleset
        for j, line in enumerate(result.lines):
            cols["request_index"].append(i)
            cols["request_id"].append(request_id)
            cols["member"].append(member)
            cols["date"].append(date)
            cols["ruleset"].append(ruleset)
            cols["line_index"].append(j)
            cols["service"].append(line.service)
            cols["category"].append(line.category)
            cols["quantity"].append(line.quantity)
            cols["covered_quantity"].append(line.covered_quantity)
            cols["outcome"].append(line.outcome)
            cols["mode"].append(line.mode)
            cols["program"].append(line.program)
            cols["document"].append(line.document)
            cols["next_step"].append(line.next_step)
            cols["currency"].append(line.currency)
            cols["price"].append(as_money(line.price))
            cols["insurer_pays"].append(as_money(line.insurer_pays))
            cols["discount"].append(as_money(line.discount))
            cols["patient_pays"].append(as_money(line.patient_pays))
            cols["reason_codes"].append(line.reason_codes)
            cols["waiting_period_ends"].append(line.waiting_period_ends)
            cols["alternatives"].append(line.alternatives)
            cols["error_kind"].append(None)
            cols["error_path"].append(None)
            cols["error"].append(None)
    return cols


def arrow_schema(*, money: str = "decimal", money_scale: int = 2) -> "pyarrow.Schema":
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


def _money_fits(cols: Dict[str, List[Any]], scale: int) -> None:
    quantum = decimal.Decimal(1).scaleb(-scale)
    for name in MONEY_COLUMNS:
        for v in cols[name]:
            if v is not None and v != v.quantize(quantum, rounding=decimal.ROUND_DOWN):
                raise ValueError(f"money value {v} in `{name}` has more than {scale} decimals: pass money_scale={-v.as_tuple().exponent}")


def lines_to_arrow(
    results: Sequence[Result], *, errors: str = "row", money: str = "decimal", money_scale: int = 2
) -> "pyarrow.Table":
    """The results of ``evaluate_many`` as an Arrow table of lines."""
    import pyarrow as pa

    cols = line_columns(results, errors=errors, money=money)
    if money == "decimal":
        _money_fits(cols, money_scale)
    return pa.table(cols, schema=arrow_schema(money=money, money_scale=money_scale))


def lines_to_pandas(results: Sequence[Result], *, errors: str = "row", money: str = "decimal") -> "pandas.DataFrame":
    """The results of ``evaluate_many`` as a pandas DataFrame of lines:
    ``Decimal`` money, ``datetime.date`` dates, nullable ``Int64`` counts."""
    import pandas as pd

    cols = line_columns(results, errors=errors, money=money)
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in cols.items()}, columns=LINE_COLUMNS)
    return frame.astype({name: "Int64" for name in INT_COLUMNS})


def _requests_from_arrow(table: Any, column: str) -> List[Any]:
    if column not in table.column_names:
        raise KeyError(f"no column `{column}` in the table; columns: {table.column_names}")
    values: List[Any] = table.column(column).to_pylist()
    return values


def evaluate_arrow(
    rules: RuleSet,
    table: "Union[pyarrow.Table, pyarrow.RecordBatch]",
    column: str = "request",
    *,
    keep: Sequence[str] = (),
    threads: Optional[int] = None,
    errors: str = "row",
    money: str = "decimal",
    money_scale: int = 2,
) -> "pyarrow.Table":
    """Evaluates the requests in ``table[column]`` (strings or structs) into an
    Arrow table of lines, ``keep`` columns first."""
    import pyarrow as pa

    _check(errors, money)
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    results = rules.evaluate_many(_requests_from_arrow(table, column), threads=threads, drop_nulls=True)
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
    column: str = "request",
    *,
    keep: Sequence[str] = (),
    threads: Optional[int] = None,
    errors: str = "row",
    money: str = "decimal",
) -> "pandas.DataFrame":
    """Evaluates the requests in ``frame[column]`` (JSON strings or dicts) into
    a pandas DataFrame of lines, ``keep`` columns first."""
    import pandas as pd

    _check(errors, money)
    if column not in frame.columns:
        raise KeyError(f"no column `{column}` in the frame; columns: {list(frame.columns)}")
    results = rules.evaluate_many(frame[column].tolist(), threads=threads, drop_nulls=True)
    lines = lines_to_pandas(results, errors=errors, money=money)
    if not keep:
        return lines
    kept = frame[list(keep)].iloc[lines["request_index"].astype("int64").to_numpy()].reset_index(drop=True)
    return pd.concat([kept, lines], axis=1)


def evaluate_polars(
    rules: RuleSet,
    frame: "polars.DataFrame",
    column: str = "request",
    *,
    keep: Sequence[str] = (),
    threads: Optional[int] = None,
    errors: str = "row",
    money: str = "decimal",
    money_scale: int = 2,
) -> "polars.DataFrame":
    """Evaluates the requests in ``frame[column]`` (strings or structs) into a
    polars DataFrame of lines (``Decimal(18, money_scale)`` money), ``keep``
    columns first. Needs pyarrow."""
    import polars as pl

    if column not in frame.columns:
        raise KeyError(f"no column `{column}` in the frame; columns: {frame.columns}")
    table = frame.select([column, *[k for k in keep if k != column]]).to_arrow()
    out = evaluate_arrow(
        rules, table, column, keep=keep, threads=threads, errors=errors, money=money, money_scale=money_scale
    )
    return pl.from_arrow(out)  # type: ignore[return-value]  # a Table gives a DataFrame


def evaluate_frame(rules: RuleSet, frame: Any, column: str = "request", **options: Any) -> Any:
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
