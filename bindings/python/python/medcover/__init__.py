"""medcover: health-insurance coverage decisions.

Load rules once, then ask: is this service covered for this member, on this
date, at this clinic; who pays what; which limits and waiting periods apply;
what must happen next; and why (stable reason codes)::

    import medcover

    rules = medcover.RuleSet.load("rules")            # a folder of rule sets, or one
    decision = rules.evaluate({"date": "2026-05-10", "clinic": "ro-oftalmo-cluj", ...})
    for line in decision.lines:
        print(line.service, line.outcome, line.insurer_pays)   # Decimal money

    results = rules.evaluate_many(requests)           # both cores, GIL released;
                                                      # a Decision or a RequestError per item

Money is ``decimal.Decimal`` (never float: floats in input are refused), dates
are ``datetime.date``. ``medcover.frames`` evaluates pandas, polars and pyarrow
tables; ``medcover.spark`` evaluates a Spark DataFrame.
"""

from . import types
from ._errors import MedcoverError, RequestError, RuleError, RuleProblem
from ._native import (
    REASON_CODES,
    Decision,
    LimitUsage,
    Line,
    Reason,
    RuleSet,
    Totals,
    TraceStep,
    __version__,
)

__all__ = [
    "RuleSet",
    "Decision",
    "Line",
    "Reason",
    "LimitUsage",
    "Totals",
    "TraceStep",
    "MedcoverError",
    "RuleError",
    "RuleProblem",
    "RequestError",
    "REASON_CODES",
    "__version__",
    "types",
]
