"""Evaluating a Spark DataFrame of requests with ``mapInArrow``.

    from medcover.spark import evaluate_dataframe
    lines = evaluate_dataframe(requests_df, "rules", column="request", keep=["claim_id"])

``requests_df[column]`` holds JSON strings or structs shaped like the request
contract (with ``column=None``, each row is a request: its columns less the
``keep`` ones are the request's fields) (dates as ``date`` or ISO strings, money as ``decimal`` or strings,
never ``double``). The result has one row per decision line with the columns
of ``medcover.frames.LINE_COLUMNS`` (less ``request_index``, which has no
meaning across partitions), ``keep`` columns first: money as
``decimal(18, money_scale)``, dates as ``date``, reason codes and
alternatives as ``array<string>``; a failed request gives one row with
``error``/``error_kind``/``error_path`` (``errors="row"``).

The rules are read and checked on the driver (a ``RuleError`` is raised
there) and shipped to the executors as text, so executors need the
``medcover`` wheel installed but no access to the rules folder. Each Python
worker builds the rules once and reuses them for every batch.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Sequence, Union

from ._native import RuleSet
from .types import MoneyAs, OnError

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["evaluate_dataframe", "spark_schema", "rule_sources"]

RuleSources = List[Dict[str, str]]

_CACHE: Dict[str, RuleSet] = {}


def rule_sources(path: Union[str, "os.PathLike[str]"]) -> RuleSources:
    """The rule files under ``path`` as text: one mapping (file name → JSON
    text) per rule set. ``path`` is a rule-set folder (it has a
    ``ruleset.json``) or a folder of them, as for ``RuleSet.load``."""
    root = os.fspath(path)

    def read_set(folder: str) -> Dict[str, str]:
        files: Dict[str, str] = {}
        for name in sorted(os.listdir(folder)):
            full = os.path.join(folder, name)
            if name.endswith(".json") and os.path.isfile(full):
                with open(full, encoding="utf-8") as f:
                    files[name] = f.read()
        return files

    if os.path.isfile(os.path.join(root, "ruleset.json")):
        return [read_set(root)]
    return [
        read_set(os.path.join(root, d))
        for d in sorted(os.listdir(root))
        if os.path.isfile(os.path.join(root, d, "ruleset.json"))
    ]


def _key(sources: RuleSources) -> str:
    digest = hashlib.sha256()
    for files in sources:
        for name, text in sorted(files.items()):
            digest.update(name.encode())
            digest.update(b"\0")
            digest.update(text.encode())
            digest.update(b"\0")
        digest.update(b"\1")
    return digest.hexdigest()


def _rules(key: str, sources: RuleSources) -> RuleSet:
    rules = _CACHE.get(key)
    if rules is None:
        rules = RuleSet.from_json(sources)
        _CACHE[key] = rules
    return rules


def spark_schema(input_schema: "StructType", keep: Sequence[str] = (), *, money: MoneyAs = "decimal", money_scale: int = 2) -> "StructType":
    """The Spark schema of the lines table: ``keep`` fields (as in
    ``input_schema``), then the line columns."""
    from pyspark.sql.types import (
        ArrayType,
        DateType,
        DecimalType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    from .frames import INT_COLUMNS, LINE_COLUMNS, MONEY_COLUMNS

    fields = [input_schema[name] for name in keep]
    for name in LINE_COLUMNS:
        if name == "request_index":
            continue
        if name in MONEY_COLUMNS:
            t: Any = DecimalType(18, money_scale) if money == "decimal" else StringType()
        elif name in INT_COLUMNS:
            t = LongType()
        elif name in ("date", "waiting_period_ends"):
            t = DateType()
        elif name in ("reason_codes", "alternatives"):
            t = ArrayType(StringType())
        else:
            t = StringType()
        fields.append(StructField(name, t, True))
    return StructType(fields)


def evaluate_dataframe(
    df: "DataFrame",
    rules: Union[str, "os.PathLike[str]", Mapping[str, Any], Sequence[Mapping[str, Any]]],
    column: Optional[str] = "request",
    *,
    keep: Sequence[str] = (),
    errors: OnError = "row",
    money: MoneyAs = "decimal",
    money_scale: int = 2,
) -> "DataFrame":
    """Evaluates ``df[column]`` on the executors into a DataFrame of lines.

    ``rules`` is a rules folder (read on the driver) or rule files in memory
    as ``RuleSet.from_json`` takes them. ``errors="raise"`` fails the job on
    the first bad request; ``"skip"`` drops bad requests; ``"row"`` (default)
    reports them as rows."""
    from . import frames

    frames._check(errors, money)
    if isinstance(rules, (str, os.PathLike)):
        RuleSet.load(rules)  # checks on the driver, with file paths in problems
        sources = rule_sources(rules)
    elif isinstance(rules, Mapping):
        sources = [dict(rules)]
    else:
        sources = [dict(files) for files in rules]
    RuleSet.from_json(sources)
    key = _key(sources)
    keep = list(keep)
    for name in [column, *keep] if column is not None else keep:
        if name not in df.columns:
            raise KeyError(f"no column `{name}` in the DataFrame; columns: {df.columns}")
    schema = spark_schema(df.schema, keep, money=money, money_scale=money_scale)
    if column is None:
        from pyspark.sql import functions as F

        column = "__medcover_request"
        fields = [c for c in df.columns if c not in keep]
        selected = df.select(F.struct(*fields).alias(column), *keep)
    else:
        selected = df.select(*dict.fromkeys([column, *keep]))
    request_column: str = column

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        evaluator = _rules(key, sources)
        for batch in batches:
            table = frames.evaluate_arrow(
                evaluator, batch, request_column, keep=keep, threads=1,
                errors=errors, money=money, money_scale=money_scale,
            )
            table = table.drop_columns(["request_index"])
            yield from table.to_batches()

    return selected.mapInArrow(run, schema)
