"""Not a test module: mypy --strict checks this file against the stubs
(test_typing.py). It uses every public name the way an application would."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import List, Optional, Tuple, Union

import medcover
import medcover.frames as mf
from medcover.types import Channel, IncidentProblemCode, Outcome, ProviderType


def use(rules: medcover.RuleSet) -> Decimal:
    d: medcover.Decision = rules.evaluate({"date": datetime.date(2026, 1, 1)}, trace=True)
    day: datetime.date = d.date
    total: Decimal = d.totals.patient_pays + d.totals.insurer_pays + d.totals.discount + d.totals.price
    outcome: Outcome = d.lines[0].outcome
    ends: Optional[datetime.date] = d.lines[0].waiting_period_ends
    codes: List[str] = [r.code for r in d.lines[0].reasons] + d.lines[0].reason_codes
    usage: List[Decimal] = [u.remaining for u in d.lines[0].limits]
    steps: List[str] = [t.step for t in d.lines[0].trace]
    results: List[Union[medcover.Decision, medcover.MedcoverError]] = rules.evaluate_many(["{}"], threads=2)
    for r in results:
        if isinstance(r, medcover.RequestError):
            path: str = r.path
            index: Optional[int] = r.index
            del path, index
    try:
        medcover.RuleSet.from_json({"ruleset.json": "{}"})
    except medcover.RuleError as e:
        lines: List[Optional[int]] = [p.line for p in e.problems]
        del lines
    text: str = d.to_json(indent=2) + str(d.to_dict()) + str(medcover.Decision.from_json(d.to_json()))
    table = mf.line_columns(results)
    del day, outcome, ends, codes, usage, steps, text, table
    return total


def use_services(rules: medcover.RuleSet) -> Decimal:
    query = {"date": "2026-08-01", "member": {"id": "m"}}
    limits: medcover.LimitsReport = rules.limits_report(query)
    remaining: List[Decimal] = [line.remaining for line in limits.limits]
    waiting = rules.waiting_periods_report('{"date": "2026-08-01"}')
    ends: List[datetime.date] = [w.ends for w in waiting.waiting_periods]
    statement: medcover.Statement = rules.statement(query)
    period: datetime.date = statement.from_date
    providers: List[medcover.Provider] = rules.providers(state="SP", type="hospital")
    kinds: List[ProviderType] = [p.type for p in providers]
    answer = rules.helpdesk_channel(datetime.datetime(2026, 3, 10, 18, 1))
    channel: Channel = answer.channel
    window: Optional[Tuple[datetime.time, datetime.time]] = rules.helpdesk_channel("2026-03-10T10:15").window
    verdict: medcover.IncidentVerdict = rules.validate_incident({"system": "SIUI"})
    problems: List[IncidentProblemCode] = [p.code for p in verdict.problems]
    route: medcover.Route = rules.route("dispute")
    level: int = route.level
    checkup: bool = rules.checkup_eligibility(datetime.date(1987, 1, 1), "2026-03-01").eligible
    report: medcover.CaseReport = medcover.run_cases("rules")
    failed: int = report.failed
    del remaining, ends, period, kinds, channel, window, problems, level, checkup, failed
    return statement.total
