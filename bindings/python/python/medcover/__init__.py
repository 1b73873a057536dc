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

Beside evaluation: member reports (``limits_report``, ``waiting_periods_report``,
``statement``), the provider directory (``providers``), the helpdesk
(``helpdesk_channel``, ``validate_incident``), insurance representatives
(``route``, ``checkup_eligibility``) and ``medcover.run_cases(folder)`` for the
rule authors' cases.

Money is ``decimal.Decimal`` (never float: floats in input are refused), dates
are ``datetime.date``. ``medcover.frames`` evaluates pandas, polars and pyarrow
tables; ``medcover.spark`` evaluates a Spark DataFrame.
"""

from . import types
from ._errors import MedcoverError, RequestError, RuleError, RuleProblem
from ._native import (
    REASON_CODES,
    CaseReport,
    CaseResult,
    ChannelAnswer,
    CheckupAnswer,
    Decision,
    IncidentProblem,
    IncidentVerdict,
    LimitLine,
    LimitsReport,
    ReportHeader,
    LimitUsage,
    Line,
    Provider,
    Reason,
    Route,
    RuleSet,
    Statement,
    StatementLine,
    Totals,
    TraceStep,
    WaitingPeriod,
    WaitingPeriodsReport,
    __version__,
    run_cases,
)

__all__ = [
    "RuleSet",
    "Decision",
    "Line",
    "Reason",
    "LimitUsage",
    "Totals",
    "TraceStep",
    "LimitsReport",
    "ReportHeader",
    "LimitLine",
    "WaitingPeriodsReport",
    "WaitingPeriod",
    "Statement",
    "StatementLine",
    "Provider",
    "ChannelAnswer",
    "IncidentVerdict",
    "IncidentProblem",
    "Route",
    "CheckupAnswer",
    "CaseReport",
    "CaseResult",
    "run_cases",
    "MedcoverError",
    "RuleError",
    "RuleProblem",
    "RequestError",
    "REASON_CODES",
    "__version__",
    "types",
]
